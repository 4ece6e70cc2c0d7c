import CHiredis
import RESP

/// The two parsers under test, each kept across passes like a connection keeps its
/// reader, each fed in socket-sized reads and drained of every reply after each read.
protocol RESPReader {
    /// Parses all of `input`; returns the number of replies.
    mutating func parse(_ input: UnsafeBufferPointer<UInt8>) -> Int
}

/// Bytes handed over per read, like one `read(2)` of a socket buffer.
let benchReadSize = 16 * 1024

struct SwiftReader: RESPReader {
    var parser = RESPParser()

    mutating func parse(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        var replies = 0
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + benchReadSize)
            parser.append(UnsafeBufferPointer(rebasing: input[offset..<end]))
            offset = end
            do {
                while try parser.next() != nil { replies += 1 }
            } catch {
                fatalError("bench input rejected: \(error)")
            }
        }
        return replies
    }
}

/// hiredis's reader with its default reply objects (`redisReply`), freed one by one.
final class HiredisReader: RESPReader {
    let reader: UnsafeMutablePointer<redisReader>

    init() {
        guard let reader = redisReaderCreate() else { fatalError("redisReaderCreate failed") }
        self.reader = reader
    }

    deinit { redisReaderFree(reader) }

    func parse(_ input: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = input.baseAddress else { return 0 }
        var replies = 0
        var offset = 0
        while offset < input.count {
            let length = min(input.count - offset, benchReadSize)
            let chunk = UnsafeRawPointer(base + offset).assumingMemoryBound(to: CChar.self)
            guard redisReaderFeed(reader, chunk, length) == REDIS_OK else { fatalError("redisReaderFeed failed") }
            offset += length
            var reply: UnsafeMutableRawPointer?
            while true {
                guard redisReaderGetReply(reader, &reply) == REDIS_OK else { fatalError("hiredis rejected the input") }
                guard let object = reply else { break }
                freeReplyObject(object)
                reply = nil
                replies += 1
            }
        }
        return replies
    }
}
