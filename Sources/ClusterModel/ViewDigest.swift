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
    /// Every slot range in the view with its owner's raw token, sorted by start.
    var rawOwnership: [RawOwnedRange] = []
    /// Ids of `lines` (and of the own line) whose token is not 40 bytes long, by index.
    var otherIDs: [NodeID] = []
    /// Cheap fingerprint of `rawOwnership`, to group byte-identical views.
    var ownershipFingerprint: UInt64 = 0

    init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: ClusterNodesView.command))
    }

    init(bytes: [UInt8]) throws(ModelParseError) {
        self.bytes = bytes
        // The scan runs in a plain, non-throwing method: errors come back as a value and
        // are thrown here, outside any closure.
        var scan = ViewScan()
        bytes.withUnsafeBufferPointer { scan.run($0) }
        if let error = scan.error { throw error }
        own = scan.own
        var ownership = scan.ownership
        ownership.sort { $0.range.start < $1.range.start }
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        for item in ownership {
            fingerprint = (fingerprint ^ (UInt64(item.range.start) << 16 | UInt64(item.range.end))) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ UInt64(truncatingIfNeeded: item.otherOwner)) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ item.owner.mixedBits) &* 0x100_0000_01b3
        }
        self.otherIDs = scan.otherIDs
        self.lines = scan.lines
        rawOwnership = ownership
        ownershipFingerprint = fingerprint
    }

    /// Every slot range in the view with its owner, sorted by start (ids parsed here).
    var ownership: [OwnedRange] {
        rawOwnership.map { OwnedRange(range: $0.range, owner: $0.otherOwner < 0 ? $0.owner.nodeID : otherIDs[Int($0.otherOwner)]) }
    }

    /// Whether two views assign the same ranges to the same id tokens.
    func sameRawOwnership(as other: ViewDigest) -> Bool {
        guard rawOwnership.count == other.rawOwnership.count else { return false }
        for (a, b) in zip(rawOwnership, other.rawOwnership) {
            guard a.range == b.range, (a.otherOwner < 0) == (b.otherOwner < 0) else { return false }
            if a.otherOwner < 0 { if a.owner != b.owner { return false } }
            else if otherIDs[Int(a.otherOwner)] != other.otherIDs[Int(b.otherOwner)] { return false }
        }
        return true
    }

    /// Fingerprint of resolved assignments (equal assignments, equal fingerprints).
    static func fingerprint(_ ownership: [OwnedRange]) -> UInt64 {
        var fingerprint: UInt64 = 0xcbf2_9ce4_8422_2325
        for item in ownership {
            fingerprint = (fingerprint ^ (UInt64(item.range.start) << 16 | UInt64(item.range.end))) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ item.owner.high) &* 0x100_0000_01b3
            fingerprint = (fingerprint ^ item.owner.middle) &* 0x100_0000_01b3
        }
        return fingerprint
    }

    /// The id of one of `lines` (parsed from its bytes: the builder calls this once per distinct token).
    func id(_ line: LineDigest) -> NodeID {
        line.otherID < 0 ? line.rawID.nodeID : otherIDs[Int(line.otherID)]
    }

    /// The full entry of one of `lines` (parsed again, on demand).
    func entry(_ line: LineDigest) -> ClusterNodeEntry? {
        bytes.withUnsafeBufferPointer { buffer in
            try? ClusterNodesView.parseLine(UnsafeBufferPointer(rebasing: buffer[Int(line.start)..<Int(line.end)]),
                                            number: Int(line.number))
        }
    }
}

/// A slot range and its owner as written: the raw 40-byte id token, or (`otherOwner`
/// >= 0) an index into the view's `otherIDs` for a token of another length.
struct RawOwnedRange: Sendable {
    var range: SlotRange
    var owner: RawID
    var otherOwner: Int32
}

/// The facts the builder needs from one CLUSTER NODES line. Plain bits, no
/// references, so 40 000 of them cost one array and nothing to copy or free.
struct LineDigest: Sendable {
    /// The id token as read: its 40 bytes as five little-endian words (a real id),
    /// or, when the token is not 40 bytes long, `otherID` indexes the view's `otherIDs`.
    /// Parsed into a `NodeID` only once per distinct token per cycle (`RawIDTable`).
    var rawID: RawID
    /// Index into the view's `otherIDs`, or -1 when `rawID` holds the id.
    var otherID: Int32
    var flagBits: UInt16
    var epoch: UInt64
    /// The link field is exactly `disconnected`.
    var linkDown: Bool
    /// Hash of the address token; equal tokens → equal hashes.
    var addressHash: UInt64
    var start: Int32
    var end: Int32
    var number: Int32

