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
