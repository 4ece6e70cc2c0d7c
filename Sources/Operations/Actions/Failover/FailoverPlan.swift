import ClusterModel

/// A planned cluster failover: the plan to show and run, and what the progress and the
/// verdict check afterwards (who must become master of which slots).
public struct FailoverPlan: Hashable, Sendable {
    public var plan: Plan
    public var mode: FailoverMode
    /// The replica to promote.
    public var replica: PlanNode
    /// Its master now, which it replaces.
    public var master: PlanNode
    /// The slots the shard serves (they stay with the shard; the replica serves them after).
    public var slots: [SlotRange]
    /// The master's config epoch before the failover: the new master's must be higher.
    public var masterEpoch: UInt64

    /// What the user types to confirm on a terminal: the replica's short id.
    public var confirmation: String { replica.id.short }
}
