/// Owner of every hash slot, stored compactly: one `UInt16` node index per slot
/// (32 KiB), `SlotMap.unowned` for a slot nobody serves.
public struct SlotMap: Hashable, Sendable, Codable {
    public static let unowned: UInt16 = .max

    /// `owners[slot]` is an index into the snapshot's `nodes`, or `unowned`.
    public private(set) var owners: [UInt16]

    public init() { owners = [UInt16](repeating: SlotMap.unowned, count: clusterSlotCount) }

    public subscript(slot: Int) -> UInt16 {
        get { owners[slot] }
        set { owners[slot] = newValue }
    }

    mutating func assign(_ range: SlotRange, to owner: UInt16) {
        owners.withUnsafeMutableBufferPointer { buffer in
            for slot in range.start...range.end { buffer[slot] = owner }
        }
    }

    /// Runs of equal owners, in slot order: `(range, owner index or unowned)`.
    public var runs: [(range: SlotRange, owner: UInt16)] {
        var result: [(range: SlotRange, owner: UInt16)] = []
        owners.withUnsafeBufferPointer { buffer in
            var start = 0
            for slot in 1...clusterSlotCount where slot == clusterSlotCount || buffer[slot] != buffer[start] {
                result.append((SlotRange(start, slot - 1), buffer[start]))
                start = slot
            }
        }
        return result
    }

    /// Slot ranges owned by one node index.
    public func ranges(of owner: UInt16) -> [SlotRange] { runs.filter { $0.owner == owner }.map(\.range) }

    /// Slots nobody serves.
    public var unownedRanges: [SlotRange] { ranges(of: SlotMap.unowned) }

    /// Number of slots per owner index (unowned included under `unowned`).
    public var counts: [UInt16: Int] {
        var counts: [UInt16: Int] = [:]
        for run in runs { counts[run.owner, default: 0] += run.range.count }
        return counts
    }
}

/// `{"owners": [16384 indices]}` as `snapshot --json` documents it; in a recording
/// (`compactRecording`), `{"runs": [start, end, owner, …]}`: a run per shard instead of a
/// number per slot.
extension SlotMap {
    private enum CodingKeys: String, CodingKey { case owners, runs }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        guard decoder.userInfo[.compactRecording] as? Bool == true else {
            let owners = try container.decode([UInt16].self, forKey: .owners)
            guard owners.count == clusterSlotCount else {
                throw DecodingError.dataCorruptedError(forKey: .owners, in: container,
                                                       debugDescription: "\(owners.count) owners, not \(clusterSlotCount)")
            }
            self.owners = owners
            return
        }
        let flat = try container.decode([Int].self, forKey: .runs)
        guard flat.count % 3 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .runs, in: container, debugDescription: "runs come in threes")
        }
        for run in stride(from: 0, to: flat.count, by: 3) {
            let (start, end, owner) = (flat[run], flat[run + 1], flat[run + 2])
            guard 0 <= start, start <= end, end < clusterSlotCount, let index = UInt16(exactly: owner) else {
                throw DecodingError.dataCorruptedError(forKey: .runs, in: container,
                                                       debugDescription: "slots \(start)-\(end) of \(owner) is not a run")
            }
            assign(SlotRange(start, end), to: index)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        guard encoder.userInfo[.compactRecording] as? Bool == true else {
            try container.encode(owners, forKey: .owners)
            return
        }
        try container.encode(runs.flatMap { [$0.range.start, $0.range.end, Int($0.owner)] }, forKey: .runs)
    }
}

/// One distinct opinion about slot ownership and the nodes that hold it.
/// Identical views are stored once, so 200 agreeing nodes cost one entry.
public struct OwnershipView: Hashable, Sendable, Codable {
    /// Nodes whose CLUSTER NODES gave exactly this assignment.
    public var observers: [NodeID]
    /// Owned ranges in slot order with their owner.
    public var assignments: [OwnedRange]
}

/// A slot range and the node that serves it.
public struct OwnedRange: Hashable, Sendable, Codable {
    public var range: SlotRange
    public var owner: NodeID
    public init(range: SlotRange, owner: NodeID) { self.range = range; self.owner = owner }
}

/// A run of slots on which the views disagree.
public struct SlotDisagreement: Hashable, Sendable, Codable {
    /// One opinion: who owns the range (nil: nobody), and who thinks so.
    public struct Opinion: Hashable, Sendable, Codable {
        public var owner: NodeID?
        public var observers: [NodeID]
    }
    public var range: SlotRange
    /// Opinions, most observers first.
    public var opinions: [Opinion]
}
