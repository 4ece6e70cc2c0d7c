import ClusterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Screens

/// A recording made by `slotscope record` (or `watch --record`), opened for `replay`: the
/// header, then per poll where its line is and when it was taken. A poll is read from the
/// file and decoded only when it is shown, so memory does not grow with the recording.
final class Recording: ReplaySource {
    /// One recorded poll's line.
    struct Line: Sendable {
        var offset: Int
        var length: Int
        var time: Timestamp
    }

    let path: String
    let target: String
    let started: String
    let lines: [Line]
    private let descriptor: Int32

    private struct TimeOnly: Decodable {
        struct Snapshot: Decodable { var time: Timestamp }
        var snapshot: Snapshot
    }

    /// Opens and checks `path`. Every problem is one line naming the file, the line and
    /// what to do; a last line cut short (Ctrl-C, a full disk) is left out.
    init(path: String) throws(CLIError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIError.usage("cannot read \(path): \(String(cString: strerror(errno))) (record one with `slotscope record FILE HOST:PORT`)")
        }
        var header: Recorder.Header?
        var lines: [Line] = []
        let decoder = JSONDecoder()
        var failure: CLIError?
        var pendingDamage: (number: Int, reason: String)?
        Self.scanLines(descriptor) { number, offset, bytes in
            if let damage = pendingDamage {
                failure = CLIError.usage("\(path) line \(damage.number) is not a recorded poll (\(damage.reason)): the file is damaged")
                return false
            }
            if number == 1 {
                guard let decoded = try? decoder.decode(Recorder.Header.self, from: bytes) else {
                    failure = CLIError.usage("\(path) line 1 is not a slotscope recording header: record one with `slotscope record FILE HOST:PORT`")
                    return false
                }
                guard decoded.schema == Recorder.schemaVersion else {
                    failure = CLIError.usage("\(path) is a \(decoded.schema) recording; this slotscope reads \(Recorder.schemaVersion)")
                    return false
                }
                header = decoded
                return true
            }
            do {
                let time = try decoder.decode(TimeOnly.self, from: bytes).snapshot.time
                lines.append(Line(offset: offset, length: bytes.count, time: time))
            } catch {
                pendingDamage = (number, Self.reason(error))  // an error only if another line follows
            }
            return true
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        guard let header else {
            close(descriptor)
            throw CLIError.usage("\(path) is empty: record one with `slotscope record FILE HOST:PORT`")
        }
        guard !lines.isEmpty else {
            close(descriptor)
            throw CLIError.usage("\(path) holds no poll: record for at least one interval")
        }
        self.path = path
        self.descriptor = descriptor
        self.target = header.target
        self.started = header.started
        self.lines = lines
    }

    deinit { close(descriptor) }

    var count: Int { lines.count }

    func time(at index: Int) -> Timestamp { lines[index].time }

    func poll(at index: Int) -> PollResult? {
        let line = lines[index]
        var bytes = [UInt8](repeating: 0, count: line.length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, line.length, off_t(line.offset)) }
        guard read == line.length, let entry = try? JSONDecoder().decode(Recorder.Entry.self, from: Data(bytes)) else {
            return nil
        }
        return PollResult(snapshot: entry.snapshot, events: entry.events)
    }

    /// Calls `body` with each non-empty line (number from 1, byte offset, bytes) until it
    /// returns false, reading the file in chunks.
    private static func scanLines(_ descriptor: Int32, _ body: (Int, Int, Data) -> Bool) {
        var buffer: [UInt8] = []
        var bufferOffset = 0  // file offset of buffer[0]
        var number = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var atEnd = false
        while !atEnd {
            let count = read(descriptor, &chunk, chunk.count)
            if count <= 0 { atEnd = true } else { buffer += chunk[0..<count] }
            var start = 0
            while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) ?? (atEnd && start < buffer.count ? buffer.count : nil) {
                if newline > start {
                    number += 1
                    guard body(number, bufferOffset + start, Data(buffer[start..<newline])) else { return }
                }
                start = newline + 1
                if start >= buffer.count { break }
            }
            buffer.removeFirst(min(start, buffer.count))
            bufferOffset += start
        }
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
