import ClusterModel

/// One finished poll, as the runtime hands it to `InspectorProgram.update`.
public struct PollResult: Sendable, Hashable {
    public var snapshot: ClusterSnapshot
    /// Changes since the previous poll (`diff`), oldest first.
    public var events: [ClusterEvent]
    /// Announced address → the endpoint dialed, where they differ ("127.0.0.1:7001").
    public var dialed: [NodeAddress: String]
    public var log: PollLog?

    public init(snapshot: ClusterSnapshot, events: [ClusterEvent] = [], dialed: [NodeAddress: String] = [:],
                log: PollLog? = nil) {
        self.snapshot = snapshot
        self.events = events
        self.dialed = dialed
        self.log = log
    }
}

/// One finished Sentinel poll, as the runtime hands it to `InspectorProgram.update`; the
/// changes between snapshots are derived in `update` from the previous snapshot.
public struct SentinelPollResult: Sendable, Hashable {
    public var snapshot: SentinelSnapshot
    public var log: PollLog?
    /// What the snapshots cannot show: a replay's recorded sentinel events (`+sdown`,
    /// `+switch-master`…) and failover summaries since the previous poll, oldest first.
    public var events: [ClusterEvent]

    public init(snapshot: SentinelSnapshot, log: PollLog? = nil, events: [ClusterEvent] = []) {
        self.snapshot = snapshot
        self.log = log
        self.events = events
    }
}
