/// One value of the Redis serialization protocol, RESP2 or RESP3.
///
/// Bulk payloads stay bytes (`[UInt8]`): Redis keys and values are binary-safe and
/// a reply must survive parsing even when it is not UTF-8. Line types (simple
/// strings, errors, big numbers) are text by definition and are decoded leniently.
public enum RESPValue: Sendable, Hashable {
    /// `+OK` — a single-line status reply.
    case simpleString(String)
    /// `-ERR …` — a single-line error reply (the whole line, prefix included).
    case error(String)
    /// `:42` — a signed 64-bit integer.
    case integer(Int64)
    /// `$5\r\nhello` — a binary-safe string.
    case bulkString([UInt8])
    /// `$-1`, `*-1` (RESP2) or `_` (RESP3).
    case null
    /// `*N` — an ordered list.
    case array([RESPValue])
    /// `%N` — key/value pairs in server order (RESP3).
    case map([RESPPair])
    /// `~N` — an unordered collection (RESP3).
    case set([RESPValue])
    /// `,3.14`, `,inf`, `,-inf`, `,nan` (RESP3).
    case double(Double)
    /// `(3492890328409238509324850943850943825024385` (RESP3), kept as its decimal text.
    case bigNumber(String)
    /// `#t` / `#f` (RESP3).
    case boolean(Bool)
    /// `=15\r\ntxt:Some string` (RESP3): a three-letter format and the text.
    case verbatim(format: String, text: [UInt8])
    /// `>N` — out-of-band data such as pub/sub messages (RESP3).
    case push([RESPValue])
    /// `!21\r\nSYNTAX invalid syntax` — a binary-safe error (RESP3).
    case blobError([UInt8])
    /// `|N` attributes followed by the value they describe (RESP3).
    indirect case attributed(attributes: [RESPPair], value: RESPValue)
}

/// A key/value pair of a RESP3 map or attribute, in the order the server sent it.
public struct RESPPair: Sendable, Hashable {
    public var key: RESPValue
    public var value: RESPValue
    public init(key: RESPValue, value: RESPValue) {
        self.key = key
        self.value = value
    }
}

extension RESPValue {
    /// True for `-ERR`-style and RESP3 blob errors.
    public var isError: Bool {
        switch self {
        case .error, .blobError: return true
        case .attributed(_, let value): return value.isError
        default: return false
        }
    }

    /// The error line (`"MOVED 3999 127.0.0.1:6381"`), for either error type.
    public var errorMessage: String? {
        switch self {
        case .error(let line): return line
        case .blobError(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .attributed(_, let value): return value.errorMessage
        default: return nil
        }
    }

    /// The textual content of string-like replies (simple, bulk, verbatim, big number).
    public var string: String? {
        switch self {
        case .simpleString(let text), .bigNumber(let text): return text
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .verbatim(_, let text): return String(decoding: text, as: UTF8.self)
        case .attributed(_, let value): return value.string
        default: return nil
        }
    }

    /// The raw bytes of string-like replies.
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes), .verbatim(_, let bytes), .blobError(let bytes): return bytes
        case .simpleString(let text), .bigNumber(let text), .error(let text): return Array(text.utf8)
        case .attributed(_, let value): return value.bytes
        default: return nil
        }
    }

    /// Integer replies, and strings that hold an integer (RESP2 Sentinel replies send numbers as strings).
    public var integer: Int64? {
        switch self {
        case .integer(let value): return value
        case .boolean(let flag): return flag ? 1 : 0
        case .attributed(_, let value): return value.integer
        default: return string.flatMap { Int64($0) }
        }
    }

    /// Elements of arrays, sets and pushes; maps flattened to key, value, key, value…
    /// (what RESP2 sends for the same reply), so one decoder serves both protocols.
    public var elements: [RESPValue]? {
        switch self {
        case .array(let items), .set(let items), .push(let items): return items
        case .map(let pairs): return pairs.flatMap { [$0.key, $0.value] }
        case .attributed(_, let value): return value.elements
        default: return nil
        }
    }

    /// Key/value pairs of a RESP3 map, or of a RESP2 flat array of even length.
    public var pairs: [RESPPair]? {
        switch self {
        case .map(let pairs): return pairs
        case .array(let items) where items.count % 2 == 0:
            return stride(from: 0, to: items.count, by: 2).map { RESPPair(key: items[$0], value: items[$0 + 1]) }
        case .attributed(_, let value): return value.pairs
        default: return nil
        }
    }

    /// The value without any RESP3 attributes around it.
    public var withoutAttributes: RESPValue {
        if case .attributed(_, let value) = self { return value.withoutAttributes }
        return self
    }
}
