import ClusterModel
import Operations
import RESP
import Testing

/// `SentinelEventLog` without servers: when a deduplicated event is shown, and stories once.
@Suite struct SentinelEventLogTests {
    let s1 = NodeAddress(host: "127.0.0.1", port: 26379)
    let s2 = NodeAddress(host: "127.0.0.1", port: 26380)
    let s3 = NodeAddress(host: "127.0.0.1", port: 26381)

    func observed(_ channel: String, _ payload: String, by sentinel: NodeAddress, at ms: Int64) throws -> ObservedSentinelEvent {
        let frame = RESPValue.push([channel, payload].reduce(into: [.bulkString(Array("pmessage".utf8)), .bulkString([42])]) {
            $0.append(.bulkString(Array($1.utf8)))
        })
        let event = try #require(try SentinelMessage(frame: frame).event)
        return ObservedSentinelEvent(event: event, sentinel: sentinel, time: Timestamp(milliseconds: ms))
    }

    @Test func anEntryWaitsForEverySentinelOrTheSettleDelay() throws {
        var log = SentinelEventLog(settle: 1_000)
        let sdown = "master mymaster 127.0.0.1 7001"
        log.add(try observed("+sdown", sdown, by: s1, at: 1_000))
        log.add(try observed("+sdown", sdown, by: s2, at: 1_100))
        #expect(log.ready(now: Timestamp(milliseconds: 1_200), expected: 3).isEmpty)
        #expect(log.nextDeadline == Timestamp(milliseconds: 2_000))
        log.add(try observed("+sdown", sdown, by: s3, at: 1_300))
        let shown = log.ready(now: Timestamp(milliseconds: 1_300), expected: 3)
        #expect(shown.map(\.sentinels) == [[s1, s2, s3]])
        #expect(log.ready(now: Timestamp(milliseconds: 9_000), expected: 3).isEmpty, "each entry once")

        // A leader-only event has no copies to wait for: it is shown at once, and does not
        // hold back the events every sentinel publishes after it.
        log.add(try observed("+elected-leader", sdown, by: s2, at: 2_000))
        #expect(log.ready(now: Timestamp(milliseconds: 2_000), expected: 3).map(\.type) == [.electedLeader])
        log.add(try observed("+new-epoch", "1", by: s1, at: 2_100))
        log.add(try observed("+new-epoch", "1", by: s2, at: 2_100))
        #expect(log.ready(now: Timestamp(milliseconds: 2_200), expected: 3).isEmpty, "two of three copies: wait")
        log.add(try observed("+new-epoch", "1", by: s3, at: 2_150))
        #expect(log.ready(now: Timestamp(milliseconds: 2_200), expected: 3).map(\.type) == [.newEpoch])
    }

    @Test func aCompletedFailoverIsToldOnceAfterItsSwitchLine() throws {
        var log = SentinelEventLog(settle: 0)
        let master = "master mymaster 127.0.0.1 7001"
        let replica = "slave 127.0.0.1:7002 127.0.0.1 7002 @ mymaster 127.0.0.1 7001"
        let steps: [(String, String, Int64)] = [
            ("+sdown", master, 0), ("+odown", master + " #quorum 2/2", 100), ("+new-epoch", "1", 110),
            ("+try-failover", master, 120), ("+elected-leader", master, 200), ("+selected-slave", replica, 300),
            ("+promoted-slave", replica, 1_200), ("+switch-master", "mymaster 127.0.0.1 7001 127.0.0.1 7002", 1_400),
        ]
        for (channel, payload, ms) in steps { log.add(try observed(channel, payload, by: s1, at: ms)) }
        #expect(log.completedStories().isEmpty, "not before the switch line is shown")
        #expect(log.ready(now: Timestamp(milliseconds: 1_400), expected: 1).count == steps.count)
        let stories = log.completedStories()
        #expect(stories.count == 1)
        #expect(stories.first?.millisecondsToSwitch == 1_400)
        #expect(stories.first?.newMaster == NodeAddress(host: "127.0.0.1", port: 7002))
        #expect(log.completedStories().isEmpty)
    }
}
