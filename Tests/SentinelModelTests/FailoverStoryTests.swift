import RESP
import Testing
@testable import ClusterModel

/// The recorded failovers: every sentinel's stream, with receive times, replayed
/// through the event parser, the deduplicating timeline and the story builder.
@Suite("Failover story from the recorded streams")
struct FailoverStoryTests {
    /// Receive times are ms since `kill -9`; the model needs absolute instants.
    static let killedAt: Int64 = 1_700_000_000_000

    static func observed(_ version: String, proto: String) throws -> [ObservedSentinelEvent] {
        var streams: [String: [UInt8]] = [:]
        var result: [ObservedSentinelEvent] = []
        for line in try Fixture.eventLines(version, proto: proto) where line.kind == "pmessage" {
            if streams[line.file] == nil { streams[line.file] = try Fixture.bytes(version, "sentinel-failover/\(line.file)") }
            var parser = RESPParser()
            parser.append(streams[line.file]![line.offset..<(line.offset + line.length)])
            let frame = try #require(try parser.next())
            #expect(parser.isIdle, "offset and length cover exactly one frame")
            let event = try #require(try SentinelMessage(frame: frame).event)
            #expect(event.type.rawValue == line.channel)
            result.append(ObservedSentinelEvent(event: event, sentinel: NodeAddress(host: "127.0.0.1", port: line.sentinelPort),
                                                time: Timestamp(milliseconds: killedAt + Int64(line.msSinceKill.rounded()))))
        }
        return result
    }

    static func story(_ version: String, proto: String) throws -> FailoverStory {
        let stories = FailoverStory.stories(from: SentinelTimeline(try observed(version, proto: proto)))
        #expect(stories.count == 1, "one kill, one failover")
        return try #require(stories.first)
    }

    static func msSinceKill(_ time: Timestamp) -> Double { Double(time.milliseconds - killedAt) }

    /// The order in redis-facts.md, as the leader publishes it.
    static let documentedOrder: [SentinelEventType] = [
        .sdown, .odown, .newEpoch, .tryFailover, .voteForLeader, .electedLeader, .failoverStateSelectSlave,
        .selectedSlave, .failoverStateSendSlaveofNoone, .failoverStateWaitPromotion, .promotedSlave,
        .failoverStateReconfSlaves, .slaveReconfSent, .slaveReconfInprog, .slaveReconfDone, .failoverEnd, .switchMaster,
    ]

