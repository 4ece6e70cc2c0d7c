import ClusterModel

/// A change the poll saw, as `watch --sentinel` prints it between the sentinels' events:
/// `… poll:role  127.0.0.1:7002 @ mymaster: role slave → master  (seen by the poll)`;
/// in JSON, the change itself (see `PolledChange+Codable`) rides along.
struct PolledChangeLine: Codable, Sendable {
    var time: String
    /// `poll:` and the change's name (`poll:role`, `poll:sentinel-unreachable`, …).
    var type: String
    var master: String?
    var address: String
    var message: String
    var change: PolledChange

    init(_ change: PolledChange) {
        time = EventLine.iso8601(change.time)
        type = "poll:" + change.name
        master = change.group
        address = change.address.description
        message = change.summary
        self.change = change
    }

    var text: String { "\(time)  \(type.padding(22))\(message)  (seen by the poll)" }
}

/// One phase of a completed failover, printed after its summary line: when it began
/// (from the first `+sdown`, and since the previous phase), every deduplicated event of it
/// with how many sentinels published it, the sentinels that did, and what the poll saw.
struct FailoverPhaseLine: Codable, Sendable {
    struct Event: Codable, Sendable {
        var type: String
        var about: String?
        var sentinels: [String]
    }

    var time: String
    var type = "failover-phase"
    var master: String
    var phase: String
    var fromStartMilliseconds: Int64
    var sincePreviousPhaseMilliseconds: Int64?
    var events: [Event]
    /// What the poll saw in this phase, each with its offset from the story's start.
    var polled: [String]
    var watching: Int

    static func lines(_ story: FailoverStory, watching: Int) -> [FailoverPhaseLine] {
        var result: [FailoverPhaseLine] = []
        var previous: Int64?
        for phase in FailoverStory.Phase.allCases where phase != .oldMasterReturn {
            guard let start = story.start(of: phase) else { continue }
            let offset = start.milliseconds(since: story.start)
            let steps = story.steps.filter { $0.phase == phase }
            result.append(FailoverPhaseLine(
                time: EventLine.iso8601(start), master: story.masterName, phase: Self.name(phase),
                fromStartMilliseconds: offset, sincePreviousPhaseMilliseconds: previous.map { offset - $0 },
                events: steps.map { Event(type: $0.type.rawValue, about: Self.about($0.entry.event),
                                          sentinels: $0.sentinels.map(\.description)) },
                polled: story.polled(phase).map(Self.polledText), watching: watching))
            previous = offset
        }
        return result
    }

    static func name(_ phase: FailoverStory.Phase) -> String {
        switch phase {
        case .down: return "down"
        case .objectivelyDown: return "odown"
        case .election: return "election"
        case .promotion: return "promotion"
        case .reconfiguration: return "reconfiguration"
        case .switchMaster: return "switch-master"
        case .oldMasterReturn: return "old-master-return"
        }
    }

    /// The instance an event names, when it is not the group's master itself.
    static func about(_ event: SentinelEvent) -> String? {
        if let change = event.masterSwitch { return "\(change.from) → \(change.to)" }
        guard let instance = event.instance, instance.kind != .master else { return nil }
        return "\(instance.kind) \(instance.address)"
    }

    static func polledText(_ step: FailoverStory.PolledStep) -> String {
        "\(FailoverSummaryLine.signed(step.millisecondsFromStart)) \(step.change.summary)"
    }

    var text: String {
        let since = sincePreviousPhaseMilliseconds.map { " (+\(FailoverSummaryLine.seconds($0)) after the previous phase)" } ?? ""
        var parts: [String] = []
        if !events.isEmpty {
            let listed = events.map { event in
                [event.type, event.about].compactMap { $0 }.joined(separator: " ") + " \(event.sentinels.count)/\(max(watching, event.sentinels.count))"
            }
            let everyone = Set(events.flatMap(\.sentinels)).sorted()
            parts.append(listed.joined(separator: ", ") + " — by " + everyone.joined(separator: ", "))
        }
        if !polled.isEmpty { parts.append("poll: " + polled.joined(separator: "; ")) }
        return "\(time)  \(type.padding(22))\(master) \(phase) \(FailoverSummaryLine.signed(fromStartMilliseconds))\(since): "
            + parts.joined(separator: "; ")
    }
}

/// The old master back in its group after a failover, told once: when it answered again,
/// when a sentinel converted it, when the poll saw it replicate from the new master.
struct OldMasterReturnLine: Codable, Sendable {
    var time: String
    var type = "old-master-back"
    var master: String
    var address: String
    var newMaster: String?
    /// From the switch to each landmark (absent when not seen).
    var sentinelsReachItMilliseconds: Int64?
    var convertedMilliseconds: Int64?
    var pollReachesItMilliseconds: Int64?
    var replicatesFromNewMasterMilliseconds: Int64?
    var events: [FailoverPhaseLine.Event]
    var polled: [String]

    init?(_ story: FailoverStory) {
        guard let back = story.oldMasterReturn else { return nil }
        let switched = story.first(.switchMaster)?.firstSeen ?? story.start
        let landmarks = [back.rejoinedAt, back.convertedAt, back.backAt, back.reachableAt].compactMap { $0 }
        time = EventLine.iso8601(landmarks.max() ?? switched)
        master = story.masterName
        address = back.address.description
        newMaster = story.newMaster?.description
        func since(_ time: Timestamp?) -> Int64? { time.map { $0.milliseconds(since: switched) } }
        sentinelsReachItMilliseconds = since(back.backAt)
        convertedMilliseconds = since(back.convertedAt)
        pollReachesItMilliseconds = since(back.reachableAt)
        replicatesFromNewMasterMilliseconds = since(back.rejoinedAt)
        events = back.steps.map { FailoverPhaseLine.Event(type: $0.type.rawValue, about: FailoverPhaseLine.about($0.entry.event),
                                                          sentinels: $0.sentinels.map(\.description)) }
        polled = back.polledSteps.map { "+\(FailoverSummaryLine.seconds($0.time.milliseconds(since: switched))) \($0.change.summary)" }
    }

    var text: String {
        let state = replicatesFromNewMasterMilliseconds != nil
            ? "replicates from \(newMaster ?? "the new master") again"
            : "converted to a replica of \(newMaster ?? "the new master")"
        var marks: [String] = []
        func mark(_ label: String, _ ms: Int64?) { if let ms { marks.append("\(label) +\(FailoverSummaryLine.seconds(ms))") } }
        mark("sentinels reach it (-sdown)", sentinelsReachItMilliseconds)
        mark("poll reaches it", pollReachesItMilliseconds)
        mark("+convert-to-slave", convertedMilliseconds)
        mark("poll sees it replicate", replicatesFromNewMasterMilliseconds)
        var text = "\(time)  \(type.padding(22))\(master) \(address) \(state); after the switch: " + marks.joined(separator: ", ")
        if !events.isEmpty {
            text += "; events: " + events.map { "\($0.type) by " + $0.sentinels.joined(separator: ", ") }.joined(separator: "; ")
        }
        if !polled.isEmpty { text += "; poll: " + polled.joined(separator: "; ") }
        return text
    }
}

extension FailoverSummaryLine {
    /// `+1.2s` or `-0.9s`.
    static func signed(_ milliseconds: Int64) -> String {
        milliseconds < 0 ? "-" + seconds(-milliseconds) : "+" + seconds(milliseconds)
    }
}
