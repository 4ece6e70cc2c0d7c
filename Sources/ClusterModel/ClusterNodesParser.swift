import RESP

extension ClusterNodesView {
    static let command = "CLUSTER NODES"

    /// Parses a CLUSTER NODES reply (RESP2 bulk or RESP3 verbatim string).
    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: Self.command))
    }

    /// Parses CLUSTER NODES text.
    public init(text: String) throws(ModelParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    /// Parses CLUSTER NODES bytes. Works on bytes, not `String`, so a 200-line
    /// reply costs about one allocation per master line.
    public init(bytes: [UInt8]) throws(ModelParseError) {
        let result = bytes.withUnsafeBufferPointer { Self.parseLines($0) }
        self.entries = try result.get()
    }

    /// Every non-blank line, or the first error. A plain function on purpose: the closure
    /// above only calls it, because Swift 6.3.1 miscompiles `do throws(X)` inside closures
    /// run as task-group children (pollers parse replies there).
    static func parseLines(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<[ClusterNodeEntry], ModelParseError> {
        guard let base = buffer.baseAddress else { return .success([]) }
        var entries: [ClusterNodeEntry] = []
        var lineNumber = 0
        var start = 0
        let count = buffer.count
        while start < count {
            let end = indexOfByte(UInt8(ascii: "\n"), base, from: start, end: count)
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && base[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd > start {
                do throws(ModelParseError) {
                    entries.append(try parseLine(UnsafeBufferPointer(start: base + start, count: lineEnd - start), number: lineNumber))
                } catch {
                    return .failure(error)
                }
            }
            start = end + 1
        }
        return .success(entries)
    }

    static func parseLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(ModelParseError) -> ClusterNodeEntry {
        func fail(_ reason: String) -> ModelParseError {
            ModelParseError(command: command, line: number, text: String(decoding: line, as: UTF8.self), reason: reason)
        }
        // Walk the fields with a cursor: no array of substrings per line.
        var cursor = 0
        var fieldCount = 0
        func next() -> UnsafeBufferPointer<UInt8>? {
            while cursor < line.count && line[cursor] == UInt8(ascii: " ") { cursor += 1 }
            guard cursor < line.count else { return nil }
            let start = cursor
            while cursor < line.count && line[cursor] != UInt8(ascii: " ") { cursor += 1 }
            fieldCount += 1
            return UnsafeBufferPointer(rebasing: line[start..<cursor])
        }
        guard let f0 = next(), let f1 = next(), let f2 = next(), let f3 = next(), let f4 = next(), let f5 = next(),
              let f6 = next(), let f7 = next() else {
            throw fail("expected at least 8 fields, found \(fieldCount)")
        }

        guard let id = NodeID(bytes: f0) else { throw fail("empty node id") }
        guard let announced = parseAddress(f1) else { throw fail("malformed address") }
        var flags = NodeFlags(bits: 0, unknown: [])
        splitOn(UInt8(ascii: ","), f2) { flags.insert(token: $0) }
        let masterField = f3
        let masterID = masterField.count == 1 && masterField[0] == UInt8(ascii: "-") ? nil : NodeID(bytes: masterField)
        guard let pingSent = parseInt(f4), let pong = parseInt(f5) else { throw fail("malformed ping/pong time") }
        guard let epoch = parseInt(f6), epoch >= 0 else { throw fail("malformed config epoch") }
        let link = f7
        let linkState: LinkState = equalsASCII(link, "connected") ? .connected
            : equalsASCII(link, "disconnected") ? .disconnected : .other(String(decoding: link, as: UTF8.self))

        var slots: [SlotRange] = []
        var migrations: [SlotMigration] = []
        var unknown: [String] = []
        while let token = next() {
            if let range = parseSlotRange(token) {
                slots.append(range)
            } else if let migration = parseMigration(token) {
                migrations.append(migration)
            } else {
                unknown.append(String(decoding: token, as: UTF8.self))
            }
        }
        return ClusterNodeEntry(id: id, announced: announced, flags: flags, masterID: masterID, pingSent: pingSent,
                                pongReceived: pong, configEpoch: UInt64(epoch), linkState: linkState, slots: slots,
                                migrations: migrations, unknownSlotTokens: unknown)
    }

    /// `ip:port@cport[,hostname][,k=v…]`; the port is split at the last `:` (IPv6).
    static func parseAddress(_ token: UnsafeBufferPointer<UInt8>) -> AnnouncedAddress? {
        let comma = token.firstIndex(of: UInt8(ascii: ","))
        let first = comma.map { UnsafeBufferPointer(rebasing: token[..<$0]) } ?? token
        var hostPort = first
        var busPort: Int?
        if let at = first.lastIndex(of: UInt8(ascii: "@")) {
            hostPort = UnsafeBufferPointer(rebasing: first[..<at])
            guard let bus = parseInt(UnsafeBufferPointer(rebasing: first[(at + 1)...])) else { return nil }
            busPort = Int(bus)
        }
        guard let colon = hostPort.lastIndex(of: UInt8(ascii: ":")),
              let port = parseInt(UnsafeBufferPointer(rebasing: hostPort[(colon + 1)...])) else { return nil }
        var host = String(decoding: UnsafeBufferPointer(rebasing: hostPort[..<colon]), as: UTF8.self)
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var hostname: String?
        var aux: [AuxField] = []
        var parts: [UnsafeBufferPointer<UInt8>] = []
        if let comma { splitOn(UInt8(ascii: ","), UnsafeBufferPointer(rebasing: token[(comma + 1)...]), keepEmpty: true) { parts.append($0) } }
        for (index, part) in parts.enumerated() {
            if let eq = part.firstIndex(of: UInt8(ascii: "=")) {
                aux.append(AuxField(key: String(decoding: UnsafeBufferPointer(rebasing: part[..<eq]), as: UTF8.self),
                                    value: String(decoding: UnsafeBufferPointer(rebasing: part[(eq + 1)...]), as: UTF8.self)))
            } else if index == 0 {
                hostname = String(decoding: part, as: UTF8.self)
            } else {
                aux.append(AuxField(key: String(decoding: part, as: UTF8.self), value: ""))
            }
        }
        return AnnouncedAddress(address: NodeAddress(host: host, port: Int(port)), busPort: busPort,
                                hostname: hostname, auxFields: aux)
    }

    /// `N` or `A-B`.
    static func parseSlotRange(_ token: UnsafeBufferPointer<UInt8>) -> SlotRange? {
        guard let first = token.first, first != UInt8(ascii: "[") else { return nil }
        if let dash = token.firstIndex(of: UInt8(ascii: "-")) {
            guard let a = parseInt(UnsafeBufferPointer(rebasing: token[..<dash])),
                  let b = parseInt(UnsafeBufferPointer(rebasing: token[(dash + 1)...])),
                  SlotRange.isValidSlot(Int(a)), SlotRange.isValidSlot(Int(b)), a <= b else { return nil }
            return SlotRange(Int(a), Int(b))
        }
        guard let n = parseInt(token), SlotRange.isValidSlot(Int(n)) else { return nil }
        return SlotRange(slot: Int(n))
    }

    /// `[N->-id]` or `[N-<-id]`.
    static func parseMigration(_ token: UnsafeBufferPointer<UInt8>) -> SlotMigration? {
        guard token.count > 5, token.first == UInt8(ascii: "["), token.last == UInt8(ascii: "]") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: token[1..<(token.count - 1)])
        guard let dash = inner.firstIndex(of: UInt8(ascii: "-")), dash + 2 < inner.count,
              let slot = parseInt(UnsafeBufferPointer(rebasing: inner[..<dash])), SlotRange.isValidSlot(Int(slot))
        else { return nil }
        let direction: SlotMigration.Direction
        switch (inner[dash + 1], inner[dash + 2]) {
        case (UInt8(ascii: ">"), UInt8(ascii: "-")): direction = .migrating
        case (UInt8(ascii: "<"), UInt8(ascii: "-")): direction = .importing
        default: return nil
        }
        guard let peer = NodeID(bytes: UnsafeBufferPointer(rebasing: inner[(dash + 3)...])) else { return nil }
        return SlotMigration(slot: Int(slot), direction: direction, peer: peer)
    }
}

/// Decimal integer with optional leading `-`; nil on anything else or overflow.
func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard !bytes.isEmpty else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1; if bytes.count == 1 { return nil } }
    var value: Int64 = 0
    while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int64(digit))
        if o1 || o2 { return nil }
        value = a
        index += 1
    }
    return negative ? -value : value
}

func splitOn(_ separator: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, keepEmpty: Bool = false,
             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    var start = 0
    var i = 0
    while i <= bytes.count {
        if i == bytes.count || bytes[i] == separator {
            if keepEmpty || i > start { body(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
            start = i + 1
        }
        i += 1
    }
}
