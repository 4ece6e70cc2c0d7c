import ClusterModel
import RESP
import Wire

/// One Sentinel poll's result.
public struct SentinelPollCycle: Sendable {
    public var snapshot: SentinelSnapshot
    /// Every sentinel asked this time (seeds under the address they were given).
    public var sentinels: [NodeAddress]
    /// How long the poll took, network included.
    public var duration: Duration
    /// What changed since the previous poll (empty on the first).
    public var changes: [PolledChange]
}

/// Polls Sentinel-monitored groups from seed sentinels: discovers the other sentinels
/// (`SENTINEL SENTINELS`) and the data nodes (`SENTINEL MASTER/REPLICAS`, then
/// `INFO replication` both ways), asks all of them concurrently through one connection
/// pool, and builds a `SentinelSnapshot`.
///
/// Every sentinel is asked one pipeline (see `SentinelCommands`) and every data node one
/// `INFO`, each bounded by the pool's request timeout: a stopped sentinel fails its own
/// row (`timed out`) and is not asked again within the same poll, so a poll takes at most
/// about one timeout more than the round trips.
public actor SentinelPoller {
    public let seeds: [Endpoint]
    /// The groups to inspect; nil: every group the sentinels monitor.
    public let masterNames: [String]?
    public let policy: SentinelPolicy
    /// Connections to the sentinels.
    private let pool: ConnectionPool
    /// Connections to the data nodes: their credentials may differ from the sentinels'
    /// (`--user/--pass` against `--sentinel-user/--sentinel-pass`).
    private let dataPool: ConnectionPool
    /// Sentinels and data nodes seen last time: asked first next time.
    private var knownSentinels: Set<NodeAddress> = []
    private var knownNodes: Set<NodeAddress> = []
    private var knownNames: [String] = []
    public private(set) var lastSnapshot: SentinelSnapshot?
    /// Each data node as it last described itself, for changes across a poll that missed it.
    private var lastSeenNodes: [NodeAddress: DataNodeState] = [:]

    /// Discovery rounds within one poll (sentinels named only by other sentinels, data
    /// nodes named only by other data nodes).
    static let maxRounds = 3

    /// - Parameters:
    ///   - pool: connections to the sentinels.
    ///   - dataPool: connections to the data nodes; nil: `pool` serves both.
    public init(seeds: [Endpoint], masterNames: [String]? = nil, pool: ConnectionPool, dataPool: ConnectionPool? = nil,
                policy: SentinelPolicy = .default) {
        self.seeds = seeds
        self.masterNames = masterNames
        self.pool = pool
        self.dataPool = dataPool ?? pool
        self.policy = policy
    }

    /// Every sentinel known after the last poll (seeds included), sorted.
    public var sentinels: [NodeAddress] {
        Array(knownSentinels.union(seeds.map(NodeAddress.init))).sorted()
    }

    /// Polls every sentinel and data node once and builds the snapshot.
    public func poll() async -> SentinelPollCycle {
        let clock = ContinuousClock()
        let started = clock.now
        // Data nodes from last time are read while the sentinels are asked.
        async let earlyNodes = pollDataNodes(Array(knownNodes))
        let (askedSentinels, named) = await pollSentinels()
        var sentinelPolls = askedSentinels
        var nodePolls = await earlyNodes
        var seen = Set(nodePolls.map(\.address))
        var pending = named.subtracting(seen)
        var rounds = 0
        while !pending.isEmpty && rounds < Self.maxRounds {
            rounds += 1
            let polls = await pollDataNodes(Array(pending))
            nodePolls += polls
            seen.formUnion(polls.map(\.address))
            pending = Set(polls.flatMap(Self.replicationNeighbours)).subtracting(seen)
        }
        // Neighbours of the early polls too (a replica following an unnamed master).
        let extra = Set(nodePolls.flatMap(Self.replicationNeighbours)).subtracting(seen)
        if !extra.isEmpty { nodePolls += await pollDataNodes(Array(extra)) }

        let snapshot = SentinelSnapshot.build(sentinels: sentinelPolls, dataNodes: nodePolls, policy: policy)
        knownNodes = Set(nodePolls.map(\.address))
        knownNames = snapshot.groups.map(\.name)
        sentinelPolls.sort { $0.address < $1.address }
        let changes = lastSnapshot.map { snapshot.changes(since: $0, lastSeen: lastSeenNodes) } ?? []
        lastSeenNodes.merge(snapshot.nodesAsReported) { _, new in new }
        lastSnapshot = snapshot
        return SentinelPollCycle(snapshot: snapshot, sentinels: sentinelPolls.map(\.address), duration: clock.now - started,
                                 changes: changes)
    }

    /// Asks every known sentinel (discovering more in up to `maxRounds` rounds); returns
    /// their polls and every data node they name.
    private func pollSentinels() async -> ([SentinelPoll], Set<NodeAddress>) {
        let wanted = masterNames ?? knownNames
        var targets = Set(seeds.map(NodeAddress.init)).union(knownSentinels)
        var polls: [SentinelPoll] = []
        var asked: Set<NodeAddress> = []
        var named: Set<NodeAddress> = []
        var discovered: Set<NodeAddress> = []
        var rounds = 0
        while !targets.isEmpty && rounds < Self.maxRounds {
            rounds += 1
            asked.formUnion(targets)
            let plan = SentinelCommands(includeMasters: masterNames == nil, names: wanted)
            let endpoints = targets.sorted().map(Endpoint.init)
            let results = await pool.fanOut(plan.commands, to: endpoints)
            let time = WallClock.now()
            var answered: [(NodeAddress, SentinelReplies)] = []
            for endpoint in endpoints {
                let address = NodeAddress(endpoint)
                switch results[endpoint] ?? .failure(.cancelled) {
                case .failure(let error):
                    polls.append(SentinelPoll(address: address, time: time, outcome: .failed(PollFailure(error))))
                case .success(let values):
                    var replies = SentinelReplies()
                    plan.read(values, into: &replies)
                    answered.append((address, replies))
                }
            }
            // Groups this sentinel lists that were not asked about: one more round trip to it.
            if masterNames == nil {
                answered = await withTaskGroup(of: (NodeAddress, SentinelReplies).self) { group in
                    for (address, replies) in answered {
                        let missing = SentinelCommands.names(in: replies).filter { !wanted.contains($0) }
                        guard !missing.isEmpty else {
                            group.addTask { (address, replies) }
                            continue
                        }
                        let follow = SentinelCommands(includeMasters: false, names: missing)
                        let sender = pool.connection(to: Endpoint(address))
                        group.addTask {
                            var merged = replies
                            if case .success(let values) = await sender.pipelineResult(follow.commands) {
                                follow.read(values, into: &merged)
                            }
                            return (address, merged)
                        }
                    }
                    var result: [(NodeAddress, SentinelReplies)] = []
                    for await item in group { result.append(item) }
                    return result
                }
            }
            for (address, replies) in answered {
                polls.append(SentinelPoll(address: address, time: time, outcome: .replied(replies)))
                let found = SentinelCommands.addresses(in: replies)
                named.formUnion(found.dataNodes)
                discovered.formUnion(found.sentinels)
            }
            targets = discovered.subtracting(asked)
        }
        knownSentinels = asked
        return (polls, named)
    }

    /// `INFO` from every data node at once, through the data nodes' pool.
    private func pollDataNodes(_ addresses: [NodeAddress]) async -> [DataNodePoll] {
        await dataPool.pollDataNodes(addresses)
    }

    /// The master a node follows and the replicas it lists, from its INFO.
    static func replicationNeighbours(_ poll: DataNodePoll) -> [NodeAddress] {
        guard case .replied(let replies) = poll.outcome, let reply = replies.info,
              let replication = (try? ServerInfo(reply: reply))?.replication else { return [] }
        var result = replication.replicas.compactMap(\.address)
        if let host = replication.masterHost, let port = replication.masterPort {
            result.append(NodeAddress(host: host, port: port))
        }
        return result
    }
}
