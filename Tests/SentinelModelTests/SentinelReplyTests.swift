import RESP
import Testing
@testable import ClusterModel

@Suite("Sentinel replies on real fixtures")
struct SentinelReplyTests {
    static let folders = ["sentinel", "sentinel-after-failover"]

    @Test("RESP2 and RESP3 replies decode to the same model", arguments: Fixture.versions)
    func sameModelBothProtocols(version: String) throws {
        var checked = 0
        for folder in Self.folders {
            func pair(_ stem: String) throws -> [RESPValue] {
                let values = try Fixture.both(version, "\(folder)/\(stem)")
                #expect(values.count == 2, "\(version)/\(folder)/\(stem)")
                checked += 1
                return values
            }
            let masters = try pair("sentinel-masters").map(SentinelMasterState.list(reply:))
            #expect(masters[0].map(\.withoutAges) == masters[1].map(\.withoutAges))
            let master = try pair("sentinel-master").map(SentinelMasterState.init(reply:))
            #expect(master[0].withoutAges == master[1].withoutAges)
            let replicas = try pair("sentinel-replicas").map(SentinelReplicaState.list(reply:))
            #expect(replicas[0].map(\.withoutAges) == replicas[1].map(\.withoutAges))
            let peers = try pair("sentinel-sentinels").map(SentinelPeerState.list(reply:))
            #expect(peers[0].map(\.withoutAges) == peers[1].map(\.withoutAges))
            let address = try pair("sentinel-get-master-addr-by-name").map(SentinelReply.masterAddress(reply:))
            #expect(address[0] == address[1])
        }
        let quorum = try Fixture.both(version, "sentinel/sentinel-ckquorum").map(QuorumCheck.init(reply:))
        #expect(quorum[0] == quorum[1])
        let info = try Fixture.both(version, "sentinel/info-sentinel").map(SentinelInfo.init(reply:))
        #expect(info[0] == info[1])
        let fullInfo = try Fixture.both(version, "sentinel/info").map(SentinelInfo.init(reply:))
        #expect(fullInfo[0] == fullInfo[1])
        #expect(fullInfo[0].masters == info[0].masters)
        let role = try Fixture.both(version, "sentinel/role-sentinel").map(RoleReply.init(reply:))
        #expect(role[0] == role[1])
        #expect(role[0] == .sentinel(masterNames: ["labmaster"]))
        #expect(checked == 10)
    }

    @Test("Steady state: what one sentinel says about labmaster", arguments: Fixture.versions)
    func steadyState(version: String) throws {
        let masterPort = Self.masterPort(version)
        let master = try SentinelMasterState(reply: Fixture.value(version, "sentinel/sentinel-master.resp3"))
        #expect(master.name == "labmaster")
        #expect(master.address == NodeAddress(host: "127.0.0.1", port: masterPort))
        #expect(master.flags.words == ["master"])
        #expect(master.flags.unknownWords.isEmpty)
        #expect(master.quorum == 2)
        #expect(master.numSlaves == 2)
        #expect(master.numOtherSentinels == 2)
        #expect(master.downAfterMilliseconds == 2000)
        #expect(master.failoverTimeout == 10000)
        #expect(master.parallelSyncs == 1)
        #expect(master.configEpoch == 0)
        #expect(master.roleReported == "master")
        #expect(master.runID?.count == 40)
        // link-pending-commands and link-refcount are not typed: kept, not dropped.
        #expect(master.otherFields.map(\.key).contains("link-refcount"))

        let masters = try SentinelMasterState.list(reply: Fixture.value(version, "sentinel/sentinel-masters.resp2"))
        #expect(masters.map(\.name) == ["labmaster"])

        let replicas = try SentinelReplicaState.list(reply: Fixture.value(version, "sentinel/sentinel-replicas.resp3"))
        #expect(Set(replicas.compactMap(\.address?.port)) == [masterPort + 1, masterPort + 2])
        for replica in replicas {
            #expect(replica.flags.isReplica)
            #expect(replica.linkUp)
            #expect(replica.master == NodeAddress(host: "127.0.0.1", port: masterPort))
            #expect(replica.priority == 100)
            #expect(replica.roleReported == "slave")
            #expect(replica.name == replica.address?.description)
        }

        let peers = try SentinelPeerState.list(reply: Fixture.value(version, "sentinel/sentinel-sentinels.resp2"))
        #expect(peers.count == 2)
        for peer in peers {
            #expect(peer.flags.isSentinel)
            #expect(peer.runID?.count == 40)
            #expect(peer.votedLeader == nil) // `?`: no vote yet
            #expect(peer.votedLeaderEpoch == 0)
        }

        #expect(try SentinelReply.masterAddress(reply: Fixture.value(version, "sentinel/sentinel-get-master-addr-by-name.resp2"))
            == NodeAddress(host: "127.0.0.1", port: masterPort))
        let check = try QuorumCheck(reply: Fixture.value(version, "sentinel/sentinel-ckquorum.resp2"))
        #expect(check.reachable)
        #expect(check.usableSentinels == 3)