    var isMyself: Bool { flagBits & 1 != 0 }
    var isFail: Bool { flagBits & (1 << 4) != 0 }
    var isPossiblyFailing: Bool { flagBits & (1 << 3) != 0 }

}

/// Byte-for-byte comparison with an ASCII literal, without generic iteration.
@inline(__always)
func equalsASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    guard bytes.count == literal.utf8CodeUnitCount else { return false }
    let p = literal.utf8Start
    for i in 0..<bytes.count where bytes[i] != p[i] { return false }
    return true
}

/// One pass over a CLUSTER NODES reply into `LineDigest`s.
///
/// The reply is read eight bytes at a time; each word gives a mask of its spaces and
/// newlines, and each set bit closes a token (runs of spaces make no empty tokens)
/// or, at a newline, a line. So every byte is looked at once, by word, and the
/// per-line work is only on the tokens: the id is kept as its raw 40 bytes (parsed
/// once per distinct token by the builder), the address is hashed, flags, epoch,
/// link and slot tokens are read; master id, ping and pong are never parsed.
/// Nothing is allocated per line. Lines split as `ClusterNodesView.parseLine`
/// splits them: a trailing CR is dropped, then fields are runs of non-space bytes.
struct ViewScan {
    var own: ClusterNodeEntry?
    var lines: [LineDigest] = []
    var ownership: [RawOwnedRange] = []
    var otherIDs: [NodeID] = []
    var error: ModelParseError?

