/// What `Sandbox.unassignSlots` left behind: slots no node serves, so every node says
/// `cluster_state:fail` and clients get `CLUSTERDOWN Hash slot not served`.
public struct UnassignedSlots: Sendable {
    /// The slots deleted from every node's view.
    public let slots: ClosedRange<Int>
    /// The master that owned them.
    public let formerOwner: NodeRef
    /// Keys written into those slots before they were deleted; they stay on the former owner
    /// (`CLUSTER COUNTKEYSINSLOT` still counts them there).
    public let keysOnFormerOwner: LoadedKeys
}

extension Sandbox {
    /// Unassigns `slots` (default: the first 100 slots of the first master) everywhere.
    ///
    /// Redis 7.0.15 does not spread a `CLUSTER DELSLOTSRANGE`: the owner forgets the slots but
    /// every other node keeps its old view (a node never unassigns a slot because its owner
    /// stopped claiming it), so only the owner would say `cluster_state:fail`. This sends
    /// `DELSLOTSRANGE` to the owner, then to every other running node (replicas included),
    /// and waits until every one of them reports `cluster_state:fail` with
    /// `16384 - slots.count` slots assigned, deleting again what a late ping gave back.
    ///
    /// With `keysPerSlot > 0`, keys are written into every slot first (see `loadKeys`), which
    /// makes it redis-cli fix's "one node has keys" case.
    public func unassignSlots(_ slots: ClosedRange<Int>? = nil, in cluster: SandboxCluster,
                              keysPerSlot: Int = 0, timeout: Double = 20) async throws -> UnassignedSlots {
        guard let first = cluster.masters.first?.slots.first else {
            throw SandboxError.invalidConfiguration("cluster has no master")
        }
        let slots = slots ?? first.lowerBound...min(first.lowerBound + 99, first.upperBound)
        let owner = try creationOwner(of: slots.lowerBound, in: cluster)
        guard owner.slots.contains(where: { $0.contains(slots.lowerBound) && $0.contains(slots.upperBound) }) else {
            throw SandboxError.invalidConfiguration("slots \(slots) span more than one master")
        }
        let keys = try await loadKeys(into: cluster, slots: Array(slots), keysPerSlot: keysPerSlot, prefix: "unassigned")

        let others = cluster.nodes.filter { $0.id != owner.id && $0.process.isRunning }
        for node in [owner] + others {
            try await expectOK(node.process, "CLUSTER", "DELSLOTSRANGE", String(slots.lowerBound), String(slots.upperBound))
        }
        try await awaitUnassigned(slots, on: [owner] + others, timeout: timeout)
        return UnassignedSlots(slots: slots, formerOwner: NodeRef(owner), keysOnFormerOwner: keys)
    }
}

extension Sandbox {
    /// Waits until every one of `nodes` reports `cluster_state:fail` with none of `slots`
    /// assigned, twice in a row, deleting again whatever of `slots` a node sees assigned.
    ///
    /// A ping its owner sent before its own DELSLOTSRANGE can give a node that already deleted
    /// a slot the slot back, and since the owner no longer claims it nobody ever takes it away.
    func awaitUnassigned(_ slots: ClosedRange<Int>, on nodes: [ClusterNode], timeout: Double) async throws {
        let assigned = String(KeySlot.slotCount - slots.count)
        var last = ""
        var cleanPasses = 0
        try await Poll.until("cluster_state:fail on every node", timeout: timeout, interval: 0.1, lastObservation: { last }) {
            var clean = true
            for node in nodes {
                let info = try await self.clusterInfo(of: node.process)
                guard info["cluster_state"] != "fail" || info["cluster_slots_assigned"] != assigned else { continue }
                last = "port \(node.port): state \(info["cluster_state"] ?? "?"), assigned \(info["cluster_slots_assigned"] ?? "?")"
                clean = false
                let stale = Self.assignedSlots(in: try await self.clusterNodesView(of: node.process), within: slots)
                last += stale.isEmpty ? ", none of \(slots) in its view" : ", deleting \(stale.count) of \(slots) again"
                if !stale.isEmpty {
                    try await self.expectOK(node.process, ["CLUSTER", "DELSLOTS"] + stale.map(String.init))
                }
            }
            // Twice in a row: a late ping could otherwise undo a pass that looked clean.
            cleanPasses = clean ? cleanPasses + 1 : 0
            return cleanPasses >= 2
        }
    }

    /// The slots of `range` that some master holds in `view` (ranges, single slots; the
    /// `[slot->-id]` migration markers are not ownership).
    static func assignedSlots(in view: [ClusterNodesLine], within range: ClosedRange<Int>) -> [Int] {
        var slots = Set<Int>()
        for line in view where line.isMaster {
            for field in line.slots where !field.hasPrefix("[") {
                let bounds = field.split(separator: "-").compactMap { Int($0) }
                guard let low = bounds.first, let high = bounds.last, low <= high else { continue }
                guard low <= range.upperBound && high >= range.lowerBound else { continue }
                slots.formUnion(max(low, range.lowerBound)...min(high, range.upperBound))
            }
        }
        return slots.sorted()
    }
}
