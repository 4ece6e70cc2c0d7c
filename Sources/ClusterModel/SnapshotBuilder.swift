import RESP

extension ClusterSnapshot {
    /// Builds the snapshot of one poll cycle from every node's replies (or the
    /// reason it could not be polled). Pure: same input, same snapshot.
    public static func build(from polls: [NodePoll], at time: Timestamp) -> ClusterSnapshot {
        build(from: ParsedNodePoll.parseAll(polls), at: time)
    }

    /// Builds the snapshot from replies parsed ahead of time. Parsing is most of
    /// a cycle's cost (about 80 % at 200 nodes), so a poller should parse each
    /// node's replies as they arrive, on any task, and only combine them here.
    public static func build(from parsed: [ParsedNodePoll], at time: Timestamp) -> ClusterSnapshot {
        SnapshotBuilder(parsed: parsed.map(\.parsed)).finish(at: time)
    }
}

/// One node's poll result, parsed and ready to be combined into a snapshot.
public struct ParsedNodePoll: Sendable {
    private(set) var parsed: ParsedPoll

    /// Parses the replies of one node. Pure and thread-safe.
    public init(_ poll: NodePoll) { parsed = ParsedPoll(poll) }

    /// The id of the node that answered (its `myself` line), when known.
    public var nodeID: NodeID? { parsed.id }
    /// The answering node's own `myself` line, when it was read.
    public var ownEntry: ClusterNodeEntry? { parsed.digest?.own }
    /// Replies that could not be parsed, one line each.
    public var problems: [String] { parsed.problems }

    /// Adds a key census taken after the poll (it needs the snapshot's slot owners), so the
    /// snapshot can be built again without parsing the replies twice.
    public mutating func setSlotKeyCounts(_ counts: [SlotKeyCount]) {
        parsed.slotKeyCounts = counts
        if case .replied(var replies) = parsed.poll.outcome {
            replies.slotKeyCounts = counts
            parsed.poll.outcome = .replied(replies)
        }
    }
}

/// One poll, parsed.
struct ParsedPoll: Sendable {
    var poll: NodePoll
    var digest: ViewDigest?
    var clusterInfo: ClusterInfo?
    var info: ServerInfo?
    var slotKeyCounts: [SlotKeyCount]?
    var problems: [String] = []
    var loading = false
    var failure: PollFailure?
    var id: NodeID?

    init(_ poll: NodePoll) {
        self.poll = poll
        id = poll.knownID
        switch poll.outcome {
        case .failed(let failure):
            self.failure = failure
        case .replied(let replies):
            slotKeyCounts = replies.slotKeyCounts
            if let reply = replies.clusterNodes, notError(reply) {
                do { digest = try ViewDigest(reply: reply) } catch { problems.append(error.description) }
            }
            if let reply = replies.clusterInfo, notError(reply) {
                do { clusterInfo = try ClusterInfo(reply: reply) } catch { problems.append(error.description) }
            }
            if let reply = replies.info, notError(reply) {
                do { info = try ServerInfo(reply: reply) } catch { problems.append(error.description) }
            }
            if info?.persistence.loading == true { loading = true }
            if let me = digest?.own { id = me.id }
        }
    }

    /// Records an error reply (LOADING is a state, not a failure); true when the reply is usable.
    private mutating func notError(_ reply: RESPValue) -> Bool {
        guard let error = ErrorReply(reply) else { return true }
        if case .loading = error { loading = true } else { problems.append(error.description) }
        return false
    }
}

/// A line of one view: which poll's digest, and the line.
struct LineRef {
    var view: Int
    var line: LineDigest
}

/// What the views say about one node id, gathered before the node is built.
struct NodeAccumulator {
    /// The node's own `myself` line, when it was read.
    var own: ClusterNodeEntry?
    /// The first other view's line.
    var firstOther: LineRef?
    var reports = FailureReports()
    /// Created only when observers disagree on the address (rare), to keep the common path cheap.
    var addressVotes: [UInt64: (count: Int, ref: LineRef)]?
    var agreeingWithFirst = 0
    var maxEpoch: UInt64 = 0

    /// The first other view's address hash (kept apart so the common case compares one word).
    var firstAddressHash: UInt64 = 0

    @inline(__always)
    mutating func observe(_ line: LineDigest, view: Int, by observer: NodeID) {
        reports.observers += 1
        if line.flagBits & (1 << 3 | 1 << 4) != 0 || line.linkDown { noteFailure(line, by: observer) }
        if line.epoch > maxEpoch { maxEpoch = line.epoch }
        if firstOther == nil {
            firstOther = LineRef(view: view, line: line)
            firstAddressHash = line.addressHash
            agreeingWithFirst = 1
            return
        }
        if addressVotes == nil && line.addressHash == firstAddressHash { agreeingWithFirst += 1; return }
        vote(line, view: view)
    }

