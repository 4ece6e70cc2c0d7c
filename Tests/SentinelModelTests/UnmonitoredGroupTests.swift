import RESP
import Testing
@testable import ClusterModel

/// Replication groups no sentinel watches, built from data-node polls alone (the entry
/// from a standalone master or replica).
@Suite("SentinelSnapshot: unmonitored replication groups")
struct UnmonitoredGroupTests {
    static let t = Timestamp(milliseconds: 1_700_000_000_000)
    static func address(_ port: Int) -> NodeAddress { NodeAddress(host: "127.0.0.1", port: port) }

    static func poll(_ port: Int, _ replication: String) -> DataNodePoll {
        let info = "# Server\r\nredis_version:7.0.15\r\n# Replication\r\n" + replication
        return DataNodePoll(address: address(port), time: t,
                            outcome: .replied(DataNodeReplies(info: .bulkString(Array(info.utf8)))))
    }

    static func master(_ port: Int, replicas: [Int]) -> DataNodePoll {
        var lines = "role:master\r\nconnected_slaves:\(replicas.count)\r\n"
        for (index, replica) in replicas.enumerated() {
            lines += "slave\(index):ip=127.0.0.1,port=\(replica),state=online,offset=500,lag=0\r\n"
        }
        return poll(port, lines + "master_repl_offset:500\r\n")
    }

    static func replica(_ port: Int, of master: Int, link: String = "up", offset: Int = 500) -> DataNodePoll {
        poll(port, "role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:\(master)\r\nmaster_link_status:\(link)\r\n"
            + "slave_repl_offset:\(offset)\r\nslave_priority:100\r\n")
    }

    @Test func aHealthyGroupIsOneUnmonitoredGroupWithANote() throws {
        let snapshot = SentinelSnapshot.build(
            sentinels: [], dataNodes: [Self.replica(7001, of: 7000), Self.master(7000, replicas: [7001, 7002]),
                                       Self.replica(7002, of: 7000, offset: 400)],
            groupUnmonitored: true)
        #expect(snapshot.unattachedNodes.isEmpty)
        let group = try #require(snapshot.groups.first)
        #expect(snapshot.groups.count == 1)
        #expect(group.unmonitored == true && group.opinions.isEmpty)
        #expect(group.name == "127.0.0.1:7000" && group.namedMaster == Self.address(7000))
        #expect(group.dataNodes.map(\.address.port) == [7000, 7001, 7002])
        #expect(group.node(Self.address(7002))?.lagBytes == 100)
        #expect(snapshot.findings.map(\.kind) == [.noSentinels])
        #expect(snapshot.findings.first?.severity == .info)
        #expect(snapshot.findings.first?.title == "No sentinel watches the replication group of 127.0.0.1:7000")
    }

    @Test func withoutTheFlagNodesStayUnattached() {
        let snapshot = SentinelSnapshot.build(sentinels: [], dataNodes: [Self.master(7000, replicas: [])])
        #expect(snapshot.groups.isEmpty)
        #expect(snapshot.unattachedNodes.map(\.address) == [Self.address(7000)])
    }

    @Test func twoMastersAreASplitBrainAndTheOneWithReplicasIsTheMaster() throws {
        // 7002 was promoted (REPLICAOF NO ONE) while 7000 kept 7001: both report role:master.
        let snapshot = SentinelSnapshot.build(
            sentinels: [], dataNodes: [Self.master(7000, replicas: [7001]), Self.replica(7001, of: 7000),
                                       Self.master(7002, replicas: [])],
            groupUnmonitored: true)
        let group = try #require(snapshot.groups.first)
        #expect(group.namedMaster == Self.address(7000))
        let split = try #require(snapshot.findings.first)
        #expect(split.kind == .splitBrain && split.severity == .critical)
        #expect(Set(split.addresses) == [Self.address(7000), Self.address(7002)])
        #expect(split.group == "127.0.0.1:7000")
        #expect(!snapshot.findings.contains { $0.kind == .replicaFollowsUnknownMaster })
    }

    @Test func aLoneMasterHasNoReplicaAndALinkDownIsAWarning() throws {
        let lone = SentinelSnapshot.build(sentinels: [], dataNodes: [Self.master(7000, replicas: [])], groupUnmonitored: true)
        #expect(Set(lone.findings.map(\.kind)) == [.masterWithoutReplicas, .noSentinels])

        // The replica's master is gone: the master is unreachable, the link down, and the
        // group is still named after the address the replica follows.
        let orphan = SentinelSnapshot.build(
            sentinels: [], dataNodes: [Self.replica(7001, of: 7000, link: "down"),
                                       DataNodePoll(address: Self.address(7000), time: Self.t, outcome: .failed(.refused))],
            groupUnmonitored: true)
        let group = try #require(orphan.groups.first)
        #expect(group.namedMaster == Self.address(7000))
        let kinds = Set(orphan.findings.map(\.kind))
        #expect(kinds.isSuperset(of: [.replicaLinkDown, .nodeUnreachable, .noSentinels]))
        #expect(!kinds.contains(.noPromotableReplica))
    }
}

@Suite("SentinelClient: sentinels in CLIENT LIST")
struct SentinelClientListTests {
    @Test func sentinelLinksAreFoundOncePerSentinelAndOthersIgnored() {
        let text = """
            id=3 addr=10.0.0.7:41236 laddr=10.0.0.5:6379 fd=9 name=sentinel-4bc1b8e1-cmd age=90 idle=0 flags=N db=0 cmd=ping\r
            id=4 addr=10.0.0.7:41240 laddr=10.0.0.5:6379 fd=10 name=sentinel-4bc1b8e1-pubsub age=90 idle=0 flags=P db=0 cmd=subscribe\r
            id=5 addr=[::1]:50000 laddr=[::1]:6379 fd=11 name=sentinel-0a1b2c3d-cmd age=3 idle=0 flags=N db=0 cmd=info\r
            id=6 addr=10.0.0.9:50001 laddr=10.0.0.5:6379 fd=12 name=slotscope age=1 idle=0 flags=N db=0 cmd=client|list\r
            id=7 addr=10.0.0.9:50002 laddr=10.0.0.5:6379 fd=13 name=sentinel-short-cmd age=1 idle=0 flags=N db=0 cmd=ping\r
            id=8 addr=10.0.0.9:50003 laddr=10.0.0.5:6379 fd=14 name= age=1 idle=0 flags=S db=0 cmd=replconf
            """
        #expect(SentinelClient.list(clientList: text) == [SentinelClient(ip: "10.0.0.7", runIDPrefix: "4bc1b8e1"),
                                                          SentinelClient(ip: "::1", runIDPrefix: "0a1b2c3d")])
        #expect(SentinelClient.list(clientList: "").isEmpty)
    }
}