    /// Scans every line; stops at the first malformed one (recorded in `error`).
    /// Non-throwing on purpose: it runs inside `withUnsafeBufferPointer`.
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        let count = buffer.count
        lines.reserveCapacity(count / 64 + 1)
        // Token bounds of the current line: start, end, start, end, … A line of k bytes has
        // at most k / 2 + 1 tokens, so count + 4 values never fill (no check per token).
        // Int32 halves the buffer (under malloc's mmap threshold for 200-node replies).
        guard count < Int(Int32.max) - 8 else {
            error = ModelParseError(command: ClusterNodesView.command, reason: "reply too large (\(count) bytes)")
            return
        }
        let tokens = UnsafeMutablePointer<Int32>.allocate(capacity: count &+ 4)
        defer { tokens.deallocate() }
        var n = 0
        @inline(__always) func push(_ start: Int, _ end: Int) {
            tokens[n] = Int32(truncatingIfNeeded: start)
            tokens[n &+ 1] = Int32(truncatingIfNeeded: end)
            n &+= 2
        }
        let raw = UnsafeRawPointer(base)
        var number = 0
        var lineStart = 0
        var tokenStart = 0
        // Handles the separator candidates of the word at `i`; false after a malformed line.
        @inline(__always) func separators(_ word: UInt64, at i: Int) -> Bool {
            // Bytes below 0x21: spaces and newlines, and rarely CR, tab or other controls
            // (looked at and passed over). Exact per byte: no carry crosses bytes.
            var candidates = ~(((word & ~highs) &+ (ones &* 0x5F)) | word) & highs
            while candidates != 0 {
                let at = i &+ candidates.trailingZeroBitCount &>> 3
                candidates &= candidates &- 1
                let byte = base[at]
                if byte == 0x20 {
                    if at > tokenStart { push(tokenStart, at) }
                    tokenStart = at &+ 1
                } else if byte == 0x0A {
                    if at > tokenStart { push(tokenStart, at) }
                    tokenStart = at &+ 1
                    number &+= 1
                    if n != 0, let failure = line(base, count: count, start: lineStart, newline: at,
                                                  tokens: tokens, n: n, number: number) {
                        error = failure
                        return false
                    }
                    n = 0
                    lineStart = at &+ 1
                }
            }
            return true
        }
        var i = 0
        while i &+ 8 <= count {
            guard separators(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)), at: i) else { return }
            i &+= 8
        }
        if i < count {
            // The last few bytes, padded with a byte that is no separator.
            var word = ones &* 0x41
            for k in 0..<(count &- i) {
                let shift = UInt64(truncatingIfNeeded: 8 &* k)
                word = word & ~(0xFF &<< shift) | UInt64(base[i &+ k]) &<< shift
            }
            guard separators(word, at: i) else { return }
        }
        if lineStart < count {
            if tokenStart < count { push(tokenStart, count) }
            number &+= 1
            if n != 0, let failure = line(base, count: count, start: lineStart, newline: count,
                                          tokens: tokens, n: n, number: number) {
                error = failure
            }
        }
    }

    /// Digests the line `start..<newline` given its tokens (`n / 2` of them, CR not yet
    /// dropped); returns its error, if any.
    mutating func line(_ base: UnsafePointer<UInt8>, count: Int, start: Int, newline: Int,
                       tokens: UnsafeMutablePointer<Int32>, n: Int, number: Int) -> ModelParseError? {
        var n = n
        var end = newline
        if end > start && base[end &- 1] == 0x0D {
            end &-= 1
            // The CR ends the last token: drop it (and the token, if that was all of it).
            if Int(tokens[n &- 1]) == newline {
                tokens[n &- 1] = Int32(truncatingIfNeeded: end)
                if Int(tokens[n &- 2]) == end { n &-= 2 }
            }
        }
        @inline(__always) func token(_ k: Int) -> Int { Int(tokens[k]) }
        if n == 0 { return nil }   // blank, or only spaces
        guard n >= 16 else { return fail(base, start, end, number, "expected at least 8 fields") }
        let raw = UnsafeRawPointer(base)
        let idStart = token(0), idEnd = token(1)
        let isRaw = idEnd &- idStart == 40
        let (addressHash, hasColon) = hashToken(base, token(2), token(3), limit: count)
        guard hasColon else { return fail(base, start, end, number, "malformed address") }
        guard let epoch = smallInt(base, token(12), token(13)) ?? parseInt(UnsafeBufferPointer(start: base + token(12), count: token(13) &- token(12))),
              epoch >= 0 else { return fail(base, start, end, number, "malformed config epoch") }
        let bits = flagBits(base, token(4), token(5), limit: count)
        let rawID = isRaw ? RawID(raw + idStart) : RawID()
        var otherID: Int32 = -1
        if !isRaw {
            otherID = Int32(truncatingIfNeeded: otherIDs.count)
            otherIDs.append(NodeID(bytes: UnsafeBufferPointer(start: base + idStart, count: idEnd &- idStart))!)
        }
        // Slot tokens: `N` or `A-B`; anything else (only `myself` lines carry migrations) is skipped.
        var k = 16
        while k < n {
            if let range = slotRange(base, token(k)..<token(k &+ 1)) {
                ownership.append(RawOwnedRange(range: range, owner: rawID, otherOwner: otherID))
            }
            k &+= 2
        }
        if bits & 1 != 0 { return ownLine(base, start: start, end: end, number: number) }
        let linkStart = token(14)
        let linkDown = token(15) &- linkStart == 12
            && equalsASCII(UnsafeBufferPointer(start: base + linkStart, count: 12), "disconnected")
        lines.append(LineDigest(rawID: rawID, otherID: otherID, flagBits: bits,
                                epoch: UInt64(epoch), linkDown: linkDown, addressHash: addressHash,
                                start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                                number: Int32(truncatingIfNeeded: number)))
        return nil
    }

    /// The answering node's own line, parsed in full (once per reply: kept out of the hot path).
    @inline(never)
    mutating func ownLine(_ base: UnsafePointer<UInt8>, start: Int, end: Int, number: Int) -> ModelParseError? {
        do {
            own = try ClusterNodesView.parseLine(UnsafeBufferPointer(start: base + start, count: end &- start), number: number)
        } catch {
            return error
        }
        return nil
    }

    @inline(never)
    private func fail(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ number: Int, _ reason: String) -> ModelParseError {
        ModelParseError(command: ClusterNodesView.command, line: number,
                        text: String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self),
                        reason: reason)
    }
}

