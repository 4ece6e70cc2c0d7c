import ClusterModel
import Foundation
import Operations

/// Writes polls to a file as JSON lines: a header, then one line per poll (the snapshot
/// and its events). No secrets are in a snapshot: passwords are never polled or kept.
final class Recorder {
    static let schemaVersion = "slotscope.recording/1"

    struct Header: Codable {
        var schema = Recorder.schemaVersion
        var target: String
        var started: String
    }

    struct Entry: Codable {
        var snapshot: ClusterSnapshot
        var events: [ClusterEvent]
    }

    private let handle: FileHandle
    let path: String

    init(path: String, target: String) throws(CLIError) {
        handle = try RecordingFile.open(path)
        self.path = path
        try write(line: JSONOutput.encode(Header(target: target, started: EventLine.iso8601(WallClock.now())), pretty: false))
    }

    func write(_ cycle: PollCycle) throws(CLIError) {
        try write(line: JSONOutput.encode(Entry(snapshot: cycle.snapshot, events: cycle.events), pretty: false))
    }

    private func write(line: String) throws(CLIError) {
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw CLIError("cannot write the recording to \(path): \(error.localizedDescription)")
        }
    }

    deinit { try? handle.close() }
}
