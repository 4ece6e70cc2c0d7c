import ClusterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Screens

/// A Sentinel recording (`record --sentinel`, `watch --sentinel --record`) opened for
/// `replay`. Each poll is read from the file when it is shown; the sentinels' events (few,
/// small) are read up front, told as timeline rows and failover summaries, and handed out
/// with the first poll at or after them.
final class SentinelReplayRecording: ReplaySource {
    let path: String
    let target: String
    let lines: [RecordingLines.Poll]
    /// The recorded events for each poll, by poll index.
    let events: [[ClusterEvent]]
    private let descriptor: Int32

    /// Opens and checks `path`; every problem is one line naming the file and the line.
    init(path: String) throws(CLIError) {
        let descriptor = try RecordingLines.open(path)
        var header: SentinelRecording.Header?
        var lines: [RecordingLines.Poll] = []
        var observed: [ObservedSentinelEvent] = []
        var changes: [PolledChange] = []
        let decoder = JSONDecoder()
        do {
            try RecordingLines.read(descriptor, path: path, header: { bytes in
                guard let decoded = try? decoder.decode(SentinelRecording.Header.self, from: bytes) else {
                    return CLIError.usage("\(path) line 1 is not a slotscope recording header: \(RecordingLines.advice)")
                }
                guard decoded.schema == SentinelRecording.schema else { return ReplayFile.unknownSchema(decoded.schema, path: path) }
                header = decoded
                return nil
            }, entry: { offset, bytes in
                switch try decoder.decode(SentinelRecording.Line.self, from: bytes) {
                case .poll(let poll):
                    lines.append(RecordingLines.Poll(offset: offset, length: bytes.count, time: poll.snapshot.time))
                    changes += poll.changes
                case .event(let event):
                    observed.append(event)
                }
            })
        } catch {
            close(descriptor)
            throw error
        }
        guard let header, !lines.isEmpty else {
            close(descriptor)
            throw CLIError.usage("\(path) holds no poll: record for at least one interval")
        }
        self.path = path
        self.descriptor = descriptor
        target = header.target
        self.lines = lines
        events = Self.distribute(RecordedSentinelEvents.events(observed, polled: changes), over: lines.map(\.time))
    }

    deinit { close(descriptor) }

    var count: Int { lines.count }

    func time(at index: Int) -> Timestamp { lines[index].time }

    func frame(at index: Int) -> ReplayFrame? {
        let line = lines[index]
        guard let bytes = RecordingLines.bytes(descriptor, offset: line.offset, length: line.length),
              case .poll(let poll) = try? JSONDecoder().decode(SentinelRecording.Line.self, from: bytes) else {
            return nil
        }
        return .sentinel(SentinelPollResult(snapshot: poll.snapshot, events: events[index]))
    }

    /// Each event goes with the first poll at or after it (the last poll takes the rest), so
    /// it shows up when the replay clock reaches it.
    /// `events` and `times` are oldest first: one walk over both.
    static func distribute(_ events: [ClusterEvent], over times: [Timestamp]) -> [[ClusterEvent]] {
        var buckets = [[ClusterEvent]](repeating: [], count: times.count)
        var index = 0
        for event in events {
            while index < times.count - 1 && times[index] < event.time { index += 1 }
            buckets[index].append(event)
        }
        return buckets
    }
}
