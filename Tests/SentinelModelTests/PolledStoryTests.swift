import Foundation
import Testing
@testable import ClusterModel

/// Changes derived from successive snapshots, and how they join the sentinels' events in
/// one failover story; no servers: hand-made snapshots and the recorded event streams.
@Suite("Polled changes and the merged story")
struct PolledStoryTests {
    static func address(_ port: Int) -> NodeAddress { NodeAddress(host: "127.0.0.1", port: port) }

    static func node(_ port: Int, role: String?, following: Int? = nil, linkUp: Bool? = nil, offset: Int64? = nil,
                     replid: String? = nil, replid2: String? = nil,
                     reachability: Reachability = .reachable) -> DataNodeState {
        DataNodeState(address: address(port), reachability: reachability, role: role, roleFromNode: reachability == .reachable,
                      following: following.map(address), linkUp: linkUp, offset: offset, lagBytes: nil, lagSeconds: nil,
                      priority: 100, version: "7.0.15", wasPromoted: replid2 != nil, replicationID: replid,
                      previousReplicationID: replid2, listedBy: [])
    }

    static func snapshot(at ms: Int64, master: Int, nodes: [DataNodeState],
                         sentinels: [(Int, PollFailure?, Int?)]) -> SentinelSnapshot {
        let time = Timestamp(milliseconds: ms)
        let opinions = sentinels.filter { $0.1 == nil }.map { sentinel in
            SentinelOpinion(sentinel: address(sentinel.0), master: sentinel.2.map(address), state: nil, replicas: [],
                            peers: [], quorumCheck: nil, tilt: false)
        }
        let statuses = sentinels.map { SentinelStatus(address: address($0.0), time: time, failure: $0.1, runID: nil, info: nil, errors: []) }
        return SentinelSnapshot(time: time, groups: [SentinelGroup(name: "g", opinions: opinions, namedMaster: address(master),
                                                                    dataNodes: nodes)],
                                sentinels: statuses, unattachedNodes: [], findings: [])
    }

