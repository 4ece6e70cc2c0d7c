/// One event as one sentinel published it, with when Slotscope received it.
public struct ObservedSentinelEvent: Hashable, Sendable, Codable {
    public var event: SentinelEvent
    /// The sentinel whose subscription delivered it.
    public var sentinel: NodeAddress
    public var time: Timestamp

    public init(event: SentinelEvent, sentinel: NodeAddress, time: Timestamp) {
        self.event = event
        self.sentinel = sentinel
        self.time = time
    }
}

/// One logical event: the same event published by one or more sentinels.
public struct SentinelTimelineEntry: Hashable, Sendable, Codable {
    /// One sentinel's copy.
    public struct Sighting: Hashable, Sendable, Codable {
        public var sentinel: NodeAddress
        public var time: Timestamp
        /// Position in the merged input (sorted by time, ties kept in input order):
        /// orders copies that arrived in the same millisecond.
        public var sequence: Int
        /// This sentinel's own payload (e.g. its `#quorum 3/2`).
        public var event: SentinelEvent
    }

    /// The first copy's event.
    public var event: SentinelEvent
    /// Every copy, earliest first.
    public var sightings: [Sighting]

    public var type: SentinelEventType { event.type }
    public var firstSeen: Timestamp { sightings[0].time }
    public var lastSeen: Timestamp { sightings[sightings.count - 1].time }
    /// The sentinels that published it, sorted.
    public var sentinels: [NodeAddress] { sightings.map(\.sentinel).sorted() }

    /// When `sentinel` published it, if it did.
    public func time(seenBy sentinel: NodeAddress) -> Timestamp? { sighting(by: sentinel)?.time }

    public func sighting(by sentinel: NodeAddress) -> Sighting? { sightings.first { $0.sentinel == sentinel } }
}

/// Events from several sentinels merged into one ordered, deduplicated list.
public struct SentinelTimeline: Hashable, Sendable, Codable {
    /// Ordered by first sighting.
    public var entries: [SentinelTimelineEntry]

    /// Copies of one event from different sentinels are merged when their
    /// `identity` is equal and they arrive within `window` milliseconds of the
    /// first copy; a sentinel repeating an event, or a copy after the window,
    /// starts a new entry. The default covers the ~1 s spread measured between
    /// sentinels during a failover and stays well under `failover-timeout`.
    public init(_ observed: [ObservedSentinelEvent], window: Int64 = 5_000) {
        let ordered = observed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        var entries: [SentinelTimelineEntry] = []
        var open: [SentinelEvent: Int] = [:]
        for (sequence, item) in ordered.map(\.element).enumerated() {
            let key = item.event.identity
            let sighting = SentinelTimelineEntry.Sighting(sentinel: item.sentinel, time: item.time,
                                                          sequence: sequence, event: item.event)
            if let index = open[key], item.time.milliseconds(since: entries[index].firstSeen) <= window,
               entries[index].sighting(by: item.sentinel) == nil {
                entries[index].sightings.append(sighting)
            } else {
                open[key] = entries.count
                entries.append(SentinelTimelineEntry(event: item.event, sightings: [sighting]))
            }
        }
        self.entries = entries
    }

    /// Adds one more copy exactly as `init` would have merged it, when no copy already in is
    /// newer (the usual case for a live stream). Only the entries of the last `window` ms are
    /// looked at for merging, so a long watch pays for the window, not for its history.
    /// Returns false, changing nothing, for a copy older than one already in: rebuild with
    /// `init` then.
    public mutating func append(_ item: ObservedSentinelEvent, window: Int64 = 5_000) -> Bool {
        let key = item.event.identity
        var target: Int?
        var matched = false
        // A copy can only join an entry that began within `window` before it, and an entry
        // older than that holds no copy newer than `item` (copies join within the window).
        var index = entries.count - 1
        while index >= 0, item.time.milliseconds(since: entries[index].firstSeen) <= window {
            if entries[index].lastSeen > item.time { return false }
            if !matched, entries[index].event.identity == key {
                // The latest entry of this identity, as `init`'s table of open entries holds it.
                matched = true
                if entries[index].sighting(by: item.sentinel) == nil { target = index }
            }
            index -= 1
        }
        let sequence = entries.reduce(0) { $0 + $1.sightings.count }
        let sighting = SentinelTimelineEntry.Sighting(sentinel: item.sentinel, time: item.time, sequence: sequence,
                                                      event: item.event)
        if let target {
            entries[target].sightings.append(sighting)
        } else {
            entries.append(SentinelTimelineEntry(event: item.event, sightings: [sighting]))
        }
        return true
    }

    /// Entries of one type, in order.
    public func entries(_ type: SentinelEventType) -> [SentinelTimelineEntry] { entries.filter { $0.type == type } }
}
