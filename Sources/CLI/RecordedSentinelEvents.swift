import ClusterModel

/// A Sentinel recording's events as rows of the inspector's Events screen: one row per
/// deduplicated event (type, what it is about, how many sentinels published it) and one per
/// completed failover (old → new master, how long each phase took), oldest first.
enum RecordedSentinelEvents {
    static func events(_ observed: [ObservedSentinelEvent], polled: [PolledChange]) -> [ClusterEvent] {
        let timeline = SentinelTimeline(observed)
        var events = timeline.entries.map { entry in
            let count = entry.sentinels.count
            return ClusterEvent(time: entry.firstSeen, kind: kind(entry.type), nodes: [],
                                message: "\(entry.type) \(SentinelEventLine.describe(entry.event))"
                                    + " (seen by \(count) sentinel\(count == 1 ? "" : "s"))")
        }
        for story in FailoverStory.stories(from: timeline, polled: polled) where story.outcome == .completed {
            let summary = FailoverSummaryLine(story)
            events.append(ClusterEvent(time: story.first(.switchMaster)?.firstSeen ?? story.start, kind: .failover,
                                       nodes: [], message: "failover story: " + summary.summary))
        }
        // Stable: a story's summary stays after the +switch-master of the same millisecond.
        return events.sorted { $0.time < $1.time }
    }

    /// The Events screen's kind (and colour) for a sentinel event type.
    static func kind(_ type: SentinelEventType) -> ClusterEvent.Kind {
        switch type {
        case .switchMaster: .failover
        case .sdown: .nodePossiblyFailing
        case .odown: .nodeFailed
        case .sdownCleared, .odownCleared: .nodeRecovered
        case .newEpoch: .currentEpochBumped
        case .convertToSlave, .roleChange, .slaveReconfDone, .promotedSlave: .roleChanged
        case .sentinel, .slave: .nodeJoined
        default: .clusterStateChanged
        }
    }
}
