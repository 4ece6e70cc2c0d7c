import RESP

extension SentinelSnapshot {
    /// Builds the snapshot from one cycle of polls. Pure: no clock, no I/O.
    /// A reply that does not parse becomes an `unreadable-reply` finding, never a crash.
    /// With `groupUnmonitored`, the data nodes no sentinel names (all reached from one data
    /// node, linked by replication now or in an earlier poll) form one unmonitored group
    /// instead of `unattachedNodes`: a replica promoted away from it is a second master.
    public static func build(sentinels sentinelPolls: [SentinelPoll], dataNodes nodePolls: [DataNodePoll],
                             policy: SentinelPolicy = .default, groupUnmonitored: Bool = false) -> SentinelSnapshot {
        var statuses: [SentinelStatus] = []
        var opinions: [String: [SentinelOpinion]] = [:]
        for poll in sentinelPolls {
            let (status, byGroup) = read(poll)
            statuses.append(status)
            for (name, opinion) in byGroup { opinions[name, default: []].append(opinion) }
        }
        let nodes = nodePolls.map(PolledNode.init)

        var claimed = Set<NodeAddress>()
        var groups: [SentinelGroup] = []
        for name in opinions.keys.sorted() {
            let views = opinions[name]!.sorted { $0.sentinel < $1.sentinel }
            var members = Set(views.compactMap(\.master))
            for view in views { members.formUnion(view.replicas.compactMap(\.address)) }
            // Follow replication both ways from the polled nodes, twice to catch chains.
            for _ in 0..<2 {
                for node in nodes where !members.contains(node.address) && node.touches(members) {
                    members.insert(node.address)
                }
            }
            claimed.formUnion(members)
            let named = namedMaster(views)
            let states = members.sorted().map { dataNode($0, views: views, nodes: nodes) }
            let ordered = states.filter { $0.address == named } + states.filter { $0.address != named }
            groups.append(SentinelGroup(name: name, opinions: views, namedMaster: named, dataNodes: ordered))
        }
        let unclaimed = nodes.filter { !claimed.contains($0.address) }
        if groupUnmonitored, !unclaimed.isEmpty {
            var members = Set(unclaimed.map(\.address))
            for node in unclaimed { members.formUnion(node.neighbours) }
            claimed.formUnion(members)
            groups.append(unmonitoredGroup(members, nodes: nodes))
        }
        let unattached = nodes.filter { !claimed.contains($0.address) }
            .map { dataNode($0.address, views: [], nodes: nodes) }

        var snapshot = SentinelSnapshot(
            time: (sentinelPolls.map(\.time) + nodePolls.map(\.time)).max() ?? Timestamp(milliseconds: 0),
            groups: groups, sentinels: statuses.sorted { $0.address < $1.address }, unattachedNodes: unattached,
            findings: [])
        var findings = SentinelRules.findings(snapshot, policy: policy)
        for node in nodes where !node.errors.isEmpty {
            findings.append(SentinelRules.unreadable(node.address, node.errors.map(\.description)))
        }
        snapshot.findings = findings.enumerated().sorted {
            ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset)
        }.map(\.element)
        return snapshot
    }

    /// A group no sentinel names: its master is the node reporting `role:master` with the
    /// most replicas following it (else the address most replicas follow), and the group
    /// is named after it.
    static func unmonitoredGroup(_ members: Set<NodeAddress>, nodes: [PolledNode]) -> SentinelGroup {
        let states = members.sorted().map { dataNode($0, views: [], nodes: nodes) }
        func followers(_ address: NodeAddress) -> Int { states.filter { $0.following == address }.count }
        let masters = states.filter { $0.isMaster && $0.roleFromNode }.map(\.address)
        let candidates = masters.isEmpty ? states.compactMap(\.following) : masters
        let master = candidates.sorted().max { followers($0) < followers($1) }
        let ordered = states.filter { $0.address == master } + states.filter { $0.address != master }
        return SentinelGroup(name: (master ?? members.min()!).description, opinions: [], namedMaster: master,
                             dataNodes: ordered, unmonitored: true)
    }

    /// The address most opinions name; ties go to the lowest address.
    static func namedMaster(_ views: [SentinelOpinion]) -> NodeAddress? {
        var votes: [NodeAddress: Int] = [:]
        for view in views { if let master = view.master { votes[master, default: 0] += 1 } }
        return votes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.first?.key
    }

    static func read(_ poll: SentinelPoll) -> (SentinelStatus, [String: SentinelOpinion]) {
        var status = SentinelStatus(address: poll.address, time: poll.time, failure: nil, runID: nil, info: nil, errors: [])
        guard case .replied(let replies) = poll.outcome else {
            if case .failed(let failure) = poll.outcome { status.failure = failure }
            return (status, [:])
        }
        func attempt<T>(_ body: () throws(ModelParseError) -> T) -> T? {
            do { return try body() } catch { status.errors.append(error.description); return nil }
        }
        if let reply = replies.info { status.info = attempt { () throws(ModelParseError) in try SentinelInfo(reply: reply) } }
        if let reply = replies.myID { status.runID = attempt { () throws(ModelParseError) in try SentinelReply.myID(reply: reply) } }

        var states: [String: SentinelMasterState] = [:]
        if let reply = replies.masters,
           let list = attempt({ () throws(ModelParseError) in try SentinelMasterState.list(reply: reply) }) {
            for state in list { states[state.name] = state }
        }
        for (name, reply) in replies.master {
            if let state = attempt({ () throws(ModelParseError) in try SentinelMasterState(reply: reply) }) { states[name] = state }
        }
        let names = Set(states.keys).union(replies.replicas.keys).union(replies.sentinels.keys)
            .union(replies.masterAddress.keys).union(replies.quorumCheck.keys)
        var byGroup: [String: SentinelOpinion] = [:]
        for name in names {
            let state = states[name]
            var master = state?.address
            if let reply = replies.masterAddress[name],
               let address = attempt({ () throws(ModelParseError) in try SentinelReply.masterAddress(reply: reply) }) {
                master = address
            }
            let replicas = replies.replicas[name].flatMap { reply in
                attempt { () throws(ModelParseError) in try SentinelReplicaState.list(reply: reply) }
            } ?? []
            let peers = replies.sentinels[name].flatMap { reply in
                attempt { () throws(ModelParseError) in try SentinelPeerState.list(reply: reply) }
            } ?? []
            let check = replies.quorumCheck[name].flatMap { reply in
                attempt { () throws(ModelParseError) in try QuorumCheck(reply: reply) }
            }
            byGroup[name] = SentinelOpinion(sentinel: poll.address, master: master, state: state, replicas: replicas,
                                            peers: peers, quorumCheck: check, tilt: status.info?.tilt)
        }
        return (status, byGroup)
    }

    static func dataNode(_ address: NodeAddress, views: [SentinelOpinion], nodes: [PolledNode]) -> DataNodeState {
        let polled = nodes.first { $0.address == address }
        let entries = views.compactMap { view in view.replicas.first { $0.address == address } }
        let listedBy = views.filter { view in
            view.master == address || view.replicas.contains { $0.address == address }
        }.map(\.sentinel)
        var state = DataNodeState(address: address, reachability: .notPolled, role: nil, roleFromNode: false,
                                  following: nil, linkUp: nil, offset: nil, lagBytes: nil, lagSeconds: nil,
                                  priority: nil, version: nil, wasPromoted: nil, replicationID: nil,
                                  previousReplicationID: nil, listedBy: listedBy)
        if let failure = polled?.failure { state.reachability = .unreachable(failure) }
        if let polled, polled.failure == nil { state.reachability = .reachable }

        if let replication = polled?.info?.replication {
            state.role = replication.role
            state.roleFromNode = true
            if let host = replication.masterHost, let port = replication.masterPort {
                state.following = NodeAddress(host: host, port: port)
            }
            state.linkUp = replication.masterLinkUp
            state.offset = replication.isMaster ? replication.masterReplOffset : replication.replicaOffset
            state.lagSeconds = replication.masterLastIOSecondsAgo
            state.priority = replication.replicaPriority
            state.wasPromoted = replication.hasPreviousReplID
            state.replicationID = replication.masterReplID
            state.previousReplicationID = replication.hasPreviousReplID ? replication.masterReplID2 : nil
        } else if let role = polled?.role {
            state.roleFromNode = true
            switch role {
            case .master(let offset, _):
                state.role = "master"
                state.offset = offset
            case .replica(let master, let link, let offset):
                state.role = "slave"
                state.following = master
                state.linkUp = link == "connected"
                state.offset = offset
            case .sentinel: state.role = "sentinel"
            case .unknown(let word): state.role = word
            }
        }
        state.version = polled?.info?.server.version
        // Fill the gaps from the sentinels' view (the most recently refreshed entry).
        if let entry = entries.min(by: { ($0.infoRefresh ?? .max) < ($1.infoRefresh ?? .max) }) {
            if state.role == nil { state.role = entry.roleReported }
            if state.following == nil { state.following = entry.master }
            if state.linkUp == nil, entry.masterLinkStatus != nil { state.linkUp = entry.linkUp }
            if state.offset == nil { state.offset = entry.replicationOffset }
            if state.priority == nil { state.priority = entry.priority }
        } else if state.role == nil, views.contains(where: { $0.master == address }) {
            state.role = views.first { $0.master == address }?.state?.roleReported
        }
        // Lag from the master it follows, when that master was polled.
        if let following = state.following, let master = nodes.first(where: { $0.address == following })?.info?.replication {
            // Only against the replica's own offset: a sentinel's copy can be seconds old.
            if let masterOffset = master.masterReplOffset, let offset = state.offset, !state.isMaster, state.roleFromNode {
                let (difference, overflow) = masterOffset.subtractingReportingOverflow(offset)
                state.lagBytes = overflow ? nil : max(0, difference)
            }
            if let line = master.replicas.first(where: { $0.address == address }), let lag = line.lag {
                state.lagSeconds = lag
            }
        }
        return state
    }
}

