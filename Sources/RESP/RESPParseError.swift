/// Why a byte stream is not valid RESP, or is larger than the limits allow.
/// After any of these the stream cannot be trusted: the connection must be closed.
public enum RESPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value started with a byte that is no RESP2/RESP3 type marker.
    case unknownType(byte: UInt8)
    /// A length, count or integer that is not a decimal number (or overflows 64 bits).
    case invalidNumber(String)
    /// A length below -1.
    case negativeLength(Int64)
    /// A bulk payload longer than `maxBulkLength`.
    case bulkTooLong(length: Int64, limit: Int)
    /// An aggregate announcing more elements than `maxAggregateLength`.
    case aggregateTooLong(count: Int64, limit: Int)
    /// More elements in one reply than `maxTotalElements`.
    case tooManyElements(limit: Int)
    /// Aggregates nested deeper than `maxDepth`.
    case tooDeep(limit: Int)
    /// One reply would hold more than `maxBufferedBytes`.
    case replyTooLarge(limit: Int)
    /// A line longer than `maxLineLength` without its CRLF.
    case lineTooLong(limit: Int)
    /// A bulk payload not followed by CRLF, or a line with a bare CR.
    case missingTerminator
    /// A RESP3 double that is not a number, `inf`, `-inf` or `nan`.
    case invalidDouble(String)
    /// A RESP3 boolean other than `#t` / `#f`.
    case invalidBoolean(String)
    /// A RESP3 null (`_`) with content, or a big number with non-digits.
    case invalidLine(String)
    /// A verbatim string without its `xxx:` format prefix.
    case invalidVerbatim
    /// Streamed strings and aggregates (`$?`, `*?`, `;`, `.`) are not supported.
    case streamedValueUnsupported

    public var description: String {
        switch self {
        case .unknownType(let byte):
            let shown = (0x21...0x7e).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16)
            return "invalid RESP: unknown type byte \(shown) (is this port a Redis server?)"
        case .invalidNumber(let text): return "invalid RESP: \"\(text.prefix(40))\" is not a number"
        case .negativeLength(let n): return "invalid RESP: negative length \(n)"
        case .bulkTooLong(let n, let limit): return "reply too large: a bulk string of \(n) bytes exceeds the limit of \(limit) bytes"
        case .aggregateTooLong(let n, let limit): return "reply too large: an aggregate of \(n) elements exceeds the limit of \(limit)"
        case .tooManyElements(let limit): return "reply too large: more than \(limit) elements in one reply"
        case .tooDeep(let limit): return "invalid RESP: aggregates nested deeper than \(limit) levels"
        case .replyTooLarge(let limit): return "reply too large: more than \(limit) bytes in one reply"
        case .lineTooLong(let limit): return "invalid RESP: a line longer than \(limit) bytes without CRLF"
        case .missingTerminator: return "invalid RESP: missing CRLF terminator"
        case .invalidDouble(let text): return "invalid RESP: \"\(text.prefix(40))\" is not a double"
        case .invalidBoolean(let text): return "invalid RESP: \"\(text.prefix(40))\" is not a boolean"
        case .invalidLine(let text): return "invalid RESP: unexpected line \"\(text.prefix(40))\""
        case .invalidVerbatim: return "invalid RESP: verbatim string without a format prefix"
        case .streamedValueUnsupported: return "unsupported RESP: streamed strings and aggregates"
        }
    }
}
