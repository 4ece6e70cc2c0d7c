/// Incremental RESP2/RESP3 parser: feed bytes as they arrive with `append`, take
/// complete values with `next()`. Splitting the input anywhere gives the same values
/// and the same errors.
///
/// Progress through nested aggregates is kept on an explicit stack, so a large reply
/// that arrives in many small reads is parsed once, not re-parsed from the start on
/// every read; an unfinished line is not re-scanned either. Every length is checked
/// against `limits` from its header, with overflow-checked arithmetic, before any
/// storage is set aside for it. After a parse error the parser keeps failing with
/// that error: the stream is out of sync.
///
/// Call `next()` until it returns nil after each `append`: bytes of complete replies
/// stay buffered until they are taken.
public struct RESPParser: Sendable {
    public let limits: RESPLimits

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Bytes of the unfinished line at `readIndex` (after its marker) already searched
    /// for CR, so a line that trickles in byte by byte is scanned once.
    private var scannedLineBytes = 0
    private var stack: [Frame] = []
    private var failure: RESPParseError?
    /// Bytes consumed so far by the reply being parsed (never above `maxBufferedBytes`).
    private var replyBytes = 0
    /// Elements announced so far by the aggregates of the reply being parsed.
    private var replyElements = 0

    private struct Frame: Sendable {
        var kind: AggregateKind
        var remaining: Int
        var items: [RESPValue]
    }

    enum AggregateKind: Sendable {
        case array, map, set, push, attribute
    }

    /// What `parseElement` did.
    private enum Step {
        /// Needs more bytes; nothing consumed.
        case incomplete
        /// Consumed an aggregate header and pushed its frame.
        case opened
        /// Consumed a complete value, stored in the `inout` argument.
        case value
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
        bytes.withMemoryRebound(to: UInt8.self) { buffer.append(contentsOf: $0) }
    }

    /// Adds bytes received from the peer.
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the peer.
    public mutating func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes received from the peer.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete value, or nil when more bytes are needed.
    public mutating func next() throws(RESPParseError) -> RESPValue? {
        if let failure { throw failure }
        guard readIndex < buffer.count else { return nil }
        // Move the storage out while `self` mutates: no copy, no reference counting.
        var storage: [UInt8] = []
        swap(&storage, &buffer)
        let value: RESPValue?
        do {
            value = try storage.withUnsafeBufferPointer { (bytes) throws(RESPParseError) -> RESPValue? in
                try parseNext(bytes)
            }
        } catch {
            swap(&storage, &buffer)
            failure = error
            throw error
        }
        swap(&storage, &buffer)
        compactIfUseful()
        return value
    }