/// One data node poll, parsed once.
struct PolledNode {
    var address: NodeAddress
    var failure: PollFailure?
    var info: ServerInfo?
    var role: RoleReply?
    var errors: [ModelParseError] = []

    init(_ poll: DataNodePoll) {
        address = poll.address
        switch poll.outcome {
        case .failed(let failure):
            self.failure = failure
        case .replied(let replies):
            if let reply = replies.info {
                do { info = try ServerInfo(reply: reply) } catch { errors.append(error) }
            }
            if let reply = replies.role {
                do { role = try RoleReply(reply: reply) } catch { errors.append(error) }
            }
        }
    }

    /// The master it follows and the replicas it lists.
    var neighbours: [NodeAddress] {
        var result: [NodeAddress] = []
        if let replication = info?.replication {
            if let host = replication.masterHost, let port = replication.masterPort {
                result.append(NodeAddress(host: host, port: port))
            }
            result += replication.replicas.compactMap(\.address)
        }
        switch role {
        case .replica(let master, _, _)?: result.append(master)
        case .master(_, let replicas)?: result += replicas.map(\.address)
        default: break
        }
        return result
    }

    /// True when it follows, or is followed by, one of `members`.
    func touches(_ members: Set<NodeAddress>) -> Bool {
        if let replication = info?.replication {
            if let host = replication.masterHost, let port = replication.masterPort,
               members.contains(NodeAddress(host: host, port: port)) { return true }
            if replication.replicas.contains(where: { $0.address.map(members.contains) ?? false }) { return true }
        }
        switch role {
        case .replica(let master, _, _)?: return members.contains(master)
        case .master(_, let replicas)?: return replicas.contains { members.contains($0.address) }
        default: return false
        }
    }
}
