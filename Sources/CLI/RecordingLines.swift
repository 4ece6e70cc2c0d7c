import ClusterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a recording's JSON lines for `replay`, whatever its kind: the header, then each
/// entry with its byte offset. An entry that cannot be read is damage, unless it is the last
/// line: one cut short (kill -9, a full disk) is left out.
enum RecordingLines {
    /// Where one recorded poll's line is in the file, and when the poll finished.
    struct Poll: Sendable {
        var offset: Int
        var length: Int
        var time: Timestamp
    }

    /// The advice every "not a recording" error ends with.
    static let advice = "record one with `slotscope record FILE HOST:PORT` (or `--sentinel HOST:PORT`)"

    /// Opens `path` for reading; a failure is one line naming the file.
    static func open(_ path: String) throws(CLIError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CLIError.usage("cannot read \(path): \(String(cString: strerror(errno))) (\(advice))")
        }
        return descriptor
    }

    /// The `schema` of the header on line 1 of `path`, with the one-line errors for a file
    /// that is not a recording at all.
    static func schema(of path: String) throws(CLIError) -> String {
        struct SchemaOnly: Decodable { var schema: String }
        let descriptor = try open(path)
        defer { close(descriptor) }
        var first: Data?
        scan(descriptor) { _, _, bytes in
            first = bytes
            return false
        }
        guard let first else { throw CLIError.usage("\(path) is empty: \(advice)") }
        guard let header = try? JSONDecoder().decode(SchemaOnly.self, from: first) else {
            throw CLIError.usage("\(path) line 1 is not a slotscope recording header: \(advice)")
        }
        return header.schema
    }

    /// Calls `header` with line 1, then `entry` with each other line (byte offset, bytes).
    /// `header` returns the error to stop with, if any; an `entry` that throws is damage when
    /// another line follows.
    static func read(_ descriptor: Int32, path: String, header: (Data) -> CLIError?,
                     entry: (Int, Data) throws -> Void) throws(CLIError) {
        var failure: CLIError?
        var sawHeader = false
        var pendingDamage: (number: Int, reason: String)?
        scan(descriptor) { number, offset, bytes in
            if let damage = pendingDamage {
                failure = CLIError.usage("\(path) line \(damage.number) is not a recorded poll (\(damage.reason)): the file is damaged")
                return false
            }
            if number == 1 {
                failure = header(bytes)
                sawHeader = true
                return failure == nil
            }
            do {
                try entry(offset, bytes)
            } catch {
                pendingDamage = (number, reason(error))  // an error only if another line follows
            }
            return true
        }
        if let failure { throw failure }
        guard sawHeader else { throw CLIError.usage("\(path) is empty: \(advice)") }
    }

    /// The `length` bytes at `offset`, or nil when they cannot be read any more.
    static func bytes(_ descriptor: Int32, offset: Int, length: Int) -> Data? {
        var bytes = Data(count: length)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(offset)) }
        return read == length ? bytes : nil
    }

    /// Calls `body` with each non-empty line (number from 1, byte offset, bytes) until it
    /// returns false, reading the file in chunks.
    static func scan(_ descriptor: Int32, _ body: (Int, Int, Data) -> Bool) {
        var buffer: [UInt8] = []
        var bufferOffset = 0  // file offset of buffer[0]
        var number = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var atEnd = false
        while !atEnd {
            let count = Glibc.read(descriptor, &chunk, chunk.count)
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