        let info = try SentinelInfo(reply: Fixture.value(version, "sentinel/info-sentinel.resp3"))
        #expect(info.masterCount == 1)
        #expect(info.tilt == false)
        #expect(info.masters.count == 1)
        #expect(info.masters.first?.name == "labmaster")
        #expect(info.masters.first?.status == "ok")
        #expect(info.masters.first?.address == NodeAddress(host: "127.0.0.1", port: masterPort))
        #expect(info.masters.first?.replicas == 2)
        #expect(info.masters.first?.sentinels == 3)
    }

    @Test("After the failover the sentinel names the promoted replica", arguments: Fixture.versions)
    func afterFailover(version: String) throws {
        let masterPort = Self.masterPort(version)
        let master = try SentinelMasterState(reply: Fixture.value(version, "sentinel-after-failover/sentinel-master.resp2"))
        #expect(master.address == NodeAddress(host: "127.0.0.1", port: masterPort + 1)
            || master.address == NodeAddress(host: "127.0.0.1", port: masterPort + 2))
        #expect(master.configEpoch == 1)
        let named = try SentinelReply.masterAddress(reply: Fixture.value(version, "sentinel-after-failover/sentinel-get-master-addr-by-name.resp3"))
        #expect(named == master.address)
        let replicas = try SentinelReplicaState.list(reply: Fixture.value(version, "sentinel-after-failover/sentinel-replicas.resp2"))
        #expect(replicas.contains { $0.address?.port == masterPort }) // the old master, now listed as a replica
    }

    @Test("Unknown names and errors are typed, never a crash", arguments: Fixture.versions)
    func unknownNames(version: String) throws {
        for proto in Fixture.protocols {
            #expect(try SentinelReply.masterAddress(reply: Fixture.value(version, "sentinel/sentinel-get-master-addr-unknown.\(proto)")) == nil)
            #expect(throws: ModelParseError.self) {
                try SentinelMasterState(reply: Fixture.value(version, "sentinel/sentinel-master-unknown.\(proto)"))
            }
            #expect(throws: ModelParseError.self) {
                try QuorumCheck(reply: Fixture.value(version, "sentinel/sentinel-ckquorum-unknown.\(proto)"))
            }
            #expect(throws: ModelParseError.self) {
                try SentinelReplicaState.list(reply: Fixture.value(version, "sentinel/unknown-command.\(proto)"))
            }
        }
    }

    static func masterPort(_ version: String) -> Int {
        switch version {
        case "redis-6.0.9": return 6410
        case "redis-6.2.14": return 6420
        default: return 6430
        }
    }
}

