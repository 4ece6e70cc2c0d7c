extension FailoverStory {
    /// Builds one story per failover from a deduplicated timeline.
    ///
    /// A story opens on a master's `+sdown` (or on `+odown`/`+try-failover` when
    /// the down part was not seen, e.g. a forced `SENTINEL FAILOVER`) and is kept
    /// only if it reached `+odown` or later: a `-sdown` before that closes a false
    /// alarm. `+new-epoch` and `+vote-for-leader` name no master; they join the
    /// group whose failover is open (or, before any is open, the next one to open
    /// within `window` ms). With two groups failing over at once that attribution
    /// is a guess; events that name their group are always attributed exactly.
    /// An aborted attempt (`-failover-abort-*`) closes its story; the retry opens the next.
    /// After `+switch-master`, the old master's own events (`+sdown`, `-sdown`,
    /// `±role-change`, `+convert-to-slave`) form `oldMasterReturn` until the group's
    /// next story opens.
    public static func stories(from timeline: SentinelTimeline, window: Int64 = 5_000) -> [FailoverStory] {
        var builder = Builder(window: window)
        for entry in timeline.entries { builder.add(entry) }
        return builder.finish()
    }

    struct Builder {
        let window: Int64
        var stories: [FailoverStory] = []
        var discarded: Set<Int> = []
        var current: [String: Int] = [:]
        var lastOpen: Int?
        var pendingUnnamed: [SentinelTimelineEntry] = []

        init(window: Int64) { self.window = window }

        static let election: Set<SentinelEventType> = [
            .newEpoch, .tryFailover, .voteForLeader, .electedLeader, .notElected, .abortRace,
        ]
        static let promotion: Set<SentinelEventType> = [
            .failoverStateSelectSlave, .selectedSlave, .failoverStateSendSlaveofNoone, .failoverStateWaitPromotion,
            .promotedSlave, .noGoodSlave, .slaveTimeout,
        ]
        static let reconfiguration: Set<SentinelEventType> = [
            .failoverStateReconfSlaves, .slaveReconfSent, .slaveReconfInprog, .slaveReconfDone, .slaveReconfSentTimeout,
        ]
        static let ending: Set<SentinelEventType> = [
            .configUpdateFrom, .odownCleared, .failoverEndForTimeout, .failoverEnd, .switchMaster,
        ]
        static let oldMasterTypes: Set<SentinelEventType> = [
            .sdown, .sdownCleared, .roleChange, .roleChangeCleared, .convertToSlave, .fixSlaveConfig,
        ]

        mutating func add(_ entry: SentinelTimelineEntry) {
            let event = entry.event
            guard let name = event.masterName else {
                // +new-epoch / +vote-for-leader: the open failover, or the next one.
                guard Self.election.contains(event.type) else { return }
                if let index = lastOpen, !isClosed(index) {
                    append(entry, phase: .election, to: index)
                } else {
                    pendingUnnamed.append(entry)
                }
                return
            }
            let isMasterEvent = event.instance?.kind == .master
            if let index = current[name], !discarded.contains(index) {
                if isClosed(index) {
                    if isMasterEvent, event.type == .sdown || event.type == .odown || event.type == .tryFailover {
                        open(entry, name: name)
                    } else if isSwitched(index) {
                        addAfterSwitch(entry, to: index)
                    }
                    return
                }
                if isMasterEvent, event.type == .sdownCleared, !hasReached(.objectivelyDown, index) {
                    discarded.insert(index)
                    current[name] = nil
                    return
                }
                if let phase = phase(of: entry, in: index) { append(entry, phase: phase, to: index) }
                return
            }
            if isMasterEvent, event.type == .sdown || event.type == .odown || event.type == .tryFailover {
                open(entry, name: name)
            }
        }

        func isSwitched(_ index: Int) -> Bool { stories[index].steps.contains { $0.type == .switchMaster } }

        /// Switched or aborted: the next attempt is a new story.
        func isClosed(_ index: Int) -> Bool {
            if case .aborted = stories[index].outcome { return true }
            return isSwitched(index)
        }

        func hasReached(_ phase: Phase, _ index: Int) -> Bool { stories[index].steps.contains { $0.phase >= phase } }

        func phase(of entry: SentinelTimelineEntry, in index: Int) -> Phase? {
            let event = entry.event
            let type = event.type
            if event.instance?.kind == .master, type == .sdown { return .down }
            if type == .odown { return .objectivelyDown }
            if Self.election.contains(type) { return .election }
            if Self.promotion.contains(type) { return .promotion }
            if type == .roleChangeCleared || type == .roleChange,
               let address = event.instance?.address, address == selectedReplica(index) { return .promotion }
            if Self.reconfiguration.contains(type) { return .reconfiguration }
            if Self.ending.contains(type) { return .switchMaster }
            // A newer abort reason still ends the attempt.
            if type.isFailoverAbort { return stories[index].steps.last?.phase ?? .election }
            return nil
        }

        func selectedReplica(_ index: Int) -> NodeAddress? {
            stories[index].steps.last { $0.type == .selectedSlave || $0.type == .promotedSlave }?.entry.event.instance?.address
        }

        mutating func open(_ entry: SentinelTimelineEntry, name: String) {
            let pending = pendingUnnamed.filter { entry.firstSeen.milliseconds(since: $0.firstSeen) <= window }
            pendingUnnamed = []
            let story = FailoverStory(masterName: name, oldMaster: entry.event.masterAddress, newMaster: nil,
                                      leaderRunID: nil, leaderSentinels: [], epoch: nil,
                                      start: pending.first?.firstSeen ?? entry.firstSeen,
                                      steps: [], outcome: .inProgress, oldMasterReturn: nil)
            stories.append(story)
            let index = stories.count - 1
            current[name] = index
            lastOpen = index
            for early in pending { append(early, phase: .election, to: index) }
            append(entry, phase: phase(of: entry, in: index) ?? .down, to: index)
        }

        mutating func addAfterSwitch(_ entry: SentinelTimelineEntry, to index: Int) {
            let event = entry.event
            let story = stories[index]
            if let old = story.oldMaster, event.instance?.address == old, Self.oldMasterTypes.contains(event.type) {
                var back = stories[index].oldMasterReturn ?? OldMasterReturn(address: old, steps: [])
                back.steps.append(Step(phase: .oldMasterReturn, entry: entry,
                                       millisecondsFromStart: entry.firstSeen.milliseconds(since: story.start)))
                if event.type == .sdownCleared, back.backAt == nil { back.backAt = entry.firstSeen }
                if event.type == .convertToSlave, back.convertedAt == nil { back.convertedAt = entry.firstSeen }
                stories[index].oldMasterReturn = back
                return
            }
            let switched = story.first(.switchMaster)?.firstSeen ?? story.start
            let recent = entry.firstSeen.milliseconds(since: switched) <= window
            if recent, Self.ending.contains(event.type) || event.type == .slave || Self.reconfiguration.contains(event.type) {
                append(entry, phase: Self.reconfiguration.contains(event.type) ? .reconfiguration : .switchMaster, to: index)
            }
        }

        mutating func append(_ entry: SentinelTimelineEntry, phase: Phase, to index: Int) {
            var story = stories[index]
            let offset = entry.firstSeen.milliseconds(since: story.start)
            story.steps.append(Step(phase: phase, entry: entry, millisecondsFromStart: offset))
            let event = entry.event
            switch event.type {
            case .newEpoch, .voteForLeader:
                if let epoch = event.epoch { story.epoch = max(story.epoch ?? epoch, epoch) }
            case .electedLeader:
                story.leaderSentinels = entry.sentinels
            case .selectedSlave, .promotedSlave:
                if let address = event.instance?.address { story.newMaster = address }
            case .switchMaster:
                if let change = event.masterSwitch {
                    story.oldMaster = change.from
                    story.newMaster = change.to
                }
                story.outcome = .completed
            default:
                if event.type.isFailoverAbort, story.outcome != .completed { story.outcome = .aborted(event.type) }
            }
            if story.oldMaster == nil, event.instance?.kind == .master { story.oldMaster = event.instance?.address }
            stories[index] = story
        }

        /// Drops false alarms and names the leader.
        mutating func finish() -> [FailoverStory] {
            var result: [FailoverStory] = []
            for (index, var story) in stories.enumerated() where !discarded.contains(index) {
                guard story.steps.contains(where: { $0.phase >= .objectivelyDown }) else { continue }
                story.steps.sort { ($0.firstSeen, $0.entry.sightings[0].sequence) < ($1.firstSeen, $1.entry.sightings[0].sequence) }
                story.leaderRunID = Self.leader(of: story)
                result.append(story)
            }
            return result
        }

        /// The run id the leader voted for (itself), else the most voted run id.
        static func leader(of story: FailoverStory) -> String? {
            let votes = story.steps.filter { $0.type == .voteForLeader }
            for leader in story.leaderSentinels {
                for vote in votes { if let own = vote.entry.sighting(by: leader) { return own.event.leaderRunID } }
            }
            if let update = story.first(.configUpdateFrom), update.entry.event.instance?.kind == .sentinel {
                return update.entry.event.instance?.name
            }
            return votes.max { $0.entry.sightings.count < $1.entry.sightings.count }?.entry.event.leaderRunID
        }
    }
}
