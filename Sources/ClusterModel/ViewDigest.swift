import RESP

/// The fast path the snapshot builder takes through a CLUSTER NODES reply.
///
/// A 200-node cycle reads 40 000 lines, almost all about *other* nodes. The
/// builder only needs a few facts from those lines, so they are scanned into
/// `LineDigest`s without allocating; the full `ClusterNodeEntry` is parsed only
/// for the node's own line and, on demand, once per node id.
struct ViewDigest: Sendable {
    /// The reply bytes (shared with the RESP value, not copied).
    let bytes: [UInt8]
    /// The answering node's own line, fully parsed.
    var own: ClusterNodeEntry?
    /// Every other line, in reply order.
    var lines: [LineDigest] = []
    /// Every slot range in the view with its owner, sorted by start.
    var ownership: [OwnedRange] = []
    /// Non-hex ids of `lines`, by `LineDigest.otherID`.
    var otherIDs: [String] = []
    /// Cheap fingerprint of `ownership`, to group identical views.
    var ownershipFingerprint: UInt64 = 0

    init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: ClusterNodesView.command))
    }

    init(bytes: [UInt8]) throws(ModelParseError) {
        self.bytes = bytes
        var own: ClusterNodeEntry?
        var lines: [LineDigest] = []
        var ownership: [OwnedRange] = []
        var otherIDs: [String] = []
        let outcome: ModelParseError? = bytes.withUnsafeBufferPointer { buffer in
            lines.reserveCapacity(buffer.count / 64 + 1)
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            var lineNumber = 0
            var start = 0
            while start < count {
                lineNumber += 1
                // Blank line (or a lone CR): skip it.
                if base[start] == 0x0A { start += 1; continue }
                do throws(ModelParseError) {
                    let (digest, lineEnd, next) = try LineDigest.scan(base, count: count, start: start, number: lineNumber,
                                                                     ownership: &ownership, otherIDs: &otherIDs)
                    if let digest {
                        if digest.isMyself {
                            own = try ClusterNodesView.parseLine(UnsafeBufferPointer(rebasing: buffer[start..<lineEnd]),
                                                                 number: lineNumber)
                        } else {
                            lines.append(digest)
                        }
                    }
                    start = next
                } catch {
                    return error
                }
            }
            return nil
        }
        if let outcome { throw outcome }
        ownership.sort { $0.range.start < $1.range.start }
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        for item in ownership {
            fingerprint = (fingerprint ^ (UInt64(item.range.start) << 16 | UInt64(item.range.end))) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ item.owner.high) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ item.owner.middle) &* 0x100_0000_01b3
        }
        self.own = own
        self.otherIDs = otherIDs
        self.lines = lines
        self.ownership = ownership
        ownershipFingerprint = fingerprint
    }

    /// The id of one of `lines`.
    @inline(__always)
    func id(_ line: LineDigest) -> NodeID {
        NodeID(high: line.idHigh, middle: line.idMiddle, low: line.idLow,
               other: line.otherID < 0 ? nil : otherIDs[Int(line.otherID)])
    }

    /// The full entry of one of `lines` (parsed again, on demand).
    func entry(_ line: LineDigest) -> ClusterNodeEntry? {
        bytes.withUnsafeBufferPointer { buffer in
            try? ClusterNodesView.parseLine(UnsafeBufferPointer(rebasing: buffer[Int(line.start)..<Int(line.end)]),
                                            number: Int(line.number))
        }
    }
}

/// The facts the builder needs from one CLUSTER NODES line. Plain bits, no
/// references, so 40 000 of them cost one array and nothing to copy or free.
struct LineDigest: Sendable {
    /// The id's 160 bits; a non-hex id (never sent by real servers) is kept in `otherID`.
    var idHigh: UInt64
    var idMiddle: UInt64
    var idLow: UInt32
    /// Index into the view's `otherIDs`, or -1.
    var otherID: Int32
    var flagBits: UInt16
    var epoch: UInt64
    var linkDown: Bool
    /// FNV-1a of the address token; equal tokens → equal addresses.
    var addressHash: UInt64
    var start: Int32
    var end: Int32
    var number: Int32

    var isMyself: Bool { flagBits & 1 != 0 }
    var isFail: Bool { flagBits & (1 << 4) != 0 }
    var isPossiblyFailing: Bool { flagBits & (1 << 3) != 0 }

