import ClusterModel
import RESP
import Testing
@testable import CLI

/// The lines `watch HOST:PORT` prints for a replication group no sentinel watches.
@Suite struct ReplicationChangeLineTests {
    static func address(_ port: Int) -> NodeAddress { NodeAddress(host: "127.0.0.1", port: port) }

    static func node(_ port: Int, _ replication: String, at time: Int64) -> DataNodePoll {
        DataNodePoll(address: address(port), time: Timestamp(milliseconds: time),
                     outcome: .replied(DataNodeReplies(info: .bulkString(Array(("# Replication\r\n" + replication).utf8)))))
    }

    static func snapshot(_ polls: [DataNodePoll]) -> SentinelSnapshot {
        SentinelSnapshot.build(sentinels: [], dataNodes: polls, groupUnmonitored: true)
    }

    @Test func aPromotionALinkDropAndAnUnreachableNodeAreOneLineEach() {
        let before = Self.snapshot([
            Self.node(7000, "role:master\r\nslave0:ip=127.0.0.1,port=7001,state=online,offset=1,lag=0\r\n"
                + "slave1:ip=127.0.0.1,port=7002,state=online,offset=1,lag=0\r\nslave2:ip=127.0.0.1,port=7003,state=online,offset=1,lag=0\r\n", at: 0),
            Self.node(7001, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:up\r\n", at: 0),
            Self.node(7002, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:up\r\n", at: 0),
            Self.node(7003, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:up\r\n", at: 0),
        ])
        let after = Self.snapshot([
            Self.node(7000, "role:master\r\nslave0:ip=127.0.0.1,port=7001,state=online,offset=1,lag=0\r\n", at: 1000),
            Self.node(7001, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:down\r\n", at: 1000),
            Self.node(7002, "role:master\r\n", at: 1000),
            DataNodePoll(address: Self.address(7003), time: Timestamp(milliseconds: 1000), outcome: .failed(.refused)),
        ])
        let lines = ReplicationChangeLine.changes(from: before, to: after)
        #expect(lines.map(\.kind) == ["link", "role", "reachability"])
        #expect(lines.map(\.node) == ["127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7003"])
        #expect(lines[0].message == "link to 127.0.0.1:7000 down")
        #expect(lines[1].message == "replica → master")
        #expect(lines[2].message == "unreachable: connection refused")
        #expect(lines[1].text.hasSuffix("role          127.0.0.1:7002  replica → master"))
        #expect(ReplicationChangeLine.changes(from: after, to: after).isEmpty)
    }
}
