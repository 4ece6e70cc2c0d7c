#if canImport(Glibc)
import Glibc
#endif
import ClusterModel
import RESP
import Wire

/// How the poller finds and asks nodes.
public struct PollSettings: Sendable {
    /// Ask `CLUSTER SHARDS` too (7.0+; older servers answer an error that is ignored). Off by
    /// default: the snapshot is built from NODES, INFO and SLOTS, and SHARDS costs every node.
    public var includeShards: Bool
    /// Poll only the seeds: inspect through the nodes the user can reach, and report the
    /// rest as not polled instead of dialing addresses that cannot be reached from here.
    public var singleEndpoint: Bool
    /// Count keys per slot on every master to find keys on non-owners (`KeyCensus`).
    public var countKeys: Bool
    /// Discovery rounds within one poll: nodes that only some nodes know of are asked in
    /// the next round of the same poll.
    public var maxDiscoveryRounds: Int

    public init(includeShards: Bool = false, singleEndpoint: Bool = false, countKeys: Bool = false,
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
    ///
    /// CLUSTER NODES is parsed in full only where discovery needs it: the seeds' views, and
    /// any view listing a different number of nodes than theirs (a node only some know of).
    /// Everything else reads the snapshot, whose builder scans every view quickly anyway:
    /// a second full parse of 200 views of 200 lines each would double the poll's CPU.
    public func poll() async -> PollCycle {
        let clock = ContinuousClock()
        let started = clock.now
        var polls: [NodePoll] = []
        var polledAddresses: Set<NodeAddress> = []
        var dialed: [NodeAddress: Endpoint] = [:]
        var targets: [NodeAddress: Endpoint] = [:]
        var seedViewSize: Int?
        // The key census, sent along with the next round's poll where the seed's view allows
        // (`CensusPlan`); its replies wait here until the nodes' own views can vouch for them.
        var censusPlans: [NodeAddress: CensusPlan] = [:]
        var censusOnly: [(address: NodeAddress, endpoint: Endpoint)] = []
        var censusReplies: [NodeAddress: (plan: CensusPlan, replies: ArraySlice<RESPValue>)] = [:]
        let knownIDs = Dictionary(previous?.nodes.map { ($0.address, $0.id) } ?? [], uniquingKeysWith: { first, _ in first })

        // Round 0: the seeds, under the names the user gave, and every node seen last time.
        var round: [Target] = seeds.map { Target(address: nil, endpoint: $0) }
        if !settings.singleEndpoint {
            for (address, client) in known.sorted(by: { $0.key < $1.key }) where aliases[address] == nil {
                round.append(Target(address: address, endpoint: Endpoint(client)))
            }
        }
        var rounds = 0
        while !round.isEmpty && rounds < max(1, settings.maxDiscoveryRounds) {
            rounds += 1
            let pollCount = PollCommands.all(includeShards: settings.includeShards).count
            let results = await fanOut(to: round, census: censusPlans, censusOnly: censusOnly)
            let time = WallClock.now()
            for (address, endpoint) in censusOnly {
                if case .success(let replies) = results[endpoint], let plan = censusPlans[address] { censusReplies[address] = (plan, replies[...]) }
            }
            var discovered: [(NodeAddress, NodeAddress)] = []
            var nextPlans: [NodeAddress: CensusPlan] = [:]
            var nextCensusOnly: [(address: NodeAddress, endpoint: Endpoint)] = []
            // Seeds first: their view size is what the others are compared with.
            for target in round.sorted(by: { ($0.address == nil ? 0 : 1) < ($1.address == nil ? 0 : 1) }) {
                guard var result = results[target.endpoint] else { continue }
                if case .success(let replies) = result, replies.count > pollCount, let address = target.address,
                   let plan = censusPlans[address] {
                    censusReplies[address] = (plan, replies[pollCount...])
                    result = .success(Array(replies[..<pollCount]))
                }
                let (poll, seedView) = makePoll(target: target, result: result, time: time, knownIDs: knownIDs)
                guard polledAddresses.insert(poll.address).inserted else { continue }
                polls.append(poll)
                targets[poll.address] = target.endpoint
                let mapped = pool.addressMap.map(target.endpoint)
                if NodeAddress(mapped) != poll.address { dialed[poll.address] = mapped }
                if let seedView {
                    seedViewSize = seedViewSize ?? seedView.entries.count
                    discovered += Self.addresses(in: seedView)
                    if settings.countKeys && rounds == 1 && nextPlans.isEmpty && !settings.singleEndpoint {
                        nextPlans = CensusPlan.plans(seedView: seedView, seedKeys: Self.keys(in: poll))
                        // The seed's own census rides with the next round, on its open connection.
                        if nextPlans[poll.address] != nil { nextCensusOnly.append((poll.address, target.endpoint)) }
                    }
                } else if let view = Self.viewWorthParsing(poll, comparedWith: seedViewSize) {
                    discovered += Self.addresses(in: view)
                }
            }
            if settings.singleEndpoint { break }
            var next: [Target] = []
            var queued: Set<NodeAddress> = []
            for (address, client) in discovered where !polledAddresses.contains(address) && aliases[address] == nil
                && !round.contains(where: { $0.address == address }) && queued.insert(address).inserted {
                next.append(Target(address: address, endpoint: Endpoint(client)))
            }
            round = next
            censusPlans = nextPlans
            censusOnly = next.isEmpty ? [] : nextCensusOnly
        }

        var parsed = ParsedNodePoll.parseAll(polls)
        for index in parsed.indices {
            guard let (plan, replies) = censusReplies[polls[index].address],
                  let counts = plan.counts(from: replies, own: parsed[index].ownEntry) else { continue }
            parsed[index].setSlotKeyCounts(counts)
        }
        var snapshot = ClusterSnapshot.build(from: parsed, at: WallClock.now())
        if settings.countKeys && Self.hasUncountedMaster(snapshot) {
            // Masters not counted with their poll: the census needs each one's own slots,
            // which the snapshot has just read; it is then built again from the replies
            // already parsed.
            let counted = await KeyCensus.count(polls: polls, snapshot: snapshot, pool: pool, targets: targets)
            for index in counted.indices {
                if case .replied(let replies) = counted[index].outcome, let counts = replies.slotKeyCounts {
                    parsed[index].setSlotKeyCounts(counts)
                }
            }
            snapshot = ClusterSnapshot.build(from: parsed, at: WallClock.now())
        }
        let events = previous.map { diff($0, snapshot) } ?? []
        // Next time: every node any view names, so a node missing from one view (or one that
        // stopped answering) is still asked.
        known = Self.clientAddresses(of: snapshot)
        previous = snapshot
        return PollCycle(snapshot: snapshot, events: events, dialed: dialed, duration: clock.now - started)
    }

    /// A non-seed node's view, parsed, when its size differs from the seed's: it may name a
    /// node the seed does not know. Counting lines costs one pass over the bytes, no parse.
    static func viewWorthParsing(_ poll: NodePoll, comparedWith seedSize: Int?) -> ClusterNodesView? {
        guard case .replied(let replies) = poll.outcome, let reply = replies.clusterNodes,
              let bytes = reply.bytes, !reply.isError else { return nil }
        if let seedSize {
            // Newlines counted with memchr (a byte loop was 2 % of a 100-node check); a blank
            // line would only make the view look different, which costs a parse, no more.
            var lines = 0
            bytes.withUnsafeBytes { raw in
                guard var cursor = raw.baseAddress else { return }
                let end = cursor + raw.count
                while cursor < end, let newline = memchr(cursor, Int32(UInt8(ascii: "\n")), end - cursor) {
                    lines += 1
                    cursor = UnsafeRawPointer(newline) + 1
                }
                if raw.count > 0 && raw[raw.count - 1] != UInt8(ascii: "\n") { lines += 1 }
            }
            if lines == seedSize { return nil }
        }
        return try? ClusterNodesView(reply: reply)
    }

    /// Announced address → the address clients are sent to, for every node of a snapshot
    /// that has an address and is past its handshake.
    static func clientAddresses(of snapshot: ClusterSnapshot) -> [NodeAddress: NodeAddress] {
        var result: [NodeAddress: NodeAddress] = [:]
        for node in snapshot.nodes where !node.address.isUnset && !node.flags.contains(.noAddress)
            && !node.flags.contains(.handshake) {
            if let hostname = node.hostname, !hostname.isEmpty {
                result[node.address] = NodeAddress(host: hostname, port: node.address.port)
            } else {
                result[node.address] = node.address
            }
        }
        return result
    }

    /// A node to ask: its announced address (nil for a seed, named by the user) and where to dial.
    private struct Target {
        var address: NodeAddress?
        var endpoint: Endpoint
    }

    /// One round trip to every target at once: seeds also answer CLUSTER SLOTS (what MOVED
    /// will say), the others a PING in its place. A target with a census plan gets the
    /// census behind its poll; `censusOnly` nodes (polled already) get the census alone.
    private func fanOut(to round: [Target], census: [NodeAddress: CensusPlan],
                        censusOnly: [(address: NodeAddress, endpoint: Endpoint)]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        let seedCommands = PollCommands.all(includeShards: settings.includeShards, includeSlots: true)
        let otherCommands = PollCommands.all(includeShards: settings.includeShards, includeSlots: false)
        var pipelines: [(endpoint: Endpoint, commands: [RESPCommand])] = []
        // Seeds first (an endpoint named twice keeps its first pipeline), then the census of
        // nodes already connected, which can start at once, then the nodes still to dial.
        for target in round where target.address == nil { pipelines.append((target.endpoint, seedCommands)) }
        for (address, endpoint) in censusOnly {
            if let plan = census[address] { pipelines.append((endpoint, plan.commands)) }
        }
        for target in round {
            guard let address = target.address else { continue }
            pipelines.append((target.endpoint, otherCommands + (census[address]?.commands ?? [])))
        }
        return await pool.fanOut(pipelines)
    }

    /// Keys the node holds by its own `INFO keyspace`, when it answered one.
    static func keys(in poll: NodePoll) -> Int64? {
        guard case .replied(let replies) = poll.outcome, let reply = replies.info, let info = try? ServerInfo(reply: reply) else { return nil }
        return info.totalKeys
    }

    /// Whether a reachable master has no key census yet.
    static func hasUncountedMaster(_ snapshot: ClusterSnapshot) -> Bool {
        snapshot.nodes.contains { $0.isMaster && $0.reachability == .reachable && $0.ownSlots != nil && $0.slotKeyCounts == nil }
    }

    /// The poll of one target, and — for a seed only — its parsed CLUSTER NODES view.
    private func makePoll(target: Target, result: Result<[RESPValue], WireError>, time: Timestamp,
                          knownIDs: [NodeAddress: NodeID]) -> (NodePoll, ClusterNodesView?) {
        switch result {
        case .failure(let error):
            let address = target.address ?? NodeAddress(target.endpoint)
            return (NodePoll(address: address, knownID: knownIDs[address], time: time, outcome: .failed(PollFailure(error))), nil)
        case .success(let replies):
            var nodeReplies = NodeReplies(clusterNodes: replies[0], clusterInfo: replies[1],
                                          clusterSlots: target.address == nil ? replies[2] : nil, info: replies[3])
            if replies.count > 4 { nodeReplies.clusterShards = replies[4] }
            guard target.address == nil else {
                let address = target.address!
                return (NodePoll(address: address, knownID: knownIDs[address], time: time, outcome: .replied(nodeReplies)), nil)
            }
            // A seed: name it as the cluster does, and remember how it was reached.
            let view = try? ClusterNodesView(reply: replies[0])
            var address = NodeAddress(target.endpoint)
            if target.endpoint == seeds.first {
                seedKind = EndpointKind.classify(clusterNodes: replies[0], info: replies[3])
            }
            if let myself = view?.myself, !myself.announced.address.isUnset {
                address = myself.announced.address
                if address != NodeAddress(target.endpoint) { aliases[address] = target.endpoint }
            }
            return (NodePoll(address: address, knownID: knownIDs[address], time: time, outcome: .replied(nodeReplies)), view)
        }
    }

    /// Every node with an address in a node's CLUSTER NODES reply: its announced address
    /// (its identity in the snapshot) and the address clients are sent to (what we dial).
    static func addresses(in view: ClusterNodesView) -> [(NodeAddress, NodeAddress)] {
        view.entries.compactMap { entry in
            guard !entry.flags.contains(.handshake), let client = entry.clientAddress else { return nil }
            return (entry.announced.address, client)
        }
    }
}
