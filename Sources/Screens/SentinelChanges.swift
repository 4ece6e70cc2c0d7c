import ClusterModel

/// What changed between two Sentinel snapshots, as timeline events for the Events screen:
/// the master a group's sentinels name, each sentinel's own view (master, s_down/o_down,
/// failover, epoch, tilt), and which sentinels and data nodes answer. Pure.
enum SentinelChanges {
    static func events(from old: SentinelSnapshot?, to new: SentinelSnapshot) -> [ClusterEvent] {
        guard let old else { return [] }
        let time = new.time
        var events: [ClusterEvent] = []
        func add(_ kind: ClusterEvent.Kind, _ message: String) {
            events.append(ClusterEvent(time: time, kind: kind, nodes: [], message: message))
        }
        for status in new.sentinels {
            guard let before = old.sentinels.first(where: { $0.address == status.address }) else {
                add(.nodeJoined, "sentinel \(status.address) seen for the first time")
                continue
            }
            if before.failure == nil, let failure = status.failure {
                add(.nodeUnreachable, "sentinel \(status.address) unreachable: \(failure)")
            } else if before.failure != nil, status.failure == nil {
                add(.nodeReachable, "sentinel \(status.address) answers again")
            }
            if before.tilt != true, status.tilt == true { add(.clusterStateChanged, "sentinel \(status.address) entered TILT mode") }
            if before.tilt == true, status.tilt == false { add(.clusterStateChanged, "sentinel \(status.address) left TILT mode") }
        }
        for group in new.groups {
            guard let previous = old.group(group.name) else { continue }
            if let master = group.namedMaster, let was = previous.namedMaster, master != was {
                let agreeing = group.opinions.filter { $0.master == master }.count
                add(.failover, "\(group.name): master \(was) → \(master) (named by \(agreeing)/\(group.opinions.count) sentinels)")
            }
            for opinion in group.opinions {
                guard let before = previous.opinions.first(where: { $0.sentinel == opinion.sentinel }) else { continue }
                events += changes(group.name, before, opinion, time: time)
            }
            for node in group.dataNodes where node.roleFromNode {
                guard let before = previous.node(node.address), before.roleFromNode, let role = node.role,
                      let was = before.role, role != was else { continue }
                add(.roleChanged, "\(group.name): \(node.address) is now \(Self.role(role)) (was \(Self.role(was)))")
            }
            for node in group.dataNodes {
                guard let before = previous.node(node.address) else { continue }
                if before.reachability.isReachable, case .unreachable(let failure) = node.reachability {
                    add(.nodeUnreachable, "\(group.name): \(node.address) unreachable: \(failure)")
                } else if case .unreachable = before.reachability, node.reachability.isReachable {
                    add(.nodeReachable, "\(group.name): \(node.address) answers again")
                }
            }
        }
        return events
    }

    private static func role(_ role: String) -> String { role == "slave" ? "replica" : role }

    /// One sentinel's view of one group, before and after.
    private static func changes(_ name: String, _ before: SentinelOpinion, _ after: SentinelOpinion,
                                time: Timestamp) -> [ClusterEvent] {
        var events: [ClusterEvent] = []
        let who = "sentinel \(after.sentinel)"
        func add(_ kind: ClusterEvent.Kind, _ message: String) {
            events.append(ClusterEvent(time: time, kind: kind, nodes: [], message: message))
        }
        if let master = after.master, let was = before.master, master != was {
            add(.roleChanged, "\(name): \(who) now names \(master) as master (was \(was))")
        }
        let old = before.flags, new = after.flags
        if new?.objectivelyDown == true && old?.objectivelyDown != true {
            add(.nodeFailed, "\(name): \(who) flags the master o_down (quorum agrees it is down)")
        } else if new?.subjectivelyDown == true && old?.subjectivelyDown != true {
            add(.nodePossiblyFailing, "\(name): \(who) flags the master s_down")
        }
        let wasDown = old?.subjectivelyDown == true || old?.objectivelyDown == true
        let isDown = new?.subjectivelyDown == true || new?.objectivelyDown == true
        if wasDown && !isDown { add(.nodeRecovered, "\(name): \(who) no longer flags the master down") }
        if new?.failoverInProgress == true && old?.failoverInProgress != true {
            add(.failover, "\(name): \(who) reports a failover in progress")
        }
        if let epoch = after.configEpoch, let was = before.configEpoch, epoch != was {
            add(.configEpochChanged, "\(name): \(who) config epoch \(was) → \(epoch)")
        }
        return events
    }
}
