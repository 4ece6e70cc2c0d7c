import ClusterModel

/// One line's worth of what `SentinelEventLog` releases: a deduplicated sentinel event or
/// a change the poll saw.
public enum SentinelLogItem: Sendable {
    case event(SentinelTimelineEntry)
    case polled(PolledChange)

    public var time: Timestamp {
        switch self {
        case .event(let entry): return entry.firstSeen
        case .polled(let change): return change.time
        }
    }

    public var entry: SentinelTimelineEntry? {
        if case .event(let entry) = self { return entry }
        return nil
    }
}

/// Turns a live stream of observed sentinel events, and the changes each poll saw, into
/// lines to show: each logical (deduplicated) event once, in order of first sighting, when
/// every watched sentinel has published it or `settle` ms after its first copy — whichever
/// comes first; each polled change once, in time order with the events; each completed
/// failover story once; and each old master's return once.
///
/// `+switch-master` does not wait: its first copy releases it at once, with every entry
/// before it (the switch is what clients act on). Its story is told once the switch has
/// every expected copy, or `storyWait` ms after the first (the leader publishes its own
/// copy last, after `+failover-end`, often more than a second later), so the story names
/// every sentinel that published each step.
///
/// It keeps the last `retention` ms of events and changes and rebuilds the
/// `SentinelTimeline` and `FailoverStory` list from them on each call, so the grouping
/// rules are exactly the model's.
public struct SentinelEventLog: Sendable {
    /// How long to wait for the other sentinels' copies of an event before showing it.
    public var settle: Int64
    /// How long a completed failover's story waits for the last copies of its `+switch-master`.
    public var storyWait: Int64
    public var retention: Int64
    private var observed: [ObservedSentinelEvent] = []
    private var polled: [PolledChange] = []
    /// Polled changes not released yet.
    private var pendingPolled: [PolledChange] = []
    private var pollTimes: [Timestamp] = []
    private var shown: Set<EntryKey> = []
    /// Shown before every copy arrived or `settle` passed (an urgent `+switch-master`).
    private var unsettled: Set<EntryKey> = []
    private var toldStories: Set<StoryKey> = []
    private var toldReturns: Set<StoryKey> = []
    private var timeline = SentinelTimeline([])
    /// `stories`, until the next event or poll changes them.
    private var cachedStories: [FailoverStory]?
    /// The last `release` call's clock and expected copies, for the stories.
    private var lastRelease = (now: Timestamp(milliseconds: 0), expected: 1)
    /// How many leading timeline entries are known to be shown: `release` starts after them.
    private var shownPrefix = 0
    /// Switch entries shown whose story is not told yet (by first sighting): stories are only
    /// built while one waits.
    private var openSwitches: [EntryKey: Timestamp] = [:]
    /// Something was released or polled since the old masters' returns were last looked at.
    private var returnsMayChange = false

    /// An entry is known by its first copy.
    struct EntryKey: Hashable, Sendable {
        var sentinel: NodeAddress
        var time: Timestamp
        var event: SentinelEvent

        init(_ entry: SentinelTimelineEntry) {
            self.init(entry.sightings[0], entry)
        }

        init(_ sighting: SentinelTimelineEntry.Sighting, _ entry: SentinelTimelineEntry) {
            sentinel = sighting.sentinel
            time = sighting.time
            event = entry.event.identity
        }
    }

    /// The key an entry is known by: the one it was shown under, if any of its copies was
    /// (a copy stamped earlier but read later rebuilds the timeline with a new first copy,
    /// and the entry must not be shown twice), else its first copy's.
    func key(_ entry: SentinelTimelineEntry) -> EntryKey {
        if entry.sightings.count > 1 {
            for sighting in entry.sightings.dropFirst() {
                let candidate = EntryKey(sighting, entry)
                if shown.contains(candidate) { return candidate }
            }
        }
        return EntryKey(entry)
    }

