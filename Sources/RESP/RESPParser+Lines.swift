/// Decoding of the single-line types (status, error, integer, double, boolean, null,
/// big number) and of the decimal numbers in headers.
extension RESPParser {
    /// Longest integer line or length header: a signed 64-bit number takes 20 bytes;
    /// the rest is slack for a `+` sign or leading zeros. Keeping headers short also
    /// keeps re-reading a header cheap while its payload trickles in.
    static let numberLineLimit = 32

    /// Longest excerpt of bad input kept in an error.
    static let excerptLimit = 64

    static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let shown = range.lowerBound..<Swift.min(range.upperBound, range.lowerBound + excerptLimit)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[shown]), as: UTF8.self)
    }

    /// Decimal integer with optional sign, overflow-checked.
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(RESPParseError) -> Int64 {
        var index = range.lowerBound
        var negative = false
        if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < range.upperBound else { throw .invalidNumber(text(bytes, range)) }
        var value: Int64 = 0
        while index < range.upperBound {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw .invalidNumber(text(bytes, range)) }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(Int64(digit))
                                      : shifted.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw .invalidNumber(text(bytes, range)) }
            value = next
            index += 1
        }
        return value
    }

    /// The value of a line type other than `:` (the marker is not part of `range`).
    static func lineValue(_ marker: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(RESPParseError) -> RESPValue {
        switch marker {
        case UInt8(ascii: "+"):
            return .simpleString(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        case UInt8(ascii: "-"):
            return .error(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        case UInt8(ascii: "#"):
            guard range.count == 1 else { throw .invalidBoolean(text(bytes, range)) }
            switch bytes[range.lowerBound] {
            case UInt8(ascii: "t"): return .boolean(true)
            case UInt8(ascii: "f"): return .boolean(false)
            default: throw .invalidBoolean(text(bytes, range))
            }
        case UInt8(ascii: "_"):
            guard range.isEmpty else { throw .invalidLine(text(bytes, range)) }
            return .null
        case UInt8(ascii: ","):
            guard let value = double(UnsafeBufferPointer(rebasing: bytes[range])) else {
                throw .invalidDouble(text(bytes, range))
            }
            return .double(value)
        default:  // "(" big number
            var index = range.lowerBound
            if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard index < range.upperBound else { throw .invalidLine(text(bytes, range)) }
            while index < range.upperBound {
                guard bytes[index] &- UInt8(ascii: "0") < 10 else { throw .invalidLine(text(bytes, range)) }
                index += 1
            }
            return .bigNumber(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        }
    }

    /// RESP3 doubles: decimal or exponent notation, `inf`, `-inf`, `nan`.
    static func double(_ line: UnsafeBufferPointer<UInt8>) -> Double? {
        // Only these bytes may appear: Swift's Double(String) would also take hex
        // floats, "infinity" and surrounding spaces, which RESP does not allow.
        var hasDigit = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): hasDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default:
                switch String(decoding: line, as: UTF8.self).lowercased() {
                case "inf", "+inf": return .infinity
                case "-inf": return -.infinity
                case "nan", "-nan", "+nan": return .nan
                default: return nil
                }
            }
        }
        guard hasDigit else { return nil }
        return Double(String(decoding: line, as: UTF8.self))
    }
}
