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

    /// Entries of one type, in order.
    public func entries(_ type: SentinelEventType) -> [SentinelTimelineEntry] { entries.filter { $0.type == type } }
}