/// A slot token as `ClusterNodesView.parseSlotRange` reads it: `N` or `A-B`, each a
/// decimal slot number (leading zeros allowed), `A <= B`.
@inline(__always)
func slotRange(_ base: UnsafePointer<UInt8>, _ token: Range<Int>) -> SlotRange? {
    var i = token.lowerBound
    @inline(__always) func number(_ i: inout Int) -> Int? {
        let s = i
        var value = 0
        while i < token.upperBound {
            let digit = Int(base[i] &- UInt8(ascii: "0"))
            if digit > 9 { break }
            value = value &* 10 &+ digit
            if value > clusterSlotCount - 1 { return nil }
            i &+= 1
        }
        return i > s ? value : nil
    }
    guard let a = number(&i) else { return nil }
    if i == token.upperBound { return SlotRange(slot: a) }
    guard base[i] == UInt8(ascii: "-") else { return nil }
    i += 1
    guard let b = number(&i), i == token.upperBound, a <= b else { return nil }
    return SlotRange(a, b)
}

/// A token of 1-9 decimal digits, or nil (then `parseInt` decides).
@inline(__always)
func smallInt(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
    guard end > start && end &- start < 10 else { return nil }
    var value: Int64 = 0
    var i = start
    while i < end {
        let digit = base[i] &- UInt8(ascii: "0")
        if digit > 9 { return nil }
        value = value &* 10 &+ Int64(digit)
        i &+= 1
    }
    return value
}

/// The known-flag bits of a flags token, as `NodeFlags.knownBit` gives them per comma
/// part. `master` and `slave` alone (most lines) are matched as one word.
@inline(__always)
func flagBits(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int) -> UInt16 {
    let length = end &- start
    if start &+ 8 <= limit && (length == 6 || length == 5) {
        let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self))
        if length == 6 && word & 0xFFFF_FFFF_FFFF == 0x7265_7473_616D { return 1 << 1 }   // "master"
        if length == 5 && word & 0xFF_FFFF_FFFF == 0x65_7661_6C73 { return 1 << 2 }      // "slave"
    }
    var bits: UInt16 = 0
    var t = start
    while t < end {
        let c = indexOfByte(UInt8(ascii: ","), base, from: t, end: end)
        bits |= NodeFlags.knownBit(UnsafeBufferPointer(start: base + t, count: c &- t))
        t = c &+ 1
    }
    return bits
}

private let ones: UInt64 = 0x0101_0101_0101_0101
private let highs: UInt64 = 0x8080_8080_8080_8080

/// Bytes equal to the byte repeated in `pattern` are marked with their high bit (exact, no false positives).
@inline(__always)
private func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = word ^ pattern
    // Exact zero-byte test: (x & 0x7f…) + 0x7f… sets the high bit of every non-zero low-7-bit byte.
    return ~(((x & ~highs) &+ ~highs) | x) & highs
}

/// Index of the first `byte` at or after `from`, or `end`; eight bytes at a time.
@inline(__always)
func indexOfByte(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
    let pattern = ones &* UInt64(byte)
    let raw = UnsafeRawPointer(base)
    var i = from
    while i &+ 8 <= end {
        let found = matches(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)), pattern)
        if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
        i &+= 8
    }
    while i < end && base[i] != byte { i &+= 1 }
    return i
}

/// A hash of the token `start..<end` (equal tokens, equal hashes) and whether it holds a `:`.
/// Reads whole words up to `limit` (the buffer's end) and masks off bytes past the token.
@inline(__always)
func hashToken(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int) -> (UInt64, Bool) {
    let colons = ones &* UInt64(UInt8(ascii: ":"))
    let raw = UnsafeRawPointer(base)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: end &- start)
    var colon: UInt64 = 0
    var i = start
    while i &+ 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        colon |= matches(word, colons)
        hash = (hash ^ word) &* 0x100_0000_01b3
        hash ^= hash &>> 32
        i &+= 8
    }
    if i < end {
        let n = end &- i
        let mask: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* n)
        var word: UInt64 = 0
        if i &+ 8 <= limit {
            word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) & mask
        } else {
            for k in 0..<n { word |= UInt64(base[i &+ k]) &<< UInt64(truncatingIfNeeded: 8 &* k) }
        }
        colon |= matches(word, colons) & mask
        hash = (hash ^ word) &* 0x100_0000_01b3
        hash ^= hash &>> 32
    }
    return (hash, colon != 0)
}
