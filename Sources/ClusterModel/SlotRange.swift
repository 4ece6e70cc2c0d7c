/// Number of hash slots in a Redis Cluster.
public let clusterSlotCount = 16384

/// An inclusive range of hash slots, `start...end`.
public struct SlotRange: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// A one-slot range.
    public init(slot: Int) { self.init(slot, slot) }

    public var count: Int { end - start + 1 }
    public func contains(_ slot: Int) -> Bool { slot >= start && slot <= end }

    /// `5` or `0-5460`, as CLUSTER NODES writes it.
    public var description: String { start == end ? "\(start)" : "\(start)-\(end)" }

    public static func < (a: SlotRange, b: SlotRange) -> Bool { (a.start, a.end) < (b.start, b.end) }

    static func isValidSlot(_ slot: Int) -> Bool { slot >= 0 && slot < clusterSlotCount }
}

extension Array where Element == SlotRange {
    /// Total slots covered (ranges are assumed not to overlap).
    public var slotCount: Int { reduce(0) { $0 + $1.count } }

    /// `0-99,200,300-310`: the compact text used in messages.
    public var compactDescription: String { map(\.description).joined(separator: ",") }
}

/// Coalesces sorted or unsorted slot numbers into the fewest ranges.
public func slotRanges<S: Sequence>(of slots: S) -> [SlotRange] where S.Element == Int {
    let sorted = slots.sorted()
    var result: [SlotRange] = []
    for slot in sorted {
        if let last = result.last, slot <= last.end + 1 {
            result[result.count - 1].end = Swift.max(last.end, slot)
        } else {
            result.append(SlotRange(slot: slot))
        }
    }
    return result
}
