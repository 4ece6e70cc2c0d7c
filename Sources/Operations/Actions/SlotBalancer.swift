import ClusterModel

/// Shares out slots nobody owns so that the masters' slot counts end up as even as
/// possible: the master with the fewest slots gets the most, each master one contiguous
/// run of the free slots (few ADDSLOTSRANGE arguments), ties broken by node id.
enum SlotBalancer {
    static func assign(_ slots: [Int], to masters: [(id: NodeID, owned: Int)]) -> [(id: NodeID, slots: [Int])] {
        guard !masters.isEmpty, !slots.isEmpty else { return [] }
        let sorted = masters.sorted { ($0.owned, $0.id) < ($1.owned, $1.id) }
        var counts = sorted.map(\.owned)
        var quotas = [Int](repeating: 0, count: sorted.count)
        for _ in slots {
            var best = 0
            for i in counts.indices where counts[i] < counts[best] { best = i }
            counts[best] += 1
            quotas[best] += 1
        }
        let free = slots.sorted()
        var result: [(id: NodeID, slots: [Int])] = []
        var start = 0
        for (i, master) in sorted.enumerated() where quotas[i] > 0 {
            result.append((master.id, Array(free[start..<start + quotas[i]])))
            start += quotas[i]
        }
        return result
    }

    /// Sorted slots as runs: `[1, 2, 3, 7]` → `1-3`, `7`.
    static func ranges(_ slots: [Int]) -> [SlotRange] {
        var result: [SlotRange] = []
        for slot in slots.sorted() {
            if let last = result.last, last.end + 1 == slot {
                result[result.count - 1].end = slot
            } else if result.last?.end != slot {
                result.append(SlotRange(slot: slot))
            }
        }
        return result
    }
}
