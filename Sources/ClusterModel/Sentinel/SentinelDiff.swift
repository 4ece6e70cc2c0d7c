extension SentinelSnapshot {
    /// What changed since `old`, as seen by polling: data nodes' roles, masters, replication
    /// ids, offsets, links and reachability; sentinels' reachability and the master each
    /// names. Pure; every change is stamped with this snapshot's time. Nodes and sentinels
    /// present in only one of the two snapshots yield nothing (discovery is not a change).
    public func changes(since old: SentinelSnapshot) -> [PolledChange] {
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
            for kind in Self.nodeChanges(from: before.node, to: node) {
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

    /// The changes of one data node between two polls.
    static func nodeChanges(from before: DataNodeState, to now: DataNodeState) -> [PolledChange.Kind] {
        switch (before.reachability, now.reachability) {
        case (.reachable, .unreachable(let failure)):
            return [.unreachable(failure)]
        case (.unreachable, .reachable):
            // What it said before it went away is not comparable: report how it came back.
            return [.reachable(role: now.role, following: now.isMaster ? nil : now.following)]
        case (.reachable, .reachable):
            break
        default:
            return []
        }
        guard before.roleFromNode, now.roleFromNode, let role = now.role else { return [] }
        var kinds: [PolledChange.Kind] = []
        if before.role != role {
            kinds.append(.role(from: before.role, to: role, following: now.isMaster ? nil : now.following))
        } else if !now.isMaster, before.following != now.following {
            kinds.append(.following(from: before.following, to: now.following))
        } else if !now.isMaster, let was = before.linkUp, let up = now.linkUp, was != up {
            kinds.append(up ? .linkUp(master: now.following) : .linkDown(master: now.following))
        }
        if let was = before.replicationID, let id = now.replicationID, was != id {
            kinds.append(.replicationID(promoted: now.isMaster && now.previousReplicationID == was))
        }
        if before.role == role, let was = before.offset, let offset = now.offset, offset < was {
            kinds.append(.resync(fromOffset: was, toOffset: offset))
        }
        return kinds
    }
}
