import ClusterModel
import Foundation
import Operations
import Synchronization

/// Writes a Sentinel recording (see `SentinelRecording`): the header, then each poll and each
/// sentinel's copy of each event as one JSON line, as they happen. Safe to call from the
/// event reader and the poll loop at once.
final class SentinelRecorder: Sendable {
    let path: String
    private let handle: Mutex<FileHandle>
    private let failed = Mutex<String?>(nil)
    private let written = Mutex<(polls: Int, events: Int)>((0, 0))

    init(path: String, target: String, masterNames: [String]?) throws(CLIError) {
        let handle = try RecordingFile.open(path)
        self.path = path
        self.handle = Mutex(handle)
        let header = SentinelRecording.Header(target: target, masterNames: masterNames,
                                              started: EventLine.iso8601(WallClock.now()))
        try write(line: JSONOutput.encode(header, pretty: false))
    }

    /// Records one poll. A write that fails is kept in `failure` (and nothing more is
    /// written): the watch loop stops on it.
    func write(_ cycle: SentinelPollCycle) {
        write(SentinelRecording.Poll(snapshot: cycle.snapshot, changes: cycle.changes))
    }

    /// Records one poll's snapshot and changes.
    func write(_ poll: SentinelRecording.Poll) {
        if append(JSONOutput.encode(SentinelRecording.Line.poll(poll), pretty: false)) { written.withLock { $0.polls += 1 } }
    }

    /// Records one sentinel's copy of an event.
    func write(_ event: ObservedSentinelEvent) {
        if append(JSONOutput.encode(SentinelRecording.Line.event(event), pretty: false)) { written.withLock { $0.events += 1 } }
    }

    /// What the file holds, for the line `record` ends with.
    var summary: String {
        let (polls, events) = written.withLock { $0 }
        return "recorded \(polls) poll\(polls == 1 ? "" : "s") and \(events) sentinel event cop\(events == 1 ? "y" : "ies") to \(path)"
    }

    /// Why the recording stopped, as one line; nil while every write succeeded.
    var failure: CLIError? { failed.withLock { $0 }.map { CLIError("cannot write the recording to \(path): \($0)") } }

    /// Whether the line was written.
    @discardableResult private func append(_ line: String) -> Bool {
        let message: String? = handle.withLock { handle in
            do {
                try handle.write(contentsOf: Data((line + "\n").utf8))
                return nil
            } catch {
                return error.localizedDescription
            }
        }
        if let message { failed.withLock { $0 = $0 ?? message } }
        return message == nil
    }

    private func write(line: String) throws(CLIError) {
        append(line)
        if let failure { throw failure }
    }

    deinit { handle.withLock { try? $0.close() } }
}
