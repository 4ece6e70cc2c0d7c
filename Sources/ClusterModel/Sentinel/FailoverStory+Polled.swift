extension FailoverStory {
    /// Stories from the sentinels' events, with what the poll saw merged in: one story per
    /// failover, its steps from both sources.
    ///
    /// A change belongs to the latest story of its group that started before it (until the
    /// group's next story). In it:
    /// - the old master becoming unreachable, and replicas losing their link to it, are the
    ///   `down` phase — also when the poll saw them before the first `+sdown` (the master is
    ///   unreachable for down-after-milliseconds before any sentinel says so), as long as
    ///   nothing came back in between;
    /// - the new master's role flip and new replication id are `promotion`;
    /// - other replicas following the new master, their links and resyncs are `reconfiguration`
    ///   (up to `window` ms after the switch);
    /// - a sentinel naming the new master is `switchMaster`;
    /// - after the switch, anything about the old master is its return: reachable again, and
    ///   replicating from the new master (`rejoinedAt`).
    /// Sentinels' own reachability is no part of a story.
    public static func stories(from timeline: SentinelTimeline, polled: [PolledChange],
                               window: Int64 = 5_000) -> [FailoverStory] {
        var stories = stories(from: timeline, window: window)
        let changes = polled.filter { $0.group != nil && !($0.kind.isSentinelReachability) }
            .sorted { $0.time < $1.time }
        for index in stories.indices {
            let story = stories[index]
            let previous = stories[..<index].last { $0.masterName == story.masterName }?.start
            let next = stories[(index + 1)...].first { $0.masterName == story.masterName }?.start
            let mine = changes.filter { $0.group == story.masterName }
            stories[index].attachLead(mine.filter { $0.time < story.start && previous.map($0.time.isAfter) ?? true })
            for change in mine where change.time >= story.start && next.map(change.time.isBefore) ?? true {
                stories[index].attach(change, window: window)
            }
        }
        return stories
    }

    /// Before the first `+sdown`: the old master's last `unreachable` and replicas' last
    /// `link-down` towards it, when nothing came back before the story started.
    mutating func attachLead(_ changes: [PolledChange]) {
        guard let old = oldMaster else { return }
        var latest: [NodeAddress: (order: Int, change: PolledChange)] = [:]
        for (order, change) in changes.enumerated() {
            switch change.kind {
            case .unreachable where change.address == old: latest[change.address] = (order, change)
            case .linkDown(let master) where master == old: latest[change.address] = (order, change)
            case .reachable, .linkUp, .role, .following: latest[change.address] = nil
            default: break
            }
        }
        // In the order the polls saw them (ties: as listed).
        for item in latest.values.sorted(by: { ($0.change.time, $0.order) < ($1.change.time, $1.order) }) {
            add(item.change, phase: .down)
        }
    }

    mutating func attach(_ change: PolledChange, window: Int64) {
        let switched = first(.switchMaster)?.firstSeen
        let settled = switched.map { change.time.milliseconds(since: $0) > window } ?? false
        if let old = oldMaster, change.address == old {
            if let switched, change.time >= switched {
                addReturn(change)
            } else if case .unreachable = change.kind {
                add(change, phase: .down)
            }
            return
        }
        if settled || change.isAboutSentinel {
            // After the switch settled, only the old master's return is told.
            if !settled, case .namedMaster(_, let to) = change.kind, to != nil, to == newMaster {
                add(change, phase: .switchMaster)
            }
            return
        }
        switch change.kind {
        case .linkDown(let master) where master != nil && master == oldMaster:
            add(change, phase: .down)
        case .role, .replicationID, .reachable:
            add(change, phase: change.address == newMaster ? .promotion : .reconfiguration)
        case .following, .linkUp, .linkDown, .resync:
            add(change, phase: .reconfiguration)
        case .unreachable, .sentinelUnreachable, .sentinelReachable, .namedMaster:
            break
        }
    }

    mutating func add(_ change: PolledChange, phase: Phase) {
        polledSteps.append(PolledStep(phase: phase, change: change,
                                      millisecondsFromStart: change.time.milliseconds(since: start)))
        // Stable: changes of one poll keep their order.
        polledSteps = polledSteps.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    mutating func addReturn(_ change: PolledChange) {
        guard let old = oldMaster else { return }
        var back = oldMasterReturn ?? OldMasterReturn(address: old, steps: [])
        back.polledSteps.append(PolledStep(phase: .oldMasterReturn, change: change,
                                           millisecondsFromStart: change.time.milliseconds(since: start)))
        if case .reachable = change.kind, back.reachableAt == nil { back.reachableAt = change.time }
        if let master = change.followsAfter, master == newMaster, back.rejoinedAt == nil { back.rejoinedAt = change.time }
        oldMasterReturn = back
    }
}

extension PolledChange.Kind {
    var isSentinelReachability: Bool {
        switch self {
        case .sentinelReachable, .sentinelUnreachable: return true
        default: return false
        }
    }
}

extension Timestamp {
    func isAfter(_ other: Timestamp) -> Bool { self > other }
    func isBefore(_ other: Timestamp) -> Bool { self < other }
}
