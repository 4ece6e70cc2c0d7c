import ClusterModel
import RESP
import Wire

/// How the poller finds and asks nodes.
public struct PollSettings: Sendable {
    /// Ask `CLUSTER SHARDS` too (7.0+; older servers answer an error that is ignored).
    public var includeShards: Bool
    /// Poll only the seeds: inspect through the nodes the user can reach, and report the
    /// rest as not polled instead of dialing addresses that cannot be reached from here.
    public var singleEndpoint: Bool
    /// Count keys per slot on every master to find keys on non-owners (`KeyCensus`).
    public var countKeys: Bool
    /// Discovery rounds within one poll: nodes that only some nodes know of are asked in
    /// the next round of the same poll.
    public var maxDiscoveryRounds: Int

    public init(includeShards: Bool = true, singleEndpoint: Bool = false, countKeys: Bool = false,
                maxDiscoveryRounds: Int = 4) {
        self.includeShards = includeShards
        self.singleEndpoint = singleEndpoint
        self.countKeys = countKeys
        self.maxDiscoveryRounds = maxDiscoveryRounds
    }
}

/// One poll's result: the picture, what changed since the previous poll, and how the
/// nodes were dialed.
public struct PollCycle: Sendable {
    public var snapshot: ClusterSnapshot
    /// `diff(previous, snapshot)`; empty on the first poll.
    public var events: [ClusterEvent]
    /// Announced address → the endpoint actually dialed, where they differ (address map,
    /// or a seed reached under another name).
    public var dialed: [NodeAddress: Endpoint]
    /// How long the poll took, network included.
    public var duration: Duration
}

/// Discovers a cluster from seed nodes and polls every node concurrently through one
/// connection pool (one I/O loop). A slow, stopped or dead node fails its own row with
/// the reason; nothing waits on it longer than the request timeout.
public actor ClusterPoller {
    public let seeds: [Endpoint]
    public let settings: PollSettings
    private let pool: ConnectionPool
    /// Nodes seen in any view last time (the next poll's targets): announced address →
    /// the address clients are sent to (hostname when announced).
    private var known: [NodeAddress: NodeAddress] = [:]
    /// Announced address of a seed → the seed endpoint that reached it.
    private var aliases: [NodeAddress: Endpoint] = [:]
    private var previous: ClusterSnapshot?
    /// What the first seed turned out to be, from its last replies (nil until it answered).
    public private(set) var seedKind: EndpointKind?

    public init(seeds: [Endpoint], pool: ConnectionPool, settings: PollSettings = PollSettings()) {
        self.seeds = seeds
        self.pool = pool
        self.settings = settings
    }

    /// The last snapshot, if any poll has run.
    public var lastSnapshot: ClusterSnapshot? { previous }

    /// Polls every known node (discovering new ones), builds the snapshot and the events.
    public func poll() async -> PollCycle {
        let clock = ContinuousClock()
        let started = clock.now
        let commands = PollCommands.all(includeShards: settings.includeShards)
        var polls: [NodePoll] = []
        var polledAddresses: Set<NodeAddress> = []
        var dialed: [NodeAddress: Endpoint] = [:]
        var targets: [NodeAddress: Endpoint] = [:]

        // Round 0: the seeds, under the names the user gave, and every node seen last time.
        var round: [(address: NodeAddress?, endpoint: Endpoint)] = seeds.map { (nil, $0) }
        if !settings.singleEndpoint {
            for (address, client) in known.sorted(by: { $0.key < $1.key }) where aliases[address] == nil {
                round.append((address, Endpoint(client)))
            }
        }
        var rounds = 0
        while !round.isEmpty && rounds < max(1, settings.maxDiscoveryRounds) {
            rounds += 1
            let results = await pool.fanOut(commands, to: round.map(\.endpoint))
            let time = WallClock.now()
            var discovered: [(NodeAddress, NodeAddress)] = []
            for target in round {
                guard let result = results[target.endpoint] else { continue }
                let poll = makePoll(target: target, result: result, time: time)
                guard polledAddresses.insert(poll.address).inserted else { continue }
                polls.append(poll)
                targets[poll.address] = target.endpoint
                let mapped = pool.addressMap.map(target.endpoint)
                if NodeAddress(mapped) != poll.address { dialed[poll.address] = mapped }
                discovered += Self.addresses(in: poll)
            }
            if settings.singleEndpoint { break }
            var next: [(address: NodeAddress?, endpoint: Endpoint)] = []
            var queued: Set<NodeAddress> = []
            for (address, client) in discovered where !polledAddresses.contains(address) && aliases[address] == nil
                && !round.contains(where: { $0.address == address }) && queued.insert(address).inserted {
                next.append((address, Endpoint(client)))
            }
            round = next
        }

        if settings.countKeys {
            polls = await KeyCensus.count(polls: polls, pool: pool, targets: targets)
        }
        let snapshot = ClusterSnapshot.build(from: polls, at: WallClock.now())
        let events = previous.map { diff($0, snapshot) } ?? []
        // Next time: every address any node announced, so a node missing from one view
        // (or one that stopped answering) is still asked.
        known = [:]
        for poll in polls {
            for (address, client) in Self.addresses(in: poll) { known[address] = client }
        }
        previous = snapshot
        return PollCycle(snapshot: snapshot, events: events, dialed: dialed, duration: clock.now - started)
    }

    private func makePoll(target: (address: NodeAddress?, endpoint: Endpoint),
                          result: Result<[RESPValue], WireError>, time: Timestamp) -> NodePoll {
        switch result {
        case .failure(let error):
            let address = target.address ?? NodeAddress(target.endpoint)
            return NodePoll(address: address, knownID: knownID(of: address), time: time, outcome: .failed(PollFailure(error)))
        case .success(let replies):
            var nodeReplies = NodeReplies(clusterNodes: replies[0], clusterInfo: replies[1],
                                          clusterSlots: replies[2], info: replies[3])
            if replies.count > 4 { nodeReplies.clusterShards = replies[4] }
            var address = target.address ?? NodeAddress(target.endpoint)
            if target.address == nil, target.endpoint == seeds.first {
                seedKind = EndpointKind.classify(clusterNodes: replies[0], info: replies[3])
            }
            if target.address == nil, let view = try? ClusterNodesView(reply: replies[0]),
               let myself = view.myself, !myself.announced.address.isUnset {
                // A seed: name it as the cluster does, and remember how it was reached.
                address = myself.announced.address
                if address != NodeAddress(target.endpoint) { aliases[address] = target.endpoint }
            }
            return NodePoll(address: address, knownID: knownID(of: address), time: time, outcome: .replied(nodeReplies))
        }
    }

    private func knownID(of address: NodeAddress) -> NodeID? {
        previous?.nodes.first { $0.address == address }?.id
    }

    /// Every node with an address in a node's CLUSTER NODES reply: its announced address
    /// (its identity in the snapshot) and the address clients are sent to (what we dial).
    static func addresses(in poll: NodePoll) -> [(NodeAddress, NodeAddress)] {
        guard case .replied(let replies) = poll.outcome, let reply = replies.clusterNodes,
              let view = try? ClusterNodesView(reply: reply) else { return [] }
        return view.entries.compactMap { entry in
            guard !entry.flags.contains(.handshake), let client = entry.clientAddress else { return nil }
            return (entry.announced.address, client)
        }
    }
}
