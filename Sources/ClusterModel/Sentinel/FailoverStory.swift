/// One Sentinel failover told from the events: down → odown → election →
/// promotion → reconfiguration → switch-master, with when each step was first
/// seen, by which sentinels, and how long after the first `+sdown`.
public struct FailoverStory: Hashable, Sendable, Codable {
    /// The stages of a failover, in the order Sentinel goes through them.
    public enum Phase: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        /// `+sdown` of the master: some sentinel stopped getting replies.
        case down
        /// `+odown`: a quorum agrees it is down.
        case objectivelyDown
        /// `+new-epoch`, `+try-failover`, `+vote-for-leader`, `+elected-leader`.
        case election
        /// `+failover-state-select-slave` … `+promoted-slave` (and the new master's `-role-change`).
        case promotion
        /// `+failover-state-reconf-slaves`, `+slave-reconf-*`.
        case reconfiguration
        /// `+config-update-from`, `-odown`, `+failover-end`, `+switch-master`, the new `+slave` list.
        case switchMaster
        /// The old master coming back: `-sdown`, `±role-change`, `+convert-to-slave`.
        case oldMasterReturn

        public static func < (a: Phase, b: Phase) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// How the failover ended, as far as the events tell.
    public enum Outcome: Hashable, Sendable, Codable {
        /// No `+switch-master` (yet).
        case inProgress
        /// `+switch-master` seen.
        case completed
        /// A `-failover-abort-*` event (e.g. `-failover-abort-no-good-slave`); Sentinel retries
        /// after twice the failover-timeout, which opens a new story.
        case aborted(SentinelEventType)
    }

    /// One logical event of the story.
    public struct Step: Hashable, Sendable, Codable {
        public var phase: Phase
        public var entry: SentinelTimelineEntry
        /// From the story's start (first `+sdown`, or the first step) to this step's first sighting.
        public var millisecondsFromStart: Int64

        public var type: SentinelEventType { entry.type }
        public var firstSeen: Timestamp { entry.firstSeen }
        public var sentinels: [NodeAddress] { entry.sentinels }
    }

    /// A change the poll saw (no sentinel published it), placed in the story.
    public struct PolledStep: Hashable, Sendable, Codable {
        public var phase: Phase
        public var change: PolledChange
        /// From the story's start; negative when the poll saw it before the first `+sdown`
        /// (a master unreachable during down-after-milliseconds).
        public var millisecondsFromStart: Int64

        public var time: Timestamp { change.time }
    }

    /// The old master's return after the switch.
    public struct OldMasterReturn: Hashable, Sendable, Codable {
        public var address: NodeAddress
        public var steps: [Step]
        /// First `-sdown`: sentinels reach it again.
        public var backAt: Timestamp?
        /// First `+convert-to-slave`: a sentinel told it to follow the new master.
        public var convertedAt: Timestamp?
        /// What the poll saw of it after the switch: reachable again, its role flip…
        public var polledSteps: [PolledStep] = []
        /// The first poll that reached it again.
        public var reachableAt: Timestamp?
        /// The first poll that saw it replicating from the new master.
        public var rejoinedAt: Timestamp?
    }

    public var masterName: String
    public var oldMaster: NodeAddress?
    public var newMaster: NodeAddress?
    /// Run id of the sentinel that led the failover.
    public var leaderRunID: String?
    /// The sentinel(s) that published `+elected-leader` (the leader publishes on its own connection).
    public var leaderSentinels: [NodeAddress]
    public var epoch: Int64?
    public var start: Timestamp
    /// Every step in order of first sighting.
    public var steps: [Step]
    /// What the poll saw during the failover (see `stories(from:polled:window:)`), in time order.
    public var polledSteps: [PolledStep] = []
    public var outcome: Outcome
    public var oldMasterReturn: OldMasterReturn?

    /// The first step of a type.
    public func first(_ type: SentinelEventType) -> Step? { steps.first { $0.type == type } }

    /// When a phase began (its first step's first sighting; the poll's only when no
    /// sentinel published a step of it).
    public func start(of phase: Phase) -> Timestamp? {
        if phase == .oldMasterReturn {
            return [oldMasterReturn?.steps.first?.firstSeen, oldMasterReturn?.polledSteps.first?.time]
                .compactMap { $0 }.min()
        }
        return steps.first { $0.phase == phase }?.firstSeen ?? polledSteps.first { $0.phase == phase }?.time
    }

    /// The poll's steps of one phase.
    public func polled(_ phase: Phase) -> [PolledStep] {
        phase == .oldMasterReturn ? oldMasterReturn?.polledSteps ?? [] : polledSteps.filter { $0.phase == phase }
    }

    /// Milliseconds from the story's start to the start of each phase that happened.
    public var phaseOffsets: [Phase: Int64] {
        var result: [Phase: Int64] = [:]
        for phase in Phase.allCases { if let time = start(of: phase) { result[phase] = time.milliseconds(since: start) } }
        return result
    }

    /// From the first `+sdown` to the first `+switch-master` any sentinel published.
    public var millisecondsToSwitch: Int64? { first(.switchMaster).map { $0.firstSeen.milliseconds(since: start) } }
}
