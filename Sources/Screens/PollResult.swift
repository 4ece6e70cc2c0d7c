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
