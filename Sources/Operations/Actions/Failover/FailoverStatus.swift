import ClusterModel

/// How far a cluster failover has got, read from one snapshot: the replica's own role and
/// epoch, which nodes' views give it the shard's slots, and whether the old master follows it.
public struct FailoverStatus: Hashable, Sendable {
    /// The replica itself reports role master.
    public var promoted: Bool
    /// The replica's config epoch, from its own view.
    public var epoch: UInt64?
    /// Nodes read this time whose CLUSTER NODES names the replica owner of every shard slot.
    public var agreeing: [NodeID]
    /// Nodes read this time (every view that could agree).
    public var asked: [NodeID]
    /// The old master replicates the new one; nil when it could not be read.
    public var oldMasterFollows: Bool?

    /// Promoted with a higher epoch, every view read agrees, and the old master (when it
    /// answers) follows it.
    public func isComplete(after plan: FailoverPlan) -> Bool {
        promoted && (epoch ?? 0) > plan.masterEpoch && !asked.isEmpty && agreeing.count == asked.count
            && oldMasterFollows != false
    }

    /// Reads the status of `plan` from `snapshot`.
    public static func read(_ snapshot: ClusterSnapshot, for plan: FailoverPlan) -> FailoverStatus {
        let replica = snapshot.node(plan.replica.id)
        let asked = snapshot.nodes.filter { $0.reachability.isReachable }.map(\.id)
        var agreeing: [NodeID] = []
        if plan.slots.isEmpty {
            // No slots to agree on: the replica's own word is all there is.
            agreeing = replica?.isMaster == true ? asked : []
        } else {
            for view in snapshot.ownershipViews where owns(view, plan.replica.id, plan.slots) {
                agreeing += view.observers.filter(asked.contains)
            }
        }
        let old = snapshot.node(plan.master.id)
        let follows = old.flatMap { $0.reachability.isReachable ? ($0.isReplica && $0.masterID == plan.replica.id) : nil }
        return FailoverStatus(promoted: replica?.isMaster == true && replica?.reachability.isReachable == true,
                              epoch: replica?.configEpoch, agreeing: agreeing, asked: asked, oldMasterFollows: follows)
    }

    /// Whether `view` gives every slot of `slots` to `owner`.
    static func owns(_ view: OwnershipView, _ owner: NodeID, _ slots: [SlotRange]) -> Bool {
        slots.allSatisfy { range in
            var next = range.start
            for assigned in view.assignments where assigned.owner == owner && assigned.range.start <= next && assigned.range.end >= next {
                next = assigned.range.end + 1
                if next > range.end { return true }
            }
            return next > range.end
        }
    }
}
