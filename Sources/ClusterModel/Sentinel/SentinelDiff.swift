extension SentinelSnapshot {
    /// What changed since `old`, as seen by polling: data nodes' roles, masters, replication
    /// ids, offsets, links and reachability; sentinels' reachability and the master each
    /// names. Pure; every change is stamped with this snapshot's time. Nodes and sentinels
    /// present in only one of the two snapshots yield nothing (discovery is not a change).
    ///
    /// `lastSeen`: each data node as it last described itself (see `nodesAsReported`), kept
    /// by the caller across polls. A node that comes back after a poll could not reach it is
    /// compared with that, so a role flip hidden behind the gap is still told (a replica
    /// being promoted drops its clients' connections: the poll then sees it unreachable once).
    public func changes(since old: SentinelSnapshot, lastSeen: [NodeAddress: DataNodeState] = [:]) -> [PolledChange] {
        var result: [PolledChange] = []
        let oldSentinels = Dictionary(old.sentinels.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        for status in sentinels {
            guard let before = oldSentinels[status.address] else { continue }
            switch (before.failure, status.failure) {
            case (nil, let failure?):
                result.append(PolledChange(time: time, group: nil, address: status.address,
                                           kind: .sentinelUnreachable(failure)))
            case (_?, nil):
                result.append(PolledChange(time: time, group: nil, address: status.address, kind: .sentinelReachable))
            default: break
            }
        }
        for group in groups {
            guard let oldGroup = old.group(group.name) else { continue }
            for opinion in group.opinions {
                guard let before = oldGroup.opinions.first(where: { $0.sentinel == opinion.sentinel }),
                      let now = opinion.master, before.master != now else { continue }
                result.append(PolledChange(time: time, group: group.name, address: opinion.sentinel,
                                           kind: .namedMaster(from: before.master, to: now)))
            }
        }
        let oldNodes = old.dataNodesByAddress
        for (group, node) in dataNodesWithGroup {
            guard let before = oldNodes[node.address] else { continue }
            for kind in Self.nodeChanges(from: before.node, to: node, lastSeen: lastSeen[node.address]) {
                result.append(PolledChange(time: time, group: group ?? before.group, address: node.address, kind: kind))
            }
        }
        return result
    }

    /// Every data node with its group name (nil for unattached nodes); a node listed in two
    /// groups counts once, in the first.
    var dataNodesWithGroup: [(String?, DataNodeState)] {
        var seen = Set<NodeAddress>()
        var result: [(String?, DataNodeState)] = []
        for group in groups {
            for node in group.dataNodes where seen.insert(node.address).inserted { result.append((group.name, node)) }
        }
        for node in unattachedNodes where seen.insert(node.address).inserted { result.append((nil, node)) }
        return result
    }

    var dataNodesByAddress: [NodeAddress: (group: String?, node: DataNodeState)] {
        var table: [NodeAddress: (group: String?, node: DataNodeState)] = [:]
        for (group, node) in dataNodesWithGroup { table[node.address] = (group, node) }
        return table
    }

    /// Each data node that answered this poll, as it described itself.
    public var nodesAsReported: [NodeAddress: DataNodeState] {
        var table: [NodeAddress: DataNodeState] = [:]
        for (_, node) in dataNodesWithGroup where node.reachability == .reachable && node.roleFromNode {
            table[node.address] = node
        }
        return table
    }

    /// The changes of one data node between two polls.
    static func nodeChanges(from before: DataNodeState, to now: DataNodeState,
                            lastSeen: DataNodeState? = nil) -> [PolledChange.Kind] {
        switch (before.reachability, now.reachability) {
        case (.reachable, .unreachable(let failure)):
            return [.unreachable(failure)]
        case (.unreachable, .reachable):
            // While unreachable its row holds the sentinels' view: compare with what it last
            // said itself, when known (links and offsets moved on meanwhile: not compared).
            let back = PolledChange.Kind.reachable(role: now.role, following: now.isMaster ? nil : now.following)
            guard let lastSeen else { return [back] }
            return [back] + stateChanges(from: lastSeen, to: now, links: false)
        case (.reachable, .reachable):
            return stateChanges(from: before, to: now, links: true)
        default:
            return []
        }
    }

    /// Role, master, link, replication id and offset changes between two self-descriptions.
    static func stateChanges(from before: DataNodeState, to now: DataNodeState, links: Bool) -> [PolledChange.Kind] {
        guard before.roleFromNode, now.roleFromNode, let role = now.role else { return [] }
        var kinds: [PolledChange.Kind] = []
        if before.role != role {
            kinds.append(.role(from: before.role, to: role, following: now.isMaster ? nil : now.following))
        } else if !now.isMaster, before.following != now.following {
            kinds.append(.following(from: before.following, to: now.following))
        } else if links, !now.isMaster, let was = before.linkUp, let up = now.linkUp, was != up {
            kinds.append(up ? .linkUp(master: now.following) : .linkDown(master: now.following))
        }
        if let was = before.replicationID, let id = now.replicationID, was != id {
            kinds.append(.replicationID(promoted: now.isMaster && now.previousReplicationID == was))
        }
        if links, before.role == role, let was = before.offset, let offset = now.offset, offset < was {
            kinds.append(.resync(fromOffset: was, toOffset: offset))
        }
        return kinds
    }
}
