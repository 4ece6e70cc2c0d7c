import ClusterModel
import Foundation
import Operations

/// Writes polls to a file as JSON lines (`ClusterRecording`, `slotscope.recording/2`): a
/// header, then one line per poll (the snapshot and its events). No secrets are in a
/// snapshot: passwords are never polled or kept.
final class Recorder {
    static let schemaVersion = ClusterRecording.schema

    typealias Header = ClusterRecording.Header
    typealias Entry = ClusterRecording.Entry

    private let handle: FileHandle
    let path: String
    private var polls = 0

    init(path: String, target: String) throws(CLIError) {
        handle = try RecordingFile.open(path)
        self.path = path
        try write(line: JSONOutput.encode(Header(target: target, started: EventLine.iso8601(WallClock.now())), pretty: false))
    }

    /// The INFO replies make most of a poll's bytes: the recording's encoder writes them as
    /// text, which `replay` reads back several times faster than `snapshot --json`'s sections.
    private let encoder = ClusterRecording.encoder()

    func write(_ cycle: PollCycle) throws(CLIError) {
        let entry = Entry(snapshot: cycle.snapshot, events: cycle.events)
        guard let line = try? encoder.encode(entry) else {
            throw CLIError("cannot write the recording to \(path): a poll could not be encoded")
        }
        try write(line: String(decoding: line, as: UTF8.self))
        polls += 1
    }

    /// What the file holds, for the line `record` ends with.
    var summary: String { "recorded \(polls) poll\(polls == 1 ? "" : "s") to \(path)" }

    private func write(line: String) throws(CLIError) {
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw CLIError("cannot write the recording to \(path): \(error.localizedDescription)")
        }
    }

    deinit { try? handle.close() }
}
