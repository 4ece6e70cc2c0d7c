/// Incremental RESP2/RESP3 parser: feed bytes as they arrive with `append`, take
/// complete values with `next()`. Splitting the input anywhere gives the same values.
///
/// Progress through nested aggregates is kept on an explicit stack, so a large reply
/// that arrives in many small reads is parsed once, not re-parsed from the start on
/// every read. Every length is checked against `limits` from its header, with
/// overflow-checked arithmetic, before any storage is set aside for it. After a parse
/// error the parser keeps failing with that error: the stream is out of sync.
public struct RESPParser: Sendable {
    public let limits: RESPLimits

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var stack: [Frame] = []
    private var failure: RESPParseError?
    /// Bytes consumed so far by the reply being parsed.
    private var replyBytes = 0
    /// Elements seen so far in the reply being parsed.
    private var replyElements = 0

    private struct Frame: Sendable {
        var kind: AggregateKind
        var remaining: Int
        var items: [RESPValue]
    }

    private enum AggregateKind: Sendable {
        case array, map, set, push, attribute
    }

    private enum Element {
        case value(RESPValue)
        case aggregate(AggregateKind, count: Int)
    }

    public init(limits: RESPLimits = .default) {
        self.limits = limits
    }

    /// Bytes received but not yet consumed by a complete value.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// True when no partial value is pending.
    public var isIdle: Bool { bufferedByteCount == 0 && stack.isEmpty }

    /// Adds bytes received from the peer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the peer.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete value, or nil when more bytes are needed.
    public mutating func next() throws(RESPParseError) -> RESPValue? {
        if let failure { throw failure }
        do {
            let value = try parseNext()
            compactIfUseful()
            return value
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func parseNext() throws(RESPParseError) -> RESPValue? {
        while true {
            let start = readIndex
            guard let element = try parseElement() else {
                if replyBytes + bufferedByteCount > limits.maxBufferedBytes {
                    throw .replyTooLarge(limit: limits.maxBufferedBytes)
                }
                return nil
            }
            replyBytes += readIndex - start
            if replyBytes > limits.maxBufferedBytes { throw .replyTooLarge(limit: limits.maxBufferedBytes) }

            var completed: RESPValue
            switch element {
            case .aggregate(let kind, let count):
                guard stack.count < limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
                // Reserve only a little: the count is the peer's word, not proof of data.
                var items: [RESPValue] = []
                items.reserveCapacity(Swift.min(count, 16))
                stack.append(Frame(kind: kind, remaining: count, items: items))
                continue
            case .value(let value):
                completed = value
            }
            // Fold the completed value into its parents, closing every aggregate it fills.
            while !stack.isEmpty {
                let top = stack.count - 1
                stack[top].items.append(completed)
                stack[top].remaining -= 1
                if stack[top].remaining > 0 { break }
                let frame = stack.removeLast()
                completed = Self.build(frame.kind, frame.items)
            }
            if stack.isEmpty {
                replyBytes = 0
                replyElements = 0
                return completed
            }
        }
    }

    private static func build(_ kind: AggregateKind, _ items: [RESPValue]) -> RESPValue {
        switch kind {
        case .array: return .array(items)
        case .set: return .set(items)
        case .push: return .push(items)
        case .map: return .map(pairs(items, count: items.count))
        case .attribute:
            return .attributed(attributes: pairs(items, count: items.count - 1), value: items[items.count - 1])
        }
    }

    private static func pairs(_ items: [RESPValue], count: Int) -> [RESPPair] {
        var result: [RESPPair] = []
        result.reserveCapacity(count / 2)
        var index = 0
        while index + 1 < count {
            result.append(RESPPair(key: items[index], value: items[index + 1]))
            index += 2
        }
        return result
    }

    private mutating func compactIfUseful() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            readIndex = 0
        } else if readIndex > 1 << 16, readIndex > buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }

    // MARK: - One element

    /// Parses one scalar or one aggregate header at `readIndex`; nil if incomplete.
    private mutating func parseElement() throws(RESPParseError) -> Element? {
        let available = buffer.count - readIndex
        guard available > 0 else { return nil }
        let result: (Element, Int)? = try buffer.withUnsafeBufferPointer { (all) throws(RESPParseError) -> (Element, Int)? in
            let bytes = UnsafeBufferPointer(rebasing: all[readIndex...])
            return try Self.parseElement(bytes, limits: limits)
        }
        guard let (element, consumed) = result else { return nil }
        readIndex += consumed
        if case .aggregate(_, let count) = element {
            replyElements += count
        }
        if replyElements > limits.maxTotalElements { throw .tooManyElements(limit: limits.maxTotalElements) }
        return element
    }

