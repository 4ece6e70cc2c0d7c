import ClusterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Screens

/// A cluster recording made by `slotscope record` (or `watch --record`), opened for `replay`:
/// the header, then per poll where its line is and when it was taken. A poll is read from the
/// file and decoded only when it is shown, so memory does not grow with the recording.
final class Recording: ReplaySource {
    let path: String
    let target: String
    let started: String
    let lines: [RecordingLines.Poll]
    private let descriptor: Int32
    /// Reads the entries as the header's schema (`/1` or `/2`) wrote them.
    private let decoder: JSONDecoder

    private struct TimeOnly: Decodable {
        struct Snapshot: Decodable { var time: Timestamp }
        var snapshot: Snapshot
    }

    /// Opens and checks `path`. Every problem is one line naming the file, the line and
    /// what to do; a last line cut short (kill -9, a full disk) is left out.
    init(path: String) throws(CLIError) {
        let descriptor = try RecordingLines.open(path)
        var header: ClusterRecording.Header?
        var lines: [RecordingLines.Poll] = []
        let decoder = JSONDecoder()
        do {
            try RecordingLines.read(descriptor, path: path, header: { bytes in
                guard let decoded = try? decoder.decode(ClusterRecording.Header.self, from: bytes) else {
                    return CLIError.usage("\(path) line 1 is not a slotscope recording header: \(RecordingLines.advice)")
                }
                guard ClusterRecording.schemas.contains(decoded.schema) else {
                    return ReplayFile.unknownSchema(decoded.schema, path: path)
                }
                header = decoded
                return nil
            }, entry: { offset, bytes in
                let time = try decoder.decode(TimeOnly.self, from: bytes).snapshot.time
                lines.append(RecordingLines.Poll(offset: offset, length: bytes.count, time: time))
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
        self.target = header.target
        self.started = header.started
        self.lines = lines
        self.decoder = ClusterRecording.decoder(for: header.schema)
    }

    deinit { close(descriptor) }

    var count: Int { lines.count }

    func time(at index: Int) -> Timestamp { lines[index].time }

    func frame(at index: Int) -> ReplayFrame? { poll(at: index).map(ReplayFrame.cluster) }

    /// Poll `index` decoded; nil when it cannot be read any more.
    func poll(at index: Int) -> PollResult? {
        let line = lines[index]
        guard let bytes = RecordingLines.bytes(descriptor, offset: line.offset, length: line.length),
              let entry = try? decoder.decode(ClusterRecording.Entry.self, from: bytes) else {
            return nil
        }
        return PollResult(snapshot: entry.snapshot, events: entry.events)
    }
}
