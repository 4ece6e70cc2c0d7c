/// The lines of a Sentinel recording (`slotscope record --sentinel`, `watch --sentinel
/// --record`): JSON lines, a `Header` first, then each poll's snapshot with what changed and
/// each sentinel's copy of each event, in the order they arrived. Everything a replay needs
/// to show the snapshots and tell the failover stories again, without servers. No secrets:
/// snapshots never hold passwords.
public enum SentinelRecording {
    public static let schema = "slotscope.sentinel-recording/1"

    /// The first line.
    public struct Header: Hashable, Sendable, Codable {
        public var schema: String
        /// The seed sentinels as the user gave them.
        public var target: String
        /// The groups asked for; nil: every group the sentinels monitor.
        public var masterNames: [String]?
        /// ISO 8601, UTC.
        public var started: String

        public init(target: String, masterNames: [String]?, started: String) {
            schema = SentinelRecording.schema
            self.target = target
            self.masterNames = masterNames
            self.started = started
        }
    }

    /// One poll: the snapshot and what changed since the previous one.
    public struct Poll: Hashable, Sendable, Codable {
        public var snapshot: SentinelSnapshot
        public var changes: [PolledChange]

        public init(snapshot: SentinelSnapshot, changes: [PolledChange]) {
            self.snapshot = snapshot
            self.changes = changes
        }
    }

    /// Every line after the header: `{"poll": …}` or `{"event": …}`.
    public enum Line: Hashable, Sendable, Codable {
        case poll(Poll)
        case event(ObservedSentinelEvent)
    }

    /// A recording read back.
    public struct Replay: Sendable {
        public var polls: [Poll] = []
        public var events: [ObservedSentinelEvent] = []

        public init(_ lines: [Line]) {
            for line in lines {
                switch line {
                case .poll(let poll): polls.append(poll)
                case .event(let event): events.append(event)
                }
            }
        }

        /// Every change the recorded polls saw.
        public var changes: [PolledChange] { polls.flatMap(\.changes) }

        /// The deduplicated events.
        public var timeline: SentinelTimeline { SentinelTimeline(events) }

        /// The failovers the recording tells, polled changes merged in.
        public var stories: [FailoverStory] { FailoverStory.stories(from: timeline, polled: changes) }
    }
}