@Suite("Sentinel replies: tolerance")
struct SentinelToleranceTests {
    static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }
    static func record(_ pairs: [(String, String)]) -> RESPValue { .array(pairs.flatMap { [bulk($0.0), bulk($0.1)] }) }

    @Test func unknownFieldsAndFlagsAreKept() throws {
        let reply = Self.record([("name", "g"), ("ip", "10.0.0.1"), ("port", "6379"), ("flags", "master,s_down,brand_new"),
                                 ("quorum", "2"), ("shiny-new-field", "42")])
        let state = try SentinelMasterState(reply: reply)
        #expect(state.flags.subjectivelyDown)
        #expect(state.flags.unknownWords == ["brand_new"])
        #expect(state.otherFields == [AuxField(key: "shiny-new-field", value: "42")])
        #expect(state.quorum == 2)
        // A RESP3 map of the same fields is the same model; integers instead of strings are accepted.
        let map = RESPValue.map([RESPPair(key: Self.bulk("name"), value: Self.bulk("g")),
                                 RESPPair(key: Self.bulk("ip"), value: Self.bulk("10.0.0.1")),
                                 RESPPair(key: Self.bulk("port"), value: .integer(6379)),
                                 RESPPair(key: Self.bulk("flags"), value: Self.bulk("master,s_down,brand_new")),
                                 RESPPair(key: Self.bulk("quorum"), value: .integer(2)),
                                 RESPPair(key: Self.bulk("shiny-new-field"), value: Self.bulk("42"))])
        #expect(try SentinelMasterState(reply: map) == state)
    }

    @Test func malformedRepliesThrowTypedErrors() {
        #expect(throws: ModelParseError.self) { try SentinelMasterState(reply: .integer(3)) }
        #expect(throws: ModelParseError.self) { try SentinelMasterState(reply: .array([Self.bulk("name")])) }
        #expect(throws: ModelParseError.self) { try SentinelMasterState(reply: Self.record([("ip", "1.2.3.4")])) }
        #expect(throws: ModelParseError.self) { try SentinelMasterState.list(reply: Self.bulk("nope")) }
        #expect(throws: ModelParseError.self) { try SentinelReplicaState.list(reply: .array([.integer(1)])) }
        #expect(throws: ModelParseError.self) { try SentinelReply.masterAddress(reply: .array([Self.bulk("h")])) }
        #expect(throws: ModelParseError.self) { try SentinelReply.masterAddress(reply: .array([Self.bulk("h"), Self.bulk("99999")])) }
        #expect(throws: ModelParseError.self) { try SentinelReply.myID(reply: .error("ERR unknown subcommand")) }
        #expect(throws: ModelParseError.self) { try SentinelInfo(text: "") }
        #expect(throws: ModelParseError.self) { try QuorumCheck(reply: .error("NOPERM this user has no permissions")) }
    }

    @Test func replicaWithoutMaster() throws {
        let replicas = try SentinelReplicaState.list(reply: .array([Self.record([
            ("name", "h:1"), ("ip", "h"), ("port", "1"), ("flags", "slave,s_down,disconnected"),
            ("master-link-status", "err"), ("master-host", "?"), ("master-port", "0"), ("slave-priority", "0"),
        ])]))
        #expect(replicas[0].master == nil)
        #expect(replicas[0].linkUp == false)
        #expect(replicas[0].flags.disconnected)
        #expect(replicas[0].priority == 0)
    }

    @Test func smallReplies() throws {
        #expect(try SentinelReply.myID(reply: Self.bulk("abc")) == "abc")
        let noQuorum = try QuorumCheck(reply: .error("NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master"))
        #expect(noQuorum.reachable == false)
        #expect(noQuorum.usableSentinels == 1)
        let tilt = try SentinelInfo(text: "# Sentinel\r\nsentinel_masters:2\r\nsentinel_tilt:1\r\nsentinel_new_thing:x\r\nmaster0:name=a,status=odown,address=[::1]:6379,slaves=0,sentinels=1,extra=y\r\n")
        #expect(tilt.tilt)
        #expect(tilt.otherFields == [AuxField(key: "sentinel_new_thing", value: "x")])
        #expect(tilt.masters[0].address == NodeAddress(host: "::1", port: 6379))
        #expect(tilt.masters[0].otherFields == [AuxField(key: "extra", value: "y")])
    }
}