    @inline(never)
    mutating func noteFailure(_ line: LineDigest, by observer: NodeID) {
        if line.isFail { reports.failed.append(observer) }
        if line.isPossiblyFailing { reports.possiblyFailing.append(observer) }
        if line.linkDown { reports.linkDown.append(observer) }
    }

    /// Observers disagree on the address (rare): count votes per address.
    @inline(never)
    mutating func vote(_ line: LineDigest, view: Int) {
        if addressVotes == nil { addressVotes = [firstAddressHash: (agreeingWithFirst, firstOther!)] }
        addressVotes![line.addressHash, default: (0, LineRef(view: view, line: line))].count += 1
    }
}

/// Combines parsed polls into a snapshot.
struct SnapshotBuilder {
    var parsed: [ParsedPoll]

    func finish(at time: Timestamp) -> ClusterSnapshot {
        var parsed = self.parsed
        // 1. Everything every view says about every id.
        var table = IDTable(capacity: parsed.count + 16)
        var raw = RawIDTable(capacity: parsed.count + 16)
        var accs: [NodeAccumulator] = []
        var accIDs: [NodeID] = []
        accs.reserveCapacity(parsed.count + 16)
        for v in parsed.indices {
            guard let observer = parsed[v].id, let digest = parsed[v].digest else { continue }
            if let own = digest.own {
                let (i, inserted) = table.insert(own.id)
                if inserted { accs.append(NodeAccumulator()); accIDs.append(own.id) }
                accs[i].own = own
            }
            for line in digest.lines {
                // Real ids: the raw token finds its index without parsing (after its first sighting).
                var i: Int
                if line.otherID < 0, let known = raw.index(of: line.rawID) {
                    i = known
                } else {
                    let id = digest.id(line)
                    let (index, inserted) = table.insert(id)
                    if inserted { accs.append(NodeAccumulator()); accIDs.append(id) }
                    if line.otherID < 0 { raw.insert(line.rawID, index: index) }
                    i = index
                }
                accs[i].observe(line, view: v, by: observer)
            }
        }
        var accumulators: [NodeID: NodeAccumulator] = [:]
        accumulators.reserveCapacity(accs.count)
        for (i, id) in accIDs.enumerated() { accumulators[id] = accs[i] }
        // The line that speaks for each node not read itself, and its address (parsed once per id).
        var entries: [NodeID: ClusterNodeEntry] = [:]
        var addresses: [NodeID: NodeAddress] = [:]
        for (id, acc) in zip(accIDs, accs) {
            if let own = acc.own {
                entries[id] = own
                if !own.address.host.isEmpty { addresses[id] = own.address; continue }
            }
            if let first = acc.firstOther, let entry = parsed[first.view].digest?.entry(first.line) {
                if acc.own == nil { entries[id] = entry }
                addresses[id] = entry.address
            }
            if let votes = acc.addressVotes {
                var best: (count: Int, address: NodeAddress)?
                for (_, vote) in votes {
                    guard let address = parsed[vote.ref.view].digest?.entry(vote.ref.line)?.address, !address.isUnset else { continue }
                    if best == nil || (vote.count, best!.address) > (best!.count, address) { best = (vote.count, address) }
                }
                if let best { addresses[id] = best.address }
            }
        }
        // 2. Tie failed polls to ids by announced address.
        var idByAddress: [NodeAddress: NodeID] = [:]
        for (id, address) in addresses where !address.isUnset { idByAddress[address] = id }
        var pollByID: [NodeID: Int] = [:]
        var unidentified: [UnidentifiedNode] = []
        for p in parsed.indices {
            if parsed[p].id == nil { parsed[p].id = idByAddress[parsed[p].poll.address] }
            guard let id = parsed[p].id else {
                let u = parsed[p]
                unidentified.append(UnidentifiedNode(address: u.poll.address, reachability: reachability(u),
                                                     time: u.poll.time, problems: u.problems))
                continue
            }
            pollByID[id] = p
        }
        // 3. Nodes, sorted by id.
        var ids = Set(accumulators.keys)
        ids.formUnion(pollByID.keys)
        let sortedIDs = ids.sorted()
        var nodes: [NodeState] = []
        nodes.reserveCapacity(sortedIDs.count)
        for id in sortedIDs {
            let acc = accumulators[id]
            nodes.append(makeNode(id: id, entry: entries[id], own: acc?.own, address: addresses[id],
                                  reports: acc?.reports ?? FailureReports(), maxEpoch: acc?.maxEpoch ?? 0,
                                  poll: pollByID[id].map { parsed[$0] }))
        }
        var index: [NodeID: Int] = [:]
        for (i, node) in nodes.enumerated() { index[node.id] = i }
        fillReplication(&nodes, index: index)

        // 4. Slot ownership: one entry per distinct opinion, then per-slot majority.
        let (views, owners, disagreements) = ownership(parsed, index: index)

        // 5. Shards.
        var rangesByOwner: [UInt16: [SlotRange]] = [:]
        for run in owners.runs where run.owner != SlotMap.unowned { rangesByOwner[run.owner, default: []].append(run.range) }
        var replicasByMaster: [NodeID: [NodeID]] = [:]
        for node in nodes where node.isReplica { if let m = node.masterID { replicasByMaster[m, default: []].append(node.id) } }
        var shards: [ShardState] = []
        for (i, node) in nodes.enumerated() where node.isMaster {
            shards.append(ShardState(master: node.id, replicas: replicasByMaster[node.id] ?? [],
                                     slots: rangesByOwner[UInt16(i)] ?? []))
        }
        // 6. Open slots from the masters themselves.
        var open: [Int: OpenSlot] = [:]
        for node in nodes {
            for m in node.migrations {
                let owner = owners[m.slot]
                var slot = open[m.slot] ?? OpenSlot(slot: m.slot, migrating: [], importing: [],
                                                   owner: owner == SlotMap.unowned ? nil : nodes[Int(owner)].id)
                let keys = node.slotKeyCounts.map { counts in counts.first { $0.slot == m.slot }?.keys ?? 0 }
                let side = OpenSlot.Side(node: node.id, peer: m.peer, keys: keys)
                if m.direction == .migrating { slot.migrating.append(side) } else { slot.importing.append(side) }
                open[m.slot] = slot
            }
        }
        // 7. Keys on masters that do not own the slot (skipping slots the node has open).
        var foreign: [ForeignKeys]?
        for (i, node) in nodes.enumerated() where node.isMaster {
            guard let counts = node.slotKeyCounts else { continue }
            if foreign == nil { foreign = [] }
            let openHere = Set(node.migrations.map(\.slot))
            for count in counts where count.keys > 0 && owners[count.slot] != UInt16(i) && !openHere.contains(count.slot) {
                let owner = owners[count.slot]
                foreign!.append(ForeignKeys(node: node.id, slot: count.slot, keys: count.keys,
                                            owner: owner == SlotMap.unowned ? nil : nodes[Int(owner)].id))
            }
        }
        // 8. Cluster state and epoch.
        let states = nodes.compactMap { $0.clusterInfo?.state }
        var clusterState: ClusterStateValue?
        if !states.isEmpty {
            let ok = states.filter { $0 == .ok }.count
            clusterState = ok * 2 > states.count ? .ok : .fail
        }
        let epoch = nodes.compactMap { $0.clusterInfo?.currentEpoch }.max()

        return ClusterSnapshot(time: time, nodes: nodes, unidentified: unidentified, shards: shards,
                               slotOwners: owners, ownershipViews: views, slotDisagreements: disagreements,
                               openSlots: open.values.sorted { $0.slot < $1.slot }, foreignKeys: foreign,
                               clusterState: clusterState, currentEpoch: epoch)
    }

