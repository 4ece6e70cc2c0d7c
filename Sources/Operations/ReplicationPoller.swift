import ClusterModel
import Wire

/// Polls a plain replication group (a standalone master and its replicas, watched by no
/// sentinel) from one data node: `INFO` from the seed, then from every master it follows
/// and every replica it lists, both ways, until nothing new turns up.
///
/// The snapshot is a `SentinelSnapshot` with no sentinels and the group marked
/// `unmonitored`, so `check`, `snapshot` and `watch` report it like a Sentinel group.
public actor ReplicationPoller {
    public let seed: Endpoint
    public let policy: SentinelPolicy
    private let pool: ConnectionPool
    /// Nodes seen last time: asked again with the seed, so a node that left the group shows.
    private var knownNodes: Set<NodeAddress> = []
    private var lastSnapshot: SentinelSnapshot?
    /// Each node as it last described itself, for changes across a poll that missed it.
    private var lastSeenNodes: [NodeAddress: DataNodeState] = [:]

    /// Rounds of following replication links within one poll (chains of replicas).
    static let maxRounds = 5

    public init(seed: Endpoint, pool: ConnectionPool, policy: SentinelPolicy = .default) {
        self.seed = seed
        self.pool = pool
        self.policy = policy
    }

    /// Every data node reached by the last poll, sorted.
    public var nodes: [NodeAddress] { knownNodes.sorted() }

    /// Polls the seed and everything linked to it once and builds the snapshot.
    public func poll() async -> SentinelPollCycle {
        let clock = ContinuousClock()
        let started = clock.now
        var polls = await pool.pollDataNodes(Array(knownNodes.union([NodeAddress(seed)])))
        var seen = Set(polls.map(\.address))
        var pending = Set(polls.flatMap(SentinelPoller.replicationNeighbours)).subtracting(seen)
        var rounds = 0
        while !pending.isEmpty && rounds < Self.maxRounds {
            rounds += 1
            let more = await pool.pollDataNodes(Array(pending))
            polls += more
            seen.formUnion(more.map(\.address))
            pending = Set(more.flatMap(SentinelPoller.replicationNeighbours)).subtracting(seen)
        }
        knownNodes = seen
        let snapshot = SentinelSnapshot.build(sentinels: [], dataNodes: polls, policy: policy, groupUnmonitored: true)
        let changes = lastSnapshot.map { snapshot.changes(since: $0, lastSeen: lastSeenNodes) } ?? []
        lastSeenNodes.merge(snapshot.nodesAsReported) { _, new in new }
        lastSnapshot = snapshot
        return SentinelPollCycle(snapshot: snapshot, sentinels: [], duration: clock.now - started, changes: changes)
    }
}