    @Test("Steps come in the documented order, old and new master right", arguments: Fixture.versions, Fixture.protocols)
    func documentedOrder(version: String, proto: String) throws {
        let story = try Self.story(version, proto: proto)
        let port = SentinelReplyTests.masterPort(version)
        let newMaster = try SentinelReply.masterAddress(
            reply: Fixture.value(version, "sentinel-after-failover/sentinel-get-master-addr-by-name.\(proto)"))
        #expect(story.masterName == "labmaster")
        #expect(story.oldMaster == NodeAddress(host: "127.0.0.1", port: port))
        #expect(story.newMaster == newMaster)
        #expect(story.outcome == .completed)
        #expect(story.epoch == 1)

        // The leader: the one sentinel that published +elected-leader; the others name it in +config-update-from.
        #expect(story.leaderSentinels.count == 1)
        let leader = try #require(story.leaderSentinels.first)
        let update = try #require(story.first(.configUpdateFrom))
        #expect(update.entry.event.instance?.address == leader)
        #expect(update.entry.event.instance?.name == story.leaderRunID)
        #expect(!update.sentinels.contains(leader), "the leader does not update from itself")

        // Every documented step is there, and the leader published them in that order.
        var previous: (time: Timestamp, sequence: Int)?
        for type in Self.documentedOrder {
            let step = try #require(story.first(type), "\(type)")
            let sighting = try #require(step.entry.sighting(by: leader), "leader saw \(type)")
            if let previous {
                #expect((previous.time, previous.sequence) < (sighting.time, sighting.sequence), "\(type) after its predecessor")
            }
            previous = (sighting.time, sighting.sequence)
        }
        // Phases begin in order (switch-master may be first seen on a follower, before the leader's reconfiguration ends).
        let phases: [FailoverStory.Phase] = [.down, .objectivelyDown, .election, .promotion, .reconfiguration]
        let starts = try phases.map { try #require(story.start(of: $0)) }
        #expect(starts == starts.sorted())
        #expect(try #require(story.start(of: .switchMaster)) >= starts.last!)
        #expect(story.steps.map(\.firstSeen) == story.steps.map(\.firstSeen).sorted())
        #expect(story.steps.allSatisfy { $0.millisecondsFromStart >= 0 })
    }

    @Test("Durations are plausible and match the recording's own clock", arguments: Fixture.versions, Fixture.protocols)
    func durations(version: String, proto: String) throws {
        let story = try Self.story(version, proto: proto)
        let recording = try Fixture.json(version, "sentinel-failover/timeline.json")
        let downAfter = try #require(recording["down_after_ms"] as? Double ?? (recording["down_after_ms"] as? Int).map(Double.init))
        let failoverTimeout = try #require((recording["failover_timeout_ms"] as? Int).map(Int64.init))
        let seenOnAll = try #require(recording["switch_master_seen_on_all_ms"] as? Double)
        let convertFirst = try #require(recording["convert_to_slave_first_seen_ms"] as? Double)
        let restart = try #require(recording["restart_invoked_ms"] as? Double)

        // The first +sdown comes down-after-milliseconds after the kill, give or take a ping period.
        let start = Self.msSinceKill(story.start)
        #expect(start >= downAfter && start <= downAfter + 1_000, "first +sdown at \(start) ms")
        let toSwitch = try #require(story.millisecondsToSwitch)
        #expect(toSwitch > 0 && toSwitch < failoverTimeout, "switch \(toSwitch) ms after +sdown")
        // Redis-facts measured the switch at ~3.2 s after SIGKILL.
        #expect((2_500...5_000).contains(Self.msSinceKill(story.first(.switchMaster)!.firstSeen)))
        // The recording noted when +switch-master had been seen on all sentinels (its own clock, stamped a few
        // tens of ms after the receive): the deduplicated step's last sighting comes just before that.
        let switchStep = try #require(story.first(.switchMaster))
        #expect((0...50).contains(seenOnAll - Self.msSinceKill(switchStep.entry.lastSeen)))
        #expect(switchStep.entry.sightings.count == 3)
        let offsets = story.phaseOffsets
        #expect(offsets[.down] == 0)
        #expect((offsets[.objectivelyDown] ?? -1) >= 0 && (offsets[.objectivelyDown] ?? .max) < 1_000)

        // The old master's return: -sdown after the restart, then +convert-to-slave (~10 s later).
        let back = try #require(story.oldMasterReturn)
        #expect(back.address == story.oldMaster)
        let backAt = Self.msSinceKill(try #require(back.backAt))
        let convertedAt = Self.msSinceKill(try #require(back.convertedAt))
        #expect(backAt > restart)
        #expect(convertedAt > backAt)
        #expect((0...50).contains(convertFirst - convertedAt))
        #expect(back.steps.first { $0.type == .convertToSlave }?.sentinels.count == 1)
        #expect(back.steps.allSatisfy { $0.phase == .oldMasterReturn })
    }

    @Test("Deduplication keeps which sentinels saw each step", arguments: Fixture.versions)
    func dedup(version: String) throws {
        let observed = try Self.observed(version, proto: "resp2")
        let timeline = SentinelTimeline(observed)
        #expect(timeline.entries.count < observed.count)
        #expect(timeline.entries.reduce(0) { $0 + $1.sightings.count } == observed.count, "no copy lost")
        let all = Set([0, 1, 2].map { NodeAddress(host: "127.0.0.1", port: SentinelReplyTests.masterPort(version) + 3 + $0) })
        let story = try Self.story(version, proto: "resp2")
        func seenBy(_ type: SentinelEventType) -> Set<NodeAddress> { Set(story.first(type)?.sentinels ?? []) }
        #expect(seenBy(.sdown) == all)
        #expect(seenBy(.newEpoch) == all)
        #expect(seenBy(.voteForLeader) == all, "three votes for the same leader in epoch 1")
        #expect(seenBy(.switchMaster) == all)
        #expect(seenBy(.electedLeader) == Set(story.leaderSentinels))
        #expect(seenBy(.promotedSlave) == Set(story.leaderSentinels))
        // +odown: each sentinel's own quorum count is kept on its sighting.
        let odown = try #require(story.first(.odown))
        #expect(odown.entry.sightings.allSatisfy { ($0.event.quorum?.agreeing ?? 0) >= 2 })
        #expect(odown.entry.sightings.first?.event.quorum == QuorumCount(agreeing: 2, required: 2))
        // Each logical event once per sentinel.
        for entry in timeline.entries { #expect(Set(entry.sentinels).count == entry.sightings.count) }
    }

    @Test("RESP2 and RESP3 recordings tell the same story", arguments: Fixture.versions)
    func sameStoryBothProtocols(version: String) throws {
        let a = try Self.story(version, proto: "resp2"), b = try Self.story(version, proto: "resp3")
        #expect(a.steps.map(\.type) == b.steps.map(\.type))
        #expect(a.steps.map(\.sentinels) == b.steps.map(\.sentinels))
        #expect(a.oldMaster == b.oldMaster && a.newMaster == b.newMaster && a.leaderRunID == b.leaderRunID)
        #expect(a.oldMasterReturn?.steps.map(\.type) == b.oldMasterReturn?.steps.map(\.type))
    }

    @Test func falseAlarmIsNoStory() {
        let master = NodeAddress(host: "10.0.0.1", port: 6379)
        let s1 = NodeAddress(host: "10.0.0.9", port: 26379)
        func at(_ ms: Int64, _ type: SentinelEventType, _ payload: String) -> ObservedSentinelEvent {
            ObservedSentinelEvent(event: SentinelEvent(type: type, parsing: payload), sentinel: s1,
                                  time: Timestamp(milliseconds: ms))
        }
        let events = [at(0, .sdown, "master g 10.0.0.1 6379"), at(500, .sdownCleared, "master g 10.0.0.1 6379")]
        #expect(FailoverStory.stories(from: SentinelTimeline(events)).isEmpty)
        // A forced SENTINEL FAILOVER: no +sdown, the epoch before the named events.
        let forced = [at(0, .newEpoch, "2"), at(0, .tryFailover, "master g 10.0.0.1 6379"),
                      at(1, .electedLeader, "master g 10.0.0.1 6379"),
                      at(900, .switchMaster, "g 10.0.0.1 6379 10.0.0.2 6379")]
        let stories = FailoverStory.stories(from: SentinelTimeline(forced))
        #expect(stories.count == 1)
        #expect(stories.first?.epoch == 2)
        #expect(stories.first?.oldMaster == master)
        #expect(stories.first?.newMaster == NodeAddress(host: "10.0.0.2", port: 6379))
        #expect(stories.first?.outcome == .completed)
        // A sentinel repeating an event is two entries, not one with a duplicate sighting.
        let repeated = SentinelTimeline([at(0, .sdown, "master g 10.0.0.1 6379"), at(10, .sdown, "master g 10.0.0.1 6379")])
        #expect(repeated.entries.count == 2)
    }
}

@Suite("Failover stories: aborts and retries")
struct FailoverAbortTests {
    @Test func abortedAttemptThenRetry() throws {
        let sentinel = NodeAddress(host: "10.0.0.9", port: 26379)
        func at(_ ms: Int64, _ type: SentinelEventType, _ payload: String) -> ObservedSentinelEvent {
            ObservedSentinelEvent(event: SentinelEvent(type: type, parsing: payload), sentinel: sentinel,
                                  time: Timestamp(milliseconds: ms))
        }
        let m = "master g 10.0.0.1 6379"
        let events = [
            at(0, .sdown, m), at(10, .odown, m + " #quorum 1/1"), at(10, .newEpoch, "1"), at(10, .tryFailover, m),
            at(11, .voteForLeader, "abc 1"), at(20, .electedLeader, m), at(20, .failoverStateSelectSlave, m),
            at(21, .noGoodSlave, m),
            // Sentinel retries after 2 × failover-timeout; the master is still odown, so no new +sdown.
            at(20_000, .newEpoch, "2"), at(20_000, .tryFailover, m), at(20_001, .voteForLeader, "abc 2"),
            at(20_010, .electedLeader, m), at(20_010, .failoverStateSelectSlave, m),
            at(20_020, .selectedSlave, "slave 10.0.0.2:6379 10.0.0.2 6379 @ g 10.0.0.1 6379"),
            at(21_000, .promotedSlave, "slave 10.0.0.2:6379 10.0.0.2 6379 @ g 10.0.0.1 6379"),
            at(22_000, .failoverEnd, m), at(22_000, .switchMaster, "g 10.0.0.1 6379 10.0.0.2 6379"),
            at(23_000, SentinelEventType(rawValue: "-failover-abort-some-new-reason"), m),
        ]
        let stories = FailoverStory.stories(from: SentinelTimeline(events))
        #expect(stories.count == 2)
        #expect(stories.first?.outcome == .aborted(.noGoodSlave))
        #expect(stories.first?.epoch == 1)
        #expect(stories.first?.newMaster == nil)
        #expect(stories.last?.outcome == .completed, "an abort after the switch does not undo it")
        #expect(stories.last?.epoch == 2)
        #expect(stories.last?.leaderRunID == "abc")
        #expect(stories.last?.leaderSentinels == [sentinel])
        #expect(stories.last?.start == Timestamp(milliseconds: 20_000))
        #expect(stories.last?.newMaster == NodeAddress(host: "10.0.0.2", port: 6379))
        #expect(stories.last?.steps.first?.type == .newEpoch)
        #expect(stories.last?.millisecondsToSwitch == 2_000)
    }
}