    /// Scans the line that begins at `start`, up to its newline, in one pass.
    /// Returns the digest (nil for a blank line), where the line's text ends
    /// (before any CR) and where the next line begins.
    static func scan(_ base: UnsafePointer<UInt8>, count: Int, start: Int, number: Int,
                     ownership: inout [OwnedRange], otherIDs: inout [String])
        throws(ModelParseError) -> (LineDigest?, lineEnd: Int, next: Int) {
        var cursor = start
        var atEnd = false
        // Next field of this line; stops at the newline. Word-at-a-time search:
        // this runs for every byte of 40 000 lines per 200-node cycle.
        @inline(__always) func next() -> UnsafeBufferPointer<UInt8>? {
            while !atEnd && cursor < count && base[cursor] == 0x20 { cursor += 1 }
            if atEnd || cursor >= count || base[cursor] == 0x0A { atEnd = true; return nil }
            let s = cursor
            cursor = indexOfSpaceOrNewline(base, from: cursor, end: count)
            var e = cursor
            if cursor >= count || base[cursor] == 0x0A {
                atEnd = true
                if e > s && base[e - 1] == 0x0D { e -= 1 }
            }
            return e > s ? UnsafeBufferPointer(start: base + s, count: e - s) : nil
        }
        func finish() -> (lineEnd: Int, next: Int) {
            var end = cursor
            while end < count && base[end] != 0x0A { end = indexOfSpaceOrNewline(base, from: end + (base[end] == 0x20 ? 1 : 0), end: count) }
            var lineEnd = end
            if lineEnd > start && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            return (lineEnd, end + 1)
        }
        func fail(_ reason: String) -> ModelParseError {
            let (lineEnd, _) = finish()
            return ModelParseError(command: ClusterNodesView.command, line: number,
                                   text: String(decoding: UnsafeBufferPointer(start: base + start, count: lineEnd - start), as: UTF8.self),
                                   reason: reason)
        }
        guard let f0 = next() else { let (e, n) = finish(); return (nil, e, n) }
        guard let f1 = next(), let f2 = next(), next() != nil, next() != nil, next() != nil,
              let f6 = next(), let f7 = next() else { throw fail("expected at least 8 fields") }
        guard let id = NodeID(bytes: f0) else { throw fail("empty node id") }
        guard f1.contains(UInt8(ascii: ":")) else { throw fail("malformed address") }
        guard let epoch = parseInt(f6), epoch >= 0 else { throw fail("malformed config epoch") }
        var bits: UInt16 = 0
        splitOn(UInt8(ascii: ","), f2) { token in bits |= NodeFlags.knownBit(token) }
        var otherID: Int32 = -1
        if let other = id.other { otherID = Int32(otherIDs.count); otherIDs.append(other) }
        while let token = next() {
            if let range = ClusterNodesView.parseSlotRange(token) { ownership.append(OwnedRange(range: range, owner: id)) }
        }
        let (lineEnd, nextStart) = finish()
        let digest = LineDigest(idHigh: id.high, idMiddle: id.middle, idLow: id.low, otherID: otherID, flagBits: bits,
                                epoch: UInt64(epoch), linkDown: f7.count == 12 && f7[0] == UInt8(ascii: "d"),
                                addressHash: fnv1a(f1), start: Int32(start), end: Int32(lineEnd), number: Int32(number))
        return (digest, lineEnd, nextStart)
    }
}

/// Index of the first space or newline at or after `from` (or `end`), eight bytes at a time.
@inline(__always)
func indexOfSpaceOrNewline(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let spaces = ones &* 0x20, newlines = ones &* 0x0A
    let raw = UnsafeRawPointer(base)
    var i = from
    while i + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        let a = word ^ spaces, b = word ^ newlines
        let found = (((a &- ones) & ~a) | ((b &- ones) & ~b)) & highs
        if found != 0 { return i + found.trailingZeroBitCount / 8 }
        i += 8
    }
    while i < end && base[i] != 0x20 && base[i] != 0x0A { i += 1 }
    return i
}

/// Byte-for-byte comparison with an ASCII literal, without generic iteration.
@inline(__always)
func equalsASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let p = literal.utf8Start
    for i in 0..<bytes.count where bytes[i] != p[i] { return false }
    return true
}