    struct StoryKey: Hashable, Sendable {
        var masterName: String
        var start: Timestamp
    }

    /// Types shown at their first copy, flushing every entry before them.
    public static let urgent: Set<SentinelEventType> = [.switchMaster]

    public init(settle: Int64 = 1_000, storyWait: Int64 = 5_000, retention: Int64 = 600_000) {
        self.settle = settle
        self.storyWait = storyWait
        self.retention = retention
    }

    /// Adds one sentinel's copy of an event. In time order (the usual case) it joins the
    /// timeline in place; an older copy, or trimming past `retention` (done in steps of a
    /// tenth of it), rebuilds the timeline from every copy kept.
    public mutating func add(_ event: ObservedSentinelEvent) {
        observed.append(event)
        var rebuild = false
        if let oldest = observed.first?.time, event.time.milliseconds(since: oldest) > retention + retention / 10 {
            observed.removeAll { event.time.milliseconds(since: $0.time) > retention }
            // Forget what was shown of events no longer kept, so a long watch stays small.
            shown = shown.filter { event.time.milliseconds(since: $0.time) <= retention }
            unsettled = unsettled.filter { event.time.milliseconds(since: $0.time) <= retention }
            rebuild = true
        }
        if rebuild || !timeline.append(event) {
            timeline = SentinelTimeline(observed)
            shownPrefix = timeline.entries.prefix { shown.contains(key($0)) }.count
        }
        cachedStories = nil
    }

    /// Adds what one poll, finished at `time`, saw change.
    public mutating func add(polled changes: [PolledChange], at time: Timestamp) {
        polled += changes
        pendingPolled += changes
        pollTimes.append(time)
        polled.removeAll { time.milliseconds(since: $0.time) > retention }
        pollTimes.removeAll { time.milliseconds(since: $0) > retention }
        cachedStories = nil
        returnsMayChange = true
    }

    /// Deduplicated events to show now, in order, each once (see `release`); polled
    /// changes are released with them and dropped here.
    public mutating func ready(now: Timestamp, expected: Int) -> [SentinelTimelineEntry] {
        release(now: now, expected: expected).compactMap(\.entry)
    }