    func reachability(_ p: ParsedPoll) -> Reachability {
        if let failure = p.failure { return .unreachable(failure) }
        return .reachable
    }

    func makeNode(id: NodeID, entry: ClusterNodeEntry?, own: ClusterNodeEntry?, address: NodeAddress?,
                  reports: FailureReports, maxEpoch: UInt64, poll: ParsedPoll?) -> NodeState {
        var flags = entry?.flags ?? NodeFlags()
        flags.remove(.myself)
        let role: NodeRole = flags.isMaster ? .master : flags.isReplica ? .replica : .unknown
        return NodeState(
            id: id,
            address: address ?? poll?.poll.address ?? NodeAddress(host: "", port: 0),
            busPort: entry?.announced.busPort,
            hostname: entry?.announced.hostname,
            auxFields: entry?.announced.auxFields ?? [],
            role: role,
            flags: flags,
            masterID: entry?.masterID,
            configEpoch: own?.configEpoch ?? maxEpoch,
            failure: reports,
            reachability: poll.map(reachability) ?? .notPolled,
            dataTime: poll?.poll.time,
            clusterInfo: poll?.clusterInfo,
            info: poll?.info,
            ownSlots: own?.slots,
            migrations: own?.migrations ?? [],
            replication: nil,
            slotKeyCounts: poll?.slotKeyCounts,
            problems: poll?.problems ?? [],
            isLoading: poll?.loading ?? false)
    }

