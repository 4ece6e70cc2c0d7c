import ClusterModel
import Foundation
import Screens

/// A recording made by `slotscope record` (or `watch --record`), read back for `replay`:
/// the header line, then one poll per line.
struct Recording {
    var target: String
    var started: String
    var polls: [PollResult]

    /// Reads and checks `path`. Every problem is one line naming the file, the line and
    /// what to do.
    static func read(_ path: String) throws(CLIError) -> Recording {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("cannot read \(path): check the path (record one with `slotscope record FILE HOST:PORT`)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first else {
            throw CLIError.usage("\(path) is empty: record one with `slotscope record FILE HOST:PORT`")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Recorder.Header.self, from: Data(first)) else {
            throw CLIError.usage("\(path) line 1 is not a slotscope recording header: record one with `slotscope record FILE HOST:PORT`")
        }
        guard header.schema == Recorder.schemaVersion else {
            throw CLIError.usage("\(path) is a \(header.schema) recording; this slotscope reads \(Recorder.schemaVersion)")
        }
        var polls: [PollResult] = []
        for (index, line) in lines.dropFirst().enumerated() {
            let entry: Recorder.Entry
            do {
                entry = try decoder.decode(Recorder.Entry.self, from: Data(line))
            } catch {
                // A recording cut short by Ctrl-C or a full disk: play what is complete.
                if index == lines.count - 2 { break }
                throw CLIError.usage("\(path) line \(index + 2) is not a recorded poll (\(Self.reason(error))): the file is damaged")
            }
            polls.append(PollResult(snapshot: entry.snapshot, events: entry.events))
        }
        guard !polls.isEmpty else {
            throw CLIError.usage("\(path) holds no poll: record for at least one interval")
        }
        return Recording(target: header.target, started: header.started, polls: polls)
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "no \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default: return "\(error)"
        }
    }
}
