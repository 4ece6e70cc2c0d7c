import ClusterModel

/// Turns a live stream of observed sentinel events into lines to show: each logical
/// (deduplicated) event once, in order of first sighting, when every watched sentinel
/// has published it or `settle` ms after its first copy — whichever comes first — and
/// each completed failover story once, after its `+switch-master` was shown.
///
/// It keeps the last `retention` ms of events and rebuilds the `SentinelTimeline` and
/// `FailoverStory` list from them on each call, so the grouping rules are exactly the
/// model's.
public struct SentinelEventLog: Sendable {
    /// How long to wait for the other sentinels' copies of an event before showing it.
    public var settle: Int64
    public var retention: Int64
    private var observed: [ObservedSentinelEvent] = []
    private var shown: Set<EntryKey> = []
    private var toldStories: Set<StoryKey> = []
    private var timeline = SentinelTimeline([])

    /// An entry is known by its first copy.
    struct EntryKey: Hashable, Sendable {
        var sentinel: NodeAddress
        var time: Timestamp
        var event: SentinelEvent

        init(_ entry: SentinelTimelineEntry) {
            sentinel = entry.sightings[0].sentinel
            time = entry.sightings[0].time
            event = entry.event.identity
        }
    }

    struct StoryKey: Hashable, Sendable {
        var masterName: String
        var start: Timestamp
    }

    public init(settle: Int64 = 1_000, retention: Int64 = 600_000) {
        self.settle = settle
        self.retention = retention
    }

    /// Adds one sentinel's copy of an event.
    public mutating func add(_ event: ObservedSentinelEvent) {
        observed.append(event)
        if let newest = observed.last?.time {
            observed.removeAll { newest.milliseconds(since: $0.time) > retention }
        }
        timeline = SentinelTimeline(observed)
    }

    /// Entries to show now, in order, each once: an entry waits until `expected`
    /// sentinels published it (one, for leader-only steps) or `settle` ms passed since its
    /// first copy; a later entry never overtakes an earlier one still waiting.
    public mutating func ready(now: Timestamp, expected: Int) -> [SentinelTimelineEntry] {
        var result: [SentinelTimelineEntry] = []
        for entry in timeline.entries {
            let key = EntryKey(entry)
            if shown.contains(key) { continue }
            // Leader-only steps have no copies to wait for: show them at once, so the
            // +switch-master that follows is not held behind them.
            let needed = entry.event.type.isLeaderOnly ? 1 : max(1, expected)
            let complete = entry.sightings.count >= needed
            guard complete || now.milliseconds(since: entry.firstSeen) >= settle else { break }
            shown.insert(key)
            result.append(entry)
        }
        return result
    }

    /// When the oldest waiting entry settles; nil when none waits.
    public var nextDeadline: Timestamp? {
        timeline.entries.first { !shown.contains(EntryKey($0)) }
            .map { Timestamp(milliseconds: $0.firstSeen.milliseconds + settle) }
    }

    /// Failovers that completed (their `+switch-master` already shown), each once.
    public mutating func completedStories() -> [FailoverStory] {
        var result: [FailoverStory] = []
        for story in FailoverStory.stories(from: timeline) where story.outcome == .completed {
            guard let switched = story.first(.switchMaster), shown.contains(EntryKey(switched.entry)) else { continue }
            if toldStories.insert(StoryKey(masterName: story.masterName, start: story.start)).inserted {
                result.append(story)
            }
        }
        return result
    }
}
