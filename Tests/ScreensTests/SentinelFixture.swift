import ClusterModel
import Foundation
import RESP
import Screens
import UI

/// A split-brain Sentinel group built from real replies (`SentinelReplies/`, captured from
/// redis 7.0.15: master `labmaster` on 127.0.0.1:6430, replicas 6431 and 6432, sentinels
/// 6433-6435). Before: all three sentinels agree. After: 6431 was told REPLICAOF NO ONE
/// behind the sentinels' back; sentinel 6435 lost touch, names 6431 at config epoch 1,
/// and sentinel 6434 flags the old master `s_down`.
enum SentinelFixture {
    static let masterPort = 6430
    static func address(_ port: Int) -> NodeAddress { NodeAddress(host: "127.0.0.1", port: port) }

    static func reply(_ stem: String) -> RESPValue {
        let url = Bundle.module.resourceURL!.appendingPathComponent("SentinelReplies/\(stem).resp2")
        var parser = RESPParser()
        parser.append(Array((try? Data(contentsOf: url)) ?? Data()))
        guard let value = try? parser.next() else { fatalError("SentinelReplies/\(stem).resp2 does not parse") }
        return value
    }

    static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }

    /// `value` with every flat key/value record's `key` set to `text` (SENTINEL MASTERS).
    static func setting(_ key: String, to text: String, in value: RESPValue) -> RESPValue {
        guard case .array(let items) = value else { return value }
        if items.first.map({ if case .array = $0 { return true } else { return false } }) == true {
            return .array(items.map { setting(key, to: text, in: $0) })
        }
        var copy = items
        for index in stride(from: 0, to: copy.count - 1, by: 2) where copy[index].string == key {
            copy[index + 1] = bulk(text)
        }
        return .array(copy)
    }

    static func replies(masterPort: Int = masterPort, flags: String = "master", epoch: Int = 0) -> SentinelReplies {
        var masters = reply("sentinel-masters")
        masters = setting("flags", to: flags, in: masters)
        masters = setting("config-epoch", to: String(epoch), in: masters)
        masters = setting("port", to: String(masterPort), in: masters)
        return SentinelReplies(masters: masters, replicas: ["labmaster": reply("sentinel-replicas")],
                               sentinels: ["labmaster": reply("sentinel-sentinels")],
                               masterAddress: ["labmaster": .array([bulk("127.0.0.1"), bulk(String(masterPort))])],
                               quorumCheck: ["labmaster": reply("sentinel-ckquorum")], info: reply("info-sentinel"))
    }

    static func snapshot(at time: Timestamp, split: Bool) -> SentinelSnapshot {
        let promoted = bulk("# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\n"
            + "master_replid:1111111111111111111111111111111111111111\r\nmaster_replid2:2222222222222222222222222222222222222222\r\n"
            + "master_repl_offset:900\r\nsecond_repl_offset:822\r\n")
        let nodes = [
            DataNodePoll(address: address(6430), time: time,
                         outcome: .replied(DataNodeReplies(info: reply("info-replication-master")))),
            DataNodePoll(address: address(6431), time: time,
                         outcome: .replied(DataNodeReplies(info: split ? promoted : reply("info-replication-replica")))),
        ]
        let sentinels = [
            SentinelPoll(address: address(6433), time: time, outcome: .replied(replies())),
            SentinelPoll(address: address(6434), time: time,
                         outcome: .replied(replies(flags: split ? "master,s_down" : "master"))),
            SentinelPoll(address: address(6435), time: time,
                         outcome: .replied(split ? replies(masterPort: 6431, epoch: 1) : replies())),
        ]
        return SentinelSnapshot.build(sentinels: sentinels, dataNodes: nodes)
    }

    /// The inspector in Sentinel mode after the healthy poll and then the split one.
    static func state(size: Size, readOnly: Bool = false, glyphs: Glyphs = .unicode) -> InspectorState {
        let before = snapshot(at: Timestamp(milliseconds: Fixture.time.milliseconds - 5000), split: false)
        let after = snapshot(at: Fixture.time, split: true)
        var state = InspectorState(target: "sentinel 127.0.0.1:6433", readOnly: readOnly, mode: .sentinel, glyphs: glyphs,
                                   size: size, now: Fixture.now)
        let program = InspectorProgram()
        let log = PollLog(time: after.time, durationMilliseconds: 3, commands: ["SENTINEL MASTERS", "INFO"],
                          entries: after.sentinels.map { PollLog.Entry(address: "sentinel \($0.address)", outcome: "replies") })
        state = program.update(state, .sentinelPolled(SentinelPollResult(snapshot: before))).0
        state = program.update(state, .sentinelPolled(SentinelPollResult(snapshot: after, log: log))).0
        return program.update(state, .tick(Fixture.now)).0
    }
}