    /// Index of the CR of the first CRLF at or after `from`, nil if not yet received.
    @inline(__always)
    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, limits: RESPLimits) throws(RESPParseError) -> Int? {
        var index = from
        let count = bytes.count
        while index < count {
            if bytes[index] == 13 {
                guard index + 1 < count else { return nil }
                guard bytes[index + 1] == 10 else { throw .missingTerminator }
                return index
            }
            index += 1
        }
        if count - from > limits.maxLineLength { throw .lineTooLong(limit: limits.maxLineLength) }
        return nil
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Decimal integer with optional sign, overflow-checked.
    @inline(__always)
    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(RESPParseError) -> Int64 {
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

    private static func parseElement(_ bytes: UnsafeBufferPointer<UInt8>, limits: RESPLimits) throws(RESPParseError) -> (Element, Int)? {
        let marker = bytes[0]
        switch marker {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: ","),
             UInt8(ascii: "("), UInt8(ascii: "#"), UInt8(ascii: "_"):
            guard let end = try lineEnd(bytes, from: 1, limits: limits) else { return nil }
            return (.value(try lineValue(marker, bytes, 1..<end)), end + 2)

        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            guard let end = try lineEnd(bytes, from: 1, limits: limits) else { return nil }
            if end == 2, bytes[1] == UInt8(ascii: "?") { throw .streamedValueUnsupported }
            let length = try integer(bytes, 1..<end)
            if length == -1, marker == UInt8(ascii: "$") { return (.value(.null), end + 2) }
            guard length >= 0 else { throw .negativeLength(length) }
            guard length <= Int64(limits.maxBulkLength), length <= Int64(limits.maxBufferedBytes) else {
                throw .bulkTooLong(length: length, limit: Swift.min(limits.maxBulkLength, limits.maxBufferedBytes))
            }
            let payloadStart = end + 2
            let payloadEnd = payloadStart + Int(length)  // cannot overflow: bounded by the limits above
            guard payloadEnd + 2 <= bytes.count else { return nil }
            guard bytes[payloadEnd] == 13, bytes[payloadEnd + 1] == 10 else { throw .missingTerminator }
            let payload = Array(UnsafeBufferPointer(rebasing: bytes[payloadStart..<payloadEnd]))
            let value: RESPValue
            switch marker {
            case UInt8(ascii: "$"): value = .bulkString(payload)
            case UInt8(ascii: "!"): value = .blobError(payload)
            default:
                guard payload.count >= 4, payload[3] == UInt8(ascii: ":") else { throw .invalidVerbatim }
                value = .verbatim(format: String(decoding: payload[0..<3], as: UTF8.self), text: Array(payload[4...]))
            }
            return (.value(value), payloadEnd + 2)

        case UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            guard let end = try lineEnd(bytes, from: 1, limits: limits) else { return nil }
            if end == 2, bytes[1] == UInt8(ascii: "?") { throw .streamedValueUnsupported }
            let count = try integer(bytes, 1..<end)
            if count == -1, marker == UInt8(ascii: "*") { return (.value(.null), end + 2) }
            guard count >= 0 else { throw .negativeLength(count) }
            guard count <= Int64(limits.maxAggregateLength) else {
                throw .aggregateTooLong(count: count, limit: limits.maxAggregateLength)
            }
            let kind: AggregateKind
            var elements = Int(count)
            switch marker {
            case UInt8(ascii: "*"): kind = .array
            case UInt8(ascii: "~"): kind = .set
            case UInt8(ascii: ">"): kind = .push
            case UInt8(ascii: "%"): kind = .map; elements = elements * 2
            default: kind = .attribute; elements = elements * 2 + 1
            }
            guard elements <= limits.maxAggregateLength || kind == .attribute && count == 0 else {
                throw .aggregateTooLong(count: Int64(elements), limit: limits.maxAggregateLength)
            }
            if elements == 0 {
                switch kind {
                case .array: return (.value(.array([])), end + 2)
                case .set: return (.value(.set([])), end + 2)
                case .push: return (.value(.push([])), end + 2)
                case .map, .attribute: return (.value(.map([])), end + 2)
                }
            }
            return (.aggregate(kind, count: elements), end + 2)

        case UInt8(ascii: ";"), UInt8(ascii: "."):
            throw .streamedValueUnsupported
        default:
            throw .unknownType(byte: marker)
        }
    }

    private static func lineValue(_ marker: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(RESPParseError) -> RESPValue {
        switch marker {
        case UInt8(ascii: "+"): return .simpleString(text(bytes, range))
        case UInt8(ascii: "-"): return .error(text(bytes, range))
        case UInt8(ascii: ":"): return .integer(try integer(bytes, range))
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
            let line = text(bytes, range)
            guard let value = parseDouble(line) else { throw .invalidDouble(line) }
            return .double(value)
        default:  // "(" big number
            var index = range.lowerBound
            if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard index < range.upperBound else { throw .invalidLine(text(bytes, range)) }
            while index < range.upperBound {
                guard bytes[index] &- UInt8(ascii: "0") < 10 else { throw .invalidLine(text(bytes, range)) }
                index += 1
            }
            return .bigNumber(text(bytes, range))
        }
    }

    /// RESP3 doubles: decimal or exponent notation, `inf`, `-inf`, `nan`.
    private static func parseDouble(_ line: String) -> Double? {
        switch line.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default:
            // Swift's Double(String) also takes hex floats and "infinity"; RESP does not.
            guard !line.isEmpty, line.utf8.allSatisfy({ ($0 &- 48) < 10 || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }) else { return nil }
            return Double(line)
        }
    }
}