    func fillReplication(_ nodes: inout [NodeState], index: [NodeID: Int]) {
        for i in nodes.indices where nodes[i].isReplica {
            let replica = nodes[i]
            let master = replica.masterID.flatMap { index[$0] }.map { nodes[$0] }
            let own = replica.info?.replication
            let line = master?.info?.replication?.replicas.first {
                $0.port == replica.address.port && ($0.ip == replica.address.host || replica.address.host.isEmpty)
            }
            guard own != nil || line != nil else { continue }
            let offset = own?.replicaOffset ?? line?.offset
            var lagBytes: Int64?
            if let offset, let masterOffset = master?.masterReplOffset { lagBytes = max(0, masterOffset - offset) }
            nodes[i].replication = ReplicaStatus(
                linkUp: own?.masterLinkUp, offset: offset, lagBytes: lagBytes,
                lagSeconds: line?.lag ?? own?.masterLastIOSecondsAgo,
                linkDownSeconds: own?.masterLinkDownSinceSeconds, syncing: own?.syncInProgress)
        }
    }

    func ownership(_ parsed: [ParsedPoll], index: [NodeID: Int]) -> ([OwnershipView], SlotMap, [SlotDisagreement]) {
        // Group identical views: first byte-identical ones (by fingerprint, confirmed by
        // comparing raw tokens), then groups whose ids parse equal (a token spelled in
        // another case) by the parsed assignments. Ids are parsed once per group.
        var rawGroups: [(view: Int, observers: [NodeID])] = []
        var byRawFingerprint: [UInt64: [Int]] = [:]
        for p in parsed.indices {
            guard let observer = parsed[p].id, let digest = parsed[p].digest else { continue }
            let candidates = byRawFingerprint[digest.ownershipFingerprint] ?? []
            if let g = candidates.first(where: { parsed[rawGroups[$0].view].digest!.sameRawOwnership(as: digest) }) {
                rawGroups[g].observers.append(observer)
            } else {
                byRawFingerprint[digest.ownershipFingerprint, default: []].append(rawGroups.count)
                rawGroups.append((p, [observer]))
            }
        }
        var groups: [(assignments: [OwnedRange], observers: [NodeID])] = []
        var byFingerprint: [UInt64: [Int]] = [:]
        for rawGroup in rawGroups {
            let assignments = parsed[rawGroup.view].digest!.ownership
            let fingerprint = ViewDigest.fingerprint(assignments)
            let candidates = byFingerprint[fingerprint] ?? []
            if let g = candidates.first(where: { groups[$0].assignments == assignments }) {
                groups[g].observers.append(contentsOf: rawGroup.observers)
            } else {
                byFingerprint[fingerprint, default: []].append(groups.count)
                groups.append((assignments, rawGroup.observers))
            }
        }
        let views = groups.map { OwnershipView(observers: $0.observers.sorted(), assignments: $0.assignments) }
            .sorted { ($0.observers.count, $1.observers.first ?? NodeID("")) > ($1.observers.count, $0.observers.first ?? NodeID("")) }
        func map(of view: OwnershipView) -> SlotMap {
            var map = SlotMap()
            for a in view.assignments { if let i = index[a.owner] { map.assign(a.range, to: UInt16(i)) } }
            return map
        }
        guard views.count > 1 else { return (views, views.first.map(map) ?? SlotMap(), []) }

        let maps = views.map(map)
        let weights = views.map(\.observers.count)
        var consensus = SlotMap()
        var disagreements: [SlotDisagreement] = []
        let idList = ids(index)
        var runStart = -1
        var runPattern: [UInt16] = []
        func closeRun(_ end: Int) {
            guard runStart >= 0 else { return }
            var byOwner: [UInt16: [NodeID]] = [:]
            for (g, owner) in runPattern.enumerated() { byOwner[owner, default: []].append(contentsOf: views[g].observers) }
            let opinions = byOwner.map { owner, observers in
                SlotDisagreement.Opinion(owner: owner == SlotMap.unowned ? nil : idList[Int(owner)], observers: observers.sorted())
            }.sorted { $0.observers.count > $1.observers.count }
            disagreements.append(SlotDisagreement(range: SlotRange(runStart, end), opinions: opinions))
            runStart = -1
        }
        var pattern = [UInt16](repeating: 0, count: maps.count)
        for slot in 0..<clusterSlotCount {
            var agree = true
            for g in maps.indices {
                pattern[g] = maps[g][slot]
                if pattern[g] != pattern[0] { agree = false }
            }
            if agree {
                consensus[slot] = pattern[0]
                closeRun(slot - 1)
                continue
            }
            var votes: [UInt16: Int] = [:]
            for g in maps.indices { votes[pattern[g], default: 0] += weights[g] }
            consensus[slot] = votes.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            if runStart >= 0 && pattern != runPattern { closeRun(slot - 1) }
            if runStart < 0 { runStart = slot; runPattern = pattern }
        }
        closeRun(clusterSlotCount - 1)
        return (views, consensus, disagreements)
    }

    func ids(_ index: [NodeID: Int]) -> [NodeID] {
        var result = [NodeID](repeating: NodeID(""), count: index.count)
        for (id, i) in index { result[i] = id }
        return result
    }
}
