/// Node id → dense index, with open addressing. Real ids are random hex, so
/// their own bits are the hash: no hasher runs for the 40 000 lookups a
/// 200-node cycle makes (a `Dictionary` spent ~1.5 ms on them).
struct IDTable {
    private var keys: [NodeID?]
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [NodeID?](repeating: nil, count: size)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ id: NodeID) -> Int {
        if let other = id.other { return other.hashValue }
        return Int(truncatingIfNeeded: id.high ^ (id.middle &* 0x9E37_79B9_7F4A_7C15))
    }

    /// The index of `id`, or nil.
    func index(of id: NodeID) -> Int? {
        var i = IDTable.hash(id) & mask
        while let key = keys[i] {
            if key == id { return Int(slots[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// The index of `id`, assigning the next index (`count`) when it is new.
    mutating func insert(_ id: NodeID) -> (index: Int, inserted: Bool) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = IDTable.hash(id) & mask
        while let key = keys[i] {
            if key == id { return (Int(slots[i]), false) }
            i = (i + 1) & mask
        }
        keys[i] = id
        slots[i] = Int32(count)
        count += 1
        return (count - 1, true)
    }

    private mutating func grow() {
        let old = zip(keys, slots).compactMap { key, slot in key.map { ($0, slot) } }
        self = IDTable(capacity: keys.count)
        for (key, slot) in old.sorted(by: { $0.1 < $1.1 }) { _ = insert(key); _ = slot }
    }
}

/// A 40-byte id token as read from a reply: five little-endian words. Two tokens are
/// equal when their bytes are; different spellings of one id (upper/lower case) are
/// different tokens that parse to the same `NodeID`.
struct RawID: Hashable, Sendable {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0, w4: UInt64 = 0

    init() {}

    /// The 40 bytes at `raw`.
    @inline(__always)
    init(_ raw: UnsafeRawPointer) {
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        w4 = raw.loadUnaligned(fromByteOffset: 32, as: UInt64.self)
    }

    /// The token parsed as `NodeID(bytes:)` parses it.
    var nodeID: NodeID {
        var copy = self
        return withUnsafeBytes(of: &copy) { NodeID(bytes: $0.bindMemory(to: UInt8.self))! }
    }

    @inline(__always)
    static func == (a: RawID, b: RawID) -> Bool {
        ((a.w0 ^ b.w0) | (a.w1 ^ b.w1) | (a.w2 ^ b.w2) | (a.w3 ^ b.w3) | (a.w4 ^ b.w4)) == 0
    }

    /// All 320 bits folded into one word (for fingerprints).
    @inline(__always)
    var mixedBits: UInt64 {
        (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w2 &* 0x1656_67B1_9E37_79F9)
            ^ (w3 &* 0x85EB_CA77_C2B2_AE63) ^ w4
    }

    @inline(__always)
    var mixed: Int {
        let h = (w0 &* 0x9E37_79B9_7F4A_7C15) ^ (w1 &* 0xC2B2_AE3D_27D4_EB4F) ^ w4
        return Int(truncatingIfNeeded: h ^ (h &>> 29))
    }
}

/// Raw id token → index in the builder's `IDTable`: a cache in front of parsing, so a
/// cycle parses each distinct token once instead of once per line (40 000 lines, 200 ids).
struct RawIDTable {
    private var keys: [RawID]
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [RawID](repeating: RawID(), count: size)
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The index stored for `key`, or nil.
    @inline(__always)
    func index(of key: RawID) -> Int? {
        var i = key.mixed & mask
        while true {
            let slot = slots[i]
            if slot < 0 { return nil }
            if keys[i] == key { return Int(slot) }
            i = (i &+ 1) & mask
        }
    }

    /// Stores `index` for `key` (which must not be present yet).
    mutating func insert(_ key: RawID, index: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = key.mixed & mask
        while slots[i] >= 0 { i = (i &+ 1) & mask }
        keys[i] = key
        slots[i] = Int32(index)
        count += 1
    }

    private mutating func grow() {
        let old = zip(keys, slots).filter { $0.1 >= 0 }
        self = RawIDTable(capacity: keys.count)
        for (key, slot) in old { insert(key, index: Int(slot)) }
    }
}
