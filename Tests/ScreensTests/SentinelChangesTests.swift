import ClusterModel
import Testing
@testable import Screens

/// The Sentinel mode's timeline: what `SentinelChanges` derives from two consecutive polls
/// of real (fixture) replies.
@Suite struct SentinelChangesTests {
    let before = SentinelFixture.snapshot(at: Timestamp(milliseconds: 1_000), split: false)

    @Test func eachSentinelsChangeOfMindIsAnEvent() {
        let after = SentinelFixture.snapshot(at: Timestamp(milliseconds: 2_000), split: true)
        let events = SentinelChanges.events(from: before, to: after)
        let messages = events.map(\.message)
        #expect(events.allSatisfy { $0.time == after.time })
        #expect(events.contains { $0.kind == .nodePossiblyFailing && $0.message.contains("127.0.0.1:6434 flags the master s_down") })
        #expect(events.contains { $0.kind == .roleChanged && $0.message.contains("127.0.0.1:6435 now names 127.0.0.1:6431") })
        #expect(events.contains { $0.kind == .configEpochChanged && $0.message.contains("config epoch 0 → 1") })
        #expect(events.contains { $0.kind == .roleChanged && $0.message.contains("127.0.0.1:6431 is now master (was replica)") })
        #expect(!events.contains { $0.kind == .failover }, "two of three still name the old master: \(messages)")
        #expect(SentinelChanges.events(from: nil, to: after).isEmpty, "the first poll has nothing to compare with")
        #expect(SentinelChanges.events(from: after, to: after).isEmpty)
    }

    @Test func aMajorityNamingANewMasterIsAFailover() {
        let switched = SentinelSnapshot.build(sentinels: [6433, 6434, 6435].map { port in
            SentinelPoll(address: SentinelFixture.address(port), time: Timestamp(milliseconds: 3_000),
                         outcome: .replied(SentinelFixture.replies(masterPort: 6431, epoch: 1)))
        }, dataNodes: [])
        let events = SentinelChanges.events(from: before, to: switched)
        let failover = events.first { $0.kind == .failover }
        #expect(failover?.message == "labmaster: master 127.0.0.1:6430 → 127.0.0.1:6431 (named by 3/3 sentinels)")
    }
}
