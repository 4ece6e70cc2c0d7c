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

    init(path: String, target: String, masterNames: [String]?) throws(CLIError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CLIError.usage("cannot write the recording to \(path): check the directory exists and is writable")
        }
        self.path = path
        self.handle = Mutex(handle)
        let header = SentinelRecording.Header(target: target, masterNames: masterNames,
                                              started: EventLine.iso8601(WallClock.now()))
        try write(line: JSONOutput.encode(header, pretty: false))
    }

    func write(_ cycle: SentinelPollCycle) throws(CLIError) {
        let line = SentinelRecording.Line.poll(SentinelRecording.Poll(snapshot: cycle.snapshot, changes: cycle.changes))
        try write(line: JSONOutput.encode(line, pretty: false))
    }

    func write(_ event: ObservedSentinelEvent) throws(CLIError) {
        try write(line: JSONOutput.encode(SentinelRecording.Line.event(event), pretty: false))
    }

    private func write(line: String) throws(CLIError) {
        let failure: String? = handle.withLock { handle in
            do {
                try handle.write(contentsOf: Data((line + "\n").utf8))
                return nil
            } catch {
                return error.localizedDescription
            }
        }
        if let failure { throw CLIError("cannot write the recording to \(path): \(failure)") }
    }

    deinit { handle.withLock { try? $0.close() } }
}