    @Test func aFailoverSeenByThePoll() {
        let before = Self.snapshot(at: 1_000, master: 7001, nodes: [
            Self.node(7001, role: "master", offset: 500, replid: "A"),
            Self.node(7002, role: "slave", following: 7001, linkUp: true, offset: 500, replid: "A"),
            Self.node(7003, role: "slave", following: 7001, linkUp: true, offset: 500, replid: "A"),
        ], sentinels: [(26379, nil, 7001), (26380, nil, 7001), (26381, nil, 7001)])
        // The master killed, 7002 promoted, 7003 now follows it, one sentinel stopped.
        let after = Self.snapshot(at: 2_000, master: 7002, nodes: [
            Self.node(7002, role: "master", offset: 600, replid: "B", replid2: "A"),
            Self.node(7001, role: "master", reachability: .unreachable(.refused)),
            Self.node(7003, role: "slave", following: 7002, linkUp: true, offset: 100, replid: "B"),
        ], sentinels: [(26379, nil, 7002), (26380, .timeout, nil), (26381, nil, 7001)])
        let changes = after.changes(since: before)
        let byAddress = Dictionary(grouping: changes, by: \.address).mapValues { $0.map(\.kind) }
        #expect(byAddress[Self.address(7001)] == [.unreachable(.refused)])
        #expect(byAddress[Self.address(7002)] == [.role(from: "slave", to: "master", following: nil),
                                                  .replicationID(promoted: true)])
        #expect(byAddress[Self.address(7003)] == [.following(from: Self.address(7001), to: Self.address(7002)),
                                                  .replicationID(promoted: false),
                                                  .resync(fromOffset: 500, toOffset: 100)])
        #expect(byAddress[Self.address(26380)] == [.sentinelUnreachable(.timeout)])
        #expect(byAddress[Self.address(26379)] == [.namedMaster(from: Self.address(7001), to: Self.address(7002))])
        #expect(byAddress[Self.address(26381)] == nil, "no change of opinion")
        #expect(changes.allSatisfy { $0.time == Timestamp(milliseconds: 2_000) })
        #expect(changes.filter { !$0.isAboutSentinel }.allSatisfy { $0.group == "g" })

        // Back: the sentinel answers, the old master returns as a master, then follows 7002.
        let back = Self.snapshot(at: 3_000, master: 7002, nodes: [
            Self.node(7002, role: "master", offset: 700, replid: "B", replid2: "A"),
            Self.node(7001, role: "master", offset: 0, replid: "C"),
            Self.node(7003, role: "slave", following: 7002, linkUp: false, offset: 700, replid: "B"),
        ], sentinels: [(26379, nil, 7002), (26380, nil, 7002), (26381, nil, 7002)])
        let returned = back.changes(since: after)
        #expect(returned.contains { $0.address == Self.address(7001) && $0.kind == .reachable(role: "master", following: nil) })
        #expect(returned.contains { $0.address == Self.address(7003) && $0.kind == .linkDown(master: Self.address(7002)) })
        #expect(returned.contains { $0.address == Self.address(26380) && $0.kind == .sentinelReachable })
        let converted = Self.snapshot(at: 4_000, master: 7002, nodes: [
            Self.node(7001, role: "slave", following: 7002, linkUp: true, offset: 700, replid: "B"),
        ], sentinels: [])
        #expect(converted.changes(since: back).map(\.kind) == [
            .role(from: "master", to: "slave", following: Self.address(7002)), .replicationID(promoted: false),
        ])
        #expect(back.changes(since: back).isEmpty, "nothing changed, nothing to say")
    }

    @Test func aRoleFlipBehindAMissedPollIsStillTold() {
        // Promotion drops the replica's client connections: one poll misses it.
        let replica = Self.snapshot(at: 1_000, master: 7001, nodes: [
            Self.node(7002, role: "slave", following: 7001, linkUp: true, offset: 500, replid: "A"),
        ], sentinels: [])
        let missed = Self.snapshot(at: 2_000, master: 7001, nodes: [
            Self.node(7002, role: "slave", reachability: .unreachable(.other("connection reset by the server"))),
        ], sentinels: [])
        let promoted = Self.snapshot(at: 3_000, master: 7002, nodes: [
            Self.node(7002, role: "master", offset: 600, replid: "B", replid2: "A"),
        ], sentinels: [])
        #expect(promoted.changes(since: missed).map(\.kind) == [.reachable(role: "master", following: nil)],
                "without what it last said, only that it is back")
        #expect(promoted.changes(since: missed, lastSeen: replica.nodesAsReported).map(\.kind) == [
            .reachable(role: "master", following: nil), .role(from: "slave", to: "master", following: nil),
            .replicationID(promoted: true),
        ])
        #expect(missed.nodesAsReported.isEmpty, "an unreachable node describes nothing")
    }

    @Test func summariesReadAsSentences() {
        let change = PolledChange(time: Timestamp(milliseconds: 0), group: "g", address: Self.address(7002),
                                  kind: .role(from: "slave", to: "master", following: nil))
        #expect(change.summary == "127.0.0.1:7002 @ g: role slave → master")
        let stopped = PolledChange(time: Timestamp(milliseconds: 0), group: nil, address: Self.address(26380),
                                   kind: .sentinelUnreachable(.timeout))
        #expect(stopped.summary == "sentinel 127.0.0.1:26380: unreachable: timed out")
        #expect(stopped.name == "sentinel-unreachable")
    }

    @Test func everyChangeHasAFlatJSONShapeThatReadsBack() throws {
        let a = Self.address(7001), b = Self.address(7002)
        let kinds: [PolledChange.Kind] = [
            .role(from: "slave", to: "master", following: nil), .role(from: nil, to: "slave", following: a),
            .following(from: a, to: b), .replicationID(promoted: true), .resync(fromOffset: 9, toOffset: 1),
            .linkDown(master: a), .linkUp(master: nil), .unreachable(.refused), .unreachable(.other("boom")),
            .reachable(role: "master", following: nil), .sentinelUnreachable(.timeout), .sentinelReachable,
            .namedMaster(from: a, to: b),
        ]
        let changes = kinds.map { PolledChange(time: Timestamp(milliseconds: 5), group: "g", address: b, kind: $0) }
        let data = try JSONEncoder().encode(changes)
        #expect(try JSONDecoder().decode([PolledChange].self, from: data) == changes)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.map { $0["change"] as? String } == changes.map(\.name))
        #expect(objects[0]["from"] as? String == "slave" && objects[0]["to"] as? String == "master")
        #expect(objects[8]["reason"] as? String == "other" && objects[8]["message"] as? String == "boom")
        #expect(objects[10]["reason"] as? String == "timeout")
    }

    /// The recorded 7.0.15 failover with what a 1 s poll would have seen, merged.
    static func mergedStory(_ version: String) throws -> (FailoverStory, [PolledChange]) {
        let observed = try FailoverStoryTests.observed(version, proto: "resp2")
        let eventsOnly = try #require(FailoverStory.stories(from: SentinelTimeline(observed)).first)
        let old = try #require(eventsOnly.oldMaster), new = try #require(eventsOnly.newMaster)
        let promoted = try #require(eventsOnly.first(.promotedSlave)).firstSeen.milliseconds
        let switched = try #require(eventsOnly.first(.switchMaster)).firstSeen.milliseconds
        let converted = try #require(eventsOnly.oldMasterReturn?.convertedAt).milliseconds
        let backAt = try #require(eventsOnly.oldMasterReturn?.backAt).milliseconds
        let other = NodeAddress(host: "127.0.0.1", port: SentinelReplyTests.masterPort(version) + 2)
        let sentinel = NodeAddress(host: "127.0.0.1", port: SentinelReplyTests.masterPort(version) + 3)
        let killed = FailoverStoryTests.killedAt
        func at(_ ms: Int64, _ address: NodeAddress, _ kind: PolledChange.Kind, group: String? = "labmaster") -> PolledChange {
            PolledChange(time: Timestamp(milliseconds: ms), group: group, address: address, kind: kind)
        }
        let changes = [
            at(killed + 300, old, .unreachable(.refused)),
            at(killed + 300, new, .linkDown(master: old)),
            at(killed + 300, sentinel, .sentinelUnreachable(.timeout), group: nil),
            at(promoted + 400, new, .role(from: "slave", to: "master", following: nil)),
            at(promoted + 400, new, .replicationID(promoted: true)),
            at(switched + 300, other, .following(from: old, to: new)),
            at(switched + 300, sentinel, .namedMaster(from: old, to: new)),
            at(backAt - 200, old, .reachable(role: "master", following: nil)),
            at(converted + 500, old, .role(from: "master", to: "slave", following: new)),
        ]
        return (try #require(FailoverStory.stories(from: SentinelTimeline(observed), polled: changes).first), changes)
    }

    @Test("Polled changes land in their phases", arguments: Fixture.versions)
    func mergedPhases(version: String) throws {
        let (story, _) = try Self.mergedStory(version)
        let phases = Dictionary(grouping: story.polledSteps, by: \.phase).mapValues { $0.map(\.change.name) }
        #expect(phases[.down] == ["unreachable", "link-down"])
        #expect(phases[.promotion] == ["role", "replid"])
        #expect(phases[.reconfiguration] == ["following"])
        #expect(phases[.switchMaster] == ["names-master"])
        #expect(!story.polledSteps.contains { $0.change.kind == .sentinelUnreachable(.timeout) }, "sentinels' reachability is no step")
        // The poll saw the master gone before any sentinel said +sdown.
        let down = try #require(story.polled(.down).first)
        #expect(down.millisecondsFromStart < 0)
        #expect(story.start(of: .down) == story.start, "the phase still starts at the first +sdown")

        let back = try #require(story.oldMasterReturn)
        #expect(back.polledSteps.map(\.change.name) == ["reachable", "role"])
        #expect(back.reachableAt != nil && back.rejoinedAt != nil)
        #expect(try #require(back.rejoinedAt) > (try #require(back.convertedAt)))
        // The sentinels mark it +sdown as a replica right after the switch, before the poll reaches it.
        #expect(story.start(of: .oldMasterReturn) == min(back.steps[0].firstSeen, back.polledSteps[0].time))
    }

    @Test("A timeline built copy by copy is the one built at once", arguments: Fixture.versions, Fixture.protocols)
    func appendedTimeline(version: String, proto: String) throws {
        let observed = try FailoverStoryTests.observed(version, proto: proto)
        let ordered = observed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        var timeline = SentinelTimeline([])
        for item in ordered {
            let joined = timeline.append(item)
            #expect(joined)
        }
        #expect(timeline == SentinelTimeline(observed))
        // A sentinel repeating itself, and a copy older than what is in: the same rules, or a refusal.
        let last = try #require(ordered.last)
        var repeated = timeline
        let again = repeated.append(last)
        #expect(again)
        #expect(repeated.entries.count == timeline.entries.count + 1, "a second copy from one sentinel is a new entry")
        var older = last
        older.time = Timestamp(milliseconds: last.time.milliseconds - 1)
        var refused = timeline
        let accepted = refused.append(older)
        #expect(!accepted)
        #expect(refused == timeline)
    }

    @Test func withoutPolledChangesTheStoryIsTheEventsOnes() throws {
        let observed = try FailoverStoryTests.observed("redis-7.0.15", proto: "resp2")
        let plain = FailoverStory.stories(from: SentinelTimeline(observed))
        #expect(FailoverStory.stories(from: SentinelTimeline(observed), polled: []) == plain)
    }

    @Test func aRecordingReplaysTheSameStory() throws {
        let (story, changes) = try Self.mergedStory("redis-7.0.15")
        let observed = try FailoverStoryTests.observed("redis-7.0.15", proto: "resp2")
        let snapshot = Self.snapshot(at: 1_000, master: 7001, nodes: [Self.node(7001, role: "master")],
                                     sentinels: [(26379, nil, 7001)])
        var lines: [SentinelRecording.Line] = observed.map(SentinelRecording.Line.event)
        lines.insert(.poll(SentinelRecording.Poll(snapshot: snapshot, changes: Array(changes.prefix(3)))), at: 10)
        lines.append(.poll(SentinelRecording.Poll(snapshot: snapshot, changes: Array(changes.dropFirst(3)))))
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        let text = try lines.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        #expect(text.allSatisfy { !$0.contains("\n") }, "one JSON object per line")
        let read = try text.map { try decoder.decode(SentinelRecording.Line.self, from: Data($0.utf8)) }
        #expect(read == lines)
        let replay = SentinelRecording.Replay(read)
        #expect(replay.polls.count == 2 && replay.events.count == observed.count)
        #expect(replay.stories == [story])
    }
}
