import ClusterModel

/// One deduplicated sentinel event as `watch --sentinel` prints it: the first copy's
/// receive time, the type, what it is about, and which sentinels published it.
struct SentinelEventLine: Codable, Sendable {
    var time: String
    var type: String
    var master: String?
    var message: String
    /// The sentinels that published it, sorted.
    var sentinels: [String]
    /// How many sentinels were subscribed when it was shown.
    var watching: Int

    init(_ entry: SentinelTimelineEntry, watching: Int) {
        time = EventLine.iso8601(entry.firstSeen)
        type = entry.type.rawValue
        master = entry.event.masterName
        message = Self.describe(entry.event)
        sentinels = entry.sentinels.map(\.description)
        self.watching = watching
    }

    var text: String {
        let who = sentinels.count == 1 ? "seen by 1/\(watching) sentinels: \(sentinels[0])"
            : "seen by \(sentinels.count)/\(max(watching, sentinels.count)) sentinels: \(sentinels.joined(separator: ", "))"
        return "\(time)  \(type.padding(22))\(message)  (\(who))"
    }

    /// `mymaster 127.0.0.1:7001 → 127.0.0.1:7002` for a switch, `master mymaster 127.0.0.1:7001`
    /// or `slave 127.0.0.1:7002 @ mymaster` for instance events, else the payload.
    static func describe(_ event: SentinelEvent) -> String {
        if let change = event.masterSwitch {
            return "\(event.masterName ?? "?") \(change.from) → \(change.to)"
        }
        guard let instance = event.instance else { return event.payload }
        var text = instance.kind == .master
            ? "master \(instance.name) \(instance.address)"
            : "\(instance.kind) \(instance.address) @ \(event.masterName ?? "?")"
        if let quorum = event.quorum { text += " quorum \(quorum.agreeing)/\(quorum.required)" }
        if let role = event.newReportedRole { text += " new reported role \(role)" }
        if let extra = event.extra, !extra.isEmpty { text += " " + extra }
        return text
    }
}

/// The one-line summary of a completed failover: old → new master, the total from the
/// first `+sdown`, and the time between its landmarks.
struct FailoverSummaryLine: Codable, Sendable {
    var time: String
    var type = "failover"
    var master: String
    var from: String?
    var to: String?
    /// From the first `+sdown` (or the story's first step) to the first `+switch-master`.
    var totalMilliseconds: Int64?
    /// Landmark → milliseconds from the story's start (absent when not seen).
    var landmarks: [String: Int64]
    var leaderSentinels: [String]
    var epoch: Int64?

    static let landmarkTypes: [(String, SentinelEventType)] = [
        ("sdown", .sdown), ("odown", .odown), ("elected", .electedLeader), ("promoted", .promotedSlave),
        ("switch", .switchMaster),
    ]

    init(_ story: FailoverStory) {
        time = EventLine.iso8601(story.first(.switchMaster)?.firstSeen ?? story.start)
        master = story.masterName
        from = story.oldMaster?.description
        to = story.newMaster?.description
        totalMilliseconds = story.millisecondsToSwitch
        var marks: [String: Int64] = [:]
        for (name, type) in Self.landmarkTypes {
            if let step = story.first(type) { marks[name] = step.millisecondsFromStart }
        }
        landmarks = marks
        leaderSentinels = story.leaderSentinels.map(\.description)
        epoch = story.epoch
    }

    var text: String {
        "\(time)  \(type.padding(22))\(summary)"
    }

    /// The line without its time and type: `mymaster A → B in 3.1s: sdown→odown 1.0s, … (leader …, epoch 1)`.
    var summary: String {
        var steps: [String] = []
        let names = Self.landmarkTypes.map(\.0)
        for (previous, next) in zip(names, names.dropFirst()) {
            let span = landmarks[next].flatMap { end in landmarks[previous].map { end - $0 } }
            steps.append("\(previous)→\(next) \(span.map(Self.seconds) ?? "?")")
        }
        var text = "\(master) \(from ?? "?") → \(to ?? "?")"
        text += " in \(totalMilliseconds.map(Self.seconds) ?? "?"): " + steps.joined(separator: ", ")
        var about: [String] = []
        if !leaderSentinels.isEmpty { about.append("leader \(leaderSentinels.joined(separator: ", "))") }
        if let epoch { about.append("epoch \(epoch)") }
        if !about.isEmpty { text += " (" + about.joined(separator: ", ") + ")" }
        return text
    }

    static func seconds(_ milliseconds: Int64) -> String {
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