    private mutating func parseNext(_ bytes: UnsafeBufferPointer<UInt8>) throws(RESPParseError) -> RESPValue? {
        var completed = RESPValue.null
        parsing: while true {
            let start = readIndex
            switch try parseElement(bytes, value: &completed) {
            case .incomplete: return nil
            case .opened:
                replyBytes += readIndex - start  // within the limit: checked before consuming
                continue parsing
            case .value:
                replyBytes += readIndex - start
            }
            // Fold the completed value into its parents, closing every aggregate it fills.
            while let top = stack.indices.last {
                stack[top].items.append(completed)
                stack[top].remaining -= 1
                if stack[top].remaining > 0 { continue parsing }
                let frame = stack.removeLast()
                completed = Self.build(frame.kind, frame.items)
            }
            replyBytes = 0
            replyElements = 0
            return completed
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

    /// Parses one scalar or one aggregate header at `readIndex` and consumes it; nil if incomplete.
    ///
    /// Every limit is decided from bytes inside the element (its header, or the first
    /// bytes of a line), never from how many bytes happen to be buffered: that keeps
    /// errors identical however the input is split.
    private mutating func parseElement(_ bytes: UnsafeBufferPointer<UInt8>, value result: inout RESPValue) throws(RESPParseError) -> Step {
        let start = readIndex
        guard start < bytes.count else { return .incomplete }
        // Room left in this reply; the smallest element (`_\r\n`) takes 3 bytes.
        let budget = limits.maxBufferedBytes - replyBytes
        guard budget >= 3 else { throw .replyTooLarge(limit: limits.maxBufferedBytes) }
        let marker = bytes[start]
        switch marker {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ","), UInt8(ascii: "("),
             UInt8(ascii: "#"), UInt8(ascii: "_"):
            guard let end = try lineEnd(bytes, budget: budget, cap: limits.maxLineLength, isNumber: false) else { return .incomplete }
            result = try Self.lineValue(marker, bytes, start + 1..<end)
            consume(end + 2)
            return .value

        case UInt8(ascii: ":"):
            guard let end = try lineEnd(bytes, budget: budget, cap: Self.numberLineLimit, isNumber: true) else { return .incomplete }
            result = .integer(try Self.integer(bytes, start + 1..<end))
            consume(end + 2)
            return .value

        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            guard let end = try lineEnd(bytes, budget: budget, cap: Self.numberLineLimit, isNumber: true) else { return .incomplete }
            if end == start + 2, bytes[start + 1] == UInt8(ascii: "?") { throw .streamedValueUnsupported }
            let length = try Self.integer(bytes, start + 1..<end)
            if length == -1, marker == UInt8(ascii: "$") {
                consume(end + 2)
                result = .null
                return .value
            }
            guard length >= 0 else { throw .negativeLength(length) }
            guard length <= Int64(limits.maxBulkLength) else {
                throw .bulkTooLong(length: length, limit: limits.maxBulkLength)
            }
            // Whole element: header + payload + CRLF, overflow-checked against the budget.
            let headerBytes = end + 2 - start
            let (withPayload, o1) = headerBytes.addingReportingOverflow(Int(length))
            let (elementBytes, o2) = withPayload.addingReportingOverflow(2)
            guard !o1, !o2, elementBytes <= budget else { throw .replyTooLarge(limit: limits.maxBufferedBytes) }
            guard bytes.count - start >= elementBytes else { return .incomplete }
            let payloadStart = end + 2
            let payloadEnd = start + withPayload
            guard bytes[payloadEnd] == 13, bytes[payloadEnd + 1] == 10 else { throw .missingTerminator }
            let payload = UnsafeBufferPointer(rebasing: bytes[payloadStart..<payloadEnd])
            switch marker {
            case UInt8(ascii: "$"): result = .bulkString(Array(payload))
            case UInt8(ascii: "!"): result = .blobError(Array(payload))
            default:
                guard payload.count >= 4, payload[3] == UInt8(ascii: ":") else { throw .invalidVerbatim }
                result = .verbatim(format: String(decoding: UnsafeBufferPointer(rebasing: payload[0..<3]), as: UTF8.self),
                                  text: Array(UnsafeBufferPointer(rebasing: payload[4...])))
            }
            consume(start + elementBytes)
            return .value

        case UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "|"):
            guard let end = try lineEnd(bytes, budget: budget, cap: Self.numberLineLimit, isNumber: true) else { return .incomplete }
            if end == start + 2, bytes[start + 1] == UInt8(ascii: "?") { throw .streamedValueUnsupported }
            let count = try Self.integer(bytes, start + 1..<end)
            if count == -1, marker == UInt8(ascii: "*") {
                consume(end + 2)
                result = .null
                return .value
            }
            guard count >= 0 else { throw .negativeLength(count) }
            guard count <= Int64(limits.maxAggregateLength) else {
                throw .aggregateTooLong(count: count, limit: limits.maxAggregateLength)
            }
            let kind: AggregateKind
            var elements = Int(count)
            var overflow = false
            switch marker {
            case UInt8(ascii: "*"): kind = .array
            case UInt8(ascii: "~"): kind = .set
            case UInt8(ascii: ">"): kind = .push
            case UInt8(ascii: "%"):
                kind = .map
                (elements, overflow) = elements.multipliedReportingOverflow(by: 2)
            default:
                // Attribute pairs, then the value they describe.
                kind = .attribute
                (elements, overflow) = elements.multipliedReportingOverflow(by: 2)
                if !overflow { (elements, overflow) = elements.addingReportingOverflow(1) }
            }
            guard !overflow, elements <= limits.maxAggregateLength || kind == .attribute && count == 0 else {
                throw .aggregateTooLong(count: count, limit: limits.maxAggregateLength)
            }
            if elements == 0 {
                consume(end + 2)
                switch kind {
                case .array: result = .array([])
                case .set: result = .set([])
                case .push: result = .push([])
                case .map, .attribute: result = .map([])
                }
                return .value
            }
            let (total, o) = replyElements.addingReportingOverflow(elements)
            guard !o, total <= limits.maxTotalElements else { throw .tooManyElements(limit: limits.maxTotalElements) }
            guard stack.count < limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
            replyElements = total
            consume(end + 2)
            // Reserve no more than the received bytes could fill (each element takes
            // at least 3 bytes): the count is the peer's word, not proof of data.
            var items: [RESPValue] = []
            items.reserveCapacity(Swift.min(elements, (bytes.count - readIndex) / 3 + 1, 4096))
            stack.append(Frame(kind: kind, remaining: elements, items: items))
            return .opened

        case UInt8(ascii: ";"), UInt8(ascii: "."):
            throw .streamedValueUnsupported
        default:
            throw .unknownType(byte: marker)
        }
    }

    @inline(__always)
    private mutating func consume(_ newReadIndex: Int) {
        readIndex = newReadIndex
        scannedLineBytes = 0
    }

    /// Index of the CR of the CRLF ending the line whose marker is at `readIndex`,
    /// nil if it has not arrived yet.
    ///
    /// The line may hold at most `cap` bytes and must fit the reply's `budget` with
    /// its marker and CRLF. Only that window is searched, so whether a line is too
    /// long never depends on how much input happens to be buffered.
    @inline(__always)
    private mutating func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, budget: Int, cap: Int, isNumber: Bool) throws(RESPParseError) -> Int? {
        let lineStart = readIndex + 1
        let window = Swift.min(cap, budget - 3)  // budget >= 3: checked by the caller
        let available = bytes.count - lineStart
        // A CR may sit at lineStart ... lineStart + window (a line of `window` bytes).
        let searchEnd = available > window ? lineStart + window + 1 : bytes.count
        var index = lineStart + scannedLineBytes
        while index < searchEnd {
            if bytes[index] == 13 {
                guard index + 1 < bytes.count else {
                    scannedLineBytes = index - lineStart  // look at this CR again
                    return nil
                }
                guard bytes[index + 1] == 10 else { throw .missingTerminator }
                return index
            }
            index += 1
        }
        if available > window {
            if window < cap { throw .replyTooLarge(limit: limits.maxBufferedBytes) }
            if isNumber { throw .invalidNumber(Self.text(bytes, lineStart..<searchEnd)) }
            throw .lineTooLong(limit: cap)
        }
        scannedLineBytes = index - lineStart
        return nil
    }
}
