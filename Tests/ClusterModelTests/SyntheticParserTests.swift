import RESP
import Testing
@testable import ClusterModel

@Suite("Parsers on edge cases")
struct SyntheticParserTests {
    @Test func ipv6HostnameAuxAndUnknownFlags() throws {
        let text = """
        e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 2001:db8::1:30001@40001,redis-0.svc,shard-id=abc,tls-port=0 myself,master,newflag - 0 0 3 connected 0-100 200 [300->-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f] [301-<-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f] {weird}
        292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30002@40002, slave,fail?,nofailover e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 1 2 3 disconnected
        67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 :0@0 noaddr,handshake - 0 0 0 connected
        """
        let view = try ClusterNodesView(text: text)
        #expect(view.entries.count == 3)
        let me = view.entries[0]
        #expect(me.address == NodeAddress(host: "2001:db8::1", port: 30001))
        #expect(me.announced.busPort == 40001)
        #expect(me.announced.hostname == "redis-0.svc")
        #expect(me.announced.aux("shard-id") == "abc")
        #expect(me.flags.contains(.myself) && me.flags.contains(.master))
        #expect(me.flags.unknown == ["newflag"])
        #expect(me.flags.description == "myself,master,newflag")
        #expect(me.slots == [SlotRange(0, 100), SlotRange(slot: 200)])
        #expect(me.migrations.map(\.direction) == [.migrating, .importing])
        #expect(me.unknownSlotTokens == ["{weird}"])
        #expect(me.id.description == "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca")
        let replica = view.entries[1]
        #expect(replica.announced.hostname == "")
        #expect(replica.flags.contains(.possiblyFailing) && replica.flags.contains(.noFailover))
        #expect(replica.masterID == me.id)
        #expect(replica.linkState == .disconnected)
        #expect(view.entries[2].address.isUnset)
        #expect(view.entries[2].flags.contains(.handshake))
    }

    @Test func malformedLineNamesTheLine() {
        let text = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:1@2 master - 0 0 1 connected\nbroken line\n"
        do {
            _ = try ClusterNodesView(text: text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.command == "CLUSTER NODES")
        }
        #expect(throws: ModelParseError.self) { try ClusterNodesView(text: "id 127.0.0.1:x@1 master - 0 0 1 connected") }
        #expect(throws: ModelParseError.self) { try ClusterNodesView(text: "id 127.0.0.1:1@1 master - 0 0 -1 connected") }
    }

    @Test func nonHexIDsSurvive() throws {
        let view = try ClusterNodesView(text: "node-a 10.0.0.1:6379@16379 master - 0 0 1 connected 0-16383")
        #expect(view.entries[0].id.description == "node-a")
        #expect(NodeID("ABCDEF0123456789abcdef0123456789abcdef01").description == "abcdef0123456789abcdef0123456789abcdef01")
    }

    @Test func clusterSlotsWithoutIDsAndUnknownEndpoint() throws {
        let reply = RESPValue.array([
            .array([.integer(0), .integer(5), .array([.bulkString(Array("?".utf8)), .integer(7000)]),
                    .array([.bulkString([]), .integer(7001), .bulkString(Array("abc".utf8)), .map([])])]),
        ])
        let slots = try ClusterSlots(reply: reply)
        #expect(slots.assignments[0].master.isUnknown)
        #expect(slots.assignments[0].master.id == nil)
        #expect(slots.assignments[0].replicas[0].id == NodeID("abc"))
        #expect(slots.assignments[0].replicas[0].address == nil)
        #expect(throws: ModelParseError.self) { try ClusterSlots(reply: .array([.array([.integer(1)])])) }
    }

    @Test func clusterInfoKeepsUnknownKeys() throws {
        let info = try ClusterInfo(text: "cluster_state:ok\r\ncluster_new_thing:42\r\ncluster_current_epoch:9\r\n")
        #expect(info["cluster_new_thing"] == "42")
        #expect(info.currentEpoch == 9)
        #expect(throws: ModelParseError.self) { try ClusterInfo(text: "nothing here") }
    }

    @Test func infoReplicationAfterPromotion() throws {
        let info = try ServerInfo(text: """
        # Replication\r
        role:master\r
        connected_slaves:2\r
        slave0:ip=10.0.0.2,port=6379,state=online,offset=100,lag=0,extra=1\r
        slave1:ip=10.0.0.3,port=6379,state=wait_bgsave,offset=0,lag=3\r
        master_replid:aaaa\r
        master_replid2:bbbb\r
        master_repl_offset:120\r
        second_repl_offset:90\r
        # Valkeything\r
        new_field:1\r
        """)
        let replication = try #require(info.replication)
        #expect(replication.replicas.count == 2)
        #expect(replication.replicas[0].otherFields == [AuxField(key: "extra", value: "1")])
        #expect(replication.replicas[1].state == "wait_bgsave")
        #expect(replication.hasPreviousReplID)
        #expect(replication.secondReplOffset == 90)
        #expect(info["new_field"] == "1")
        #expect(info.sections.map(\.name) == ["replication", "valkeything"])
    }

    @Test func keySlotVectors() {
        #expect(KeySlot.crc16(Array("123456789".utf8)) == 0x31C3)
        #expect(KeySlot.slot(forKey: "foo") == 12182)
        #expect(KeySlot.slot(forKey: "{user1000}.following") == KeySlot.slot(forKey: "{user1000}.followers"))
        #expect(KeySlot.slot(forKey: "foo{}{bar}") == Int(KeySlot.crc16(Array("foo{}{bar}".utf8)) & 0x3FFF))
        #expect(KeySlot.slot(forKey: "foo{{bar}}zap") == KeySlot.slot(forKey: "{bar"))
        #expect(KeySlot.slot(forKey: "foo{bar}{zap}") == KeySlot.slot(forKey: "bar"))
    }

    @Test("CLUSTER KEYSLOT somekey matches the server", arguments: Fixture.versions)
    func keySlotMatchesServer(version: String) throws {
        for reply in try Fixture.both(version, "cluster-healthy/cluster-keyslot") {
            #expect(reply.integer.map(Int.init) == KeySlot.slot(forKey: "somekey"))
        }
    }
}