    /// Events and polled changes to show now, in time order, each once: an entry waits
    /// until `expected` sentinels published it (one, for leader-only steps) or `settle` ms
    /// passed since its first copy; nothing later overtakes an entry still waiting, except
    /// that an urgent entry releases everything up to it.
    public mutating func release(now: Timestamp, expected: Int) -> [SentinelLogItem] {
        lastRelease = (now, expected)
        let entries = timeline.entries
        let waiting = entries.indices.dropFirst(shownPrefix)
        let urgentEnd = waiting.last { Self.urgent.contains(entries[$0].type) && !shown.contains(key(entries[$0])) }
        if !unsettled.isEmpty {
            for entry in entries where unsettled.contains(key(entry)) && isSettled(entry, now: now, expected: expected) {
                unsettled.remove(key(entry))
            }
        }
        var result: [SentinelLogItem] = []
        var blockedAt: Timestamp?
        for index in waiting {
            let entry = entries[index]
            let entryKey = key(entry)
            if shown.contains(entryKey) { continue }
            let settled = isSettled(entry, now: now, expected: expected)
            guard settled || (urgentEnd.map { index <= $0 } ?? false) else {
                blockedAt = entry.firstSeen
                break
            }
            shown.insert(entryKey)
            if !settled { unsettled.insert(entryKey) }
            if entry.type == .switchMaster { openSwitches[entryKey] = entry.firstSeen }
            result.append(.event(entry))
        }
        while shownPrefix < entries.count, shown.contains(key(entries[shownPrefix])) { shownPrefix += 1 }
        let (free, held) = pendingPolled.sorted { $0.time < $1.time }.partitioned { change in
            blockedAt.map { change.time < $0 } ?? true
        }
        pendingPolled = held
        result += free.map(SentinelLogItem.polled)
        if !result.isEmpty { returnsMayChange = true }
        // Stable: an event and a change at the same millisecond keep event-first order.
        return result.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    func isSettled(_ entry: SentinelTimelineEntry, now: Timestamp, expected: Int) -> Bool {
        // Leader-only steps have no copies to wait for.
        let needed = entry.event.type.isLeaderOnly ? 1 : max(1, expected)
        return entry.sightings.count >= needed || now.milliseconds(since: entry.firstSeen) >= settle
    }

    /// When the oldest waiting entry (or an urgent line's missing copies) settles; nil when none waits.
    public var nextDeadline: Timestamp? {
        timeline.entries.first { !shown.contains(key($0)) || unsettled.contains(key($0)) }
            .map { Timestamp(milliseconds: $0.firstSeen.milliseconds + settle) }
    }

    /// True when every entry and polled change up to `time` has been released.
    func allReleased(upTo time: Timestamp) -> Bool {
        !pendingPolled.contains { $0.time <= time }
            && !timeline.entries.contains { $0.firstSeen <= time && !shown.contains(key($0)) }
    }

    /// Every story the events and polled changes tell so far.
    public var stories: [FailoverStory] { cachedStories ?? FailoverStory.stories(from: timeline, polled: polled) }

    /// `stories`, built once per change of the input.
    mutating func currentStories() -> [FailoverStory] {
        if let cachedStories { return cachedStories }
        let built = FailoverStory.stories(from: timeline, polled: polled)
        cachedStories = built
        return built
    }

    /// Failovers that completed, each once: their `+switch-master` shown, with every
    /// expected copy or `storyWait` after its first (as of the last `release`).
    public mutating func completedStories() -> [FailoverStory] {
        guard !openSwitches.isEmpty else { return [] }
        var result: [FailoverStory] = []
        defer {
            // A switch no story claims (its group's failover began before the retention) stops waiting.
            openSwitches = openSwitches.filter { lastRelease.now.milliseconds(since: $0.value) <= storyWait + 5_000 }
        }
        for story in currentStories() where story.outcome == .completed {
            guard let switched = story.first(.switchMaster), shown.contains(key(switched.entry)) else { continue }
            let copies = switched.entry.sightings.count >= max(1, lastRelease.expected)
            guard copies || lastRelease.now.milliseconds(since: switched.firstSeen) >= storyWait else { continue }
            if toldStories.insert(StoryKey(masterName: story.masterName, start: story.start)).inserted {
                result.append(story)
                returnsMayChange = true
            }
            openSwitches[key(switched.entry)] = nil
        }
        return result
    }

    /// Told stories whose old master is back in the group, each once: when a poll saw it
    /// replicate from the new master, or — when the poll cannot see that — two polls after
    /// a sentinel published `+convert-to-slave` for it.
    public mutating func oldMasterReturns() -> [FailoverStory] {
        guard returnsMayChange, toldStories.count > toldReturns.count else { return [] }
        returnsMayChange = false
        var result: [FailoverStory] = []
        for story in currentStories() {
            let key = StoryKey(masterName: story.masterName, start: story.start)
            guard toldStories.contains(key), !toldReturns.contains(key), let back = story.oldMasterReturn else { continue }
            let pollsSinceConvert = back.convertedAt.map { converted in pollTimes.filter { $0 > converted }.count } ?? 0
            guard back.rejoinedAt != nil || pollsSinceConvert >= 2 else { continue }
            // Told after the lines it sums up.
            let landmark = [back.rejoinedAt, back.convertedAt].compactMap { $0 }.max() ?? story.start
            guard allReleased(upTo: landmark) else { continue }
            toldReturns.insert(key)
            result.append(story)
        }
        return result
    }
}

fileprivate extension Array {
    /// The elements that satisfy `belongs`, and the rest, each in order.
    func partitioned(by belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for element in self { if belongs(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}
