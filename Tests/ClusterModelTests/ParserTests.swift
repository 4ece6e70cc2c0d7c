import RESP
import Testing
@testable import ClusterModel

@Suite("Parsers on real replies")
struct ParserTests {
    static let clusterStates = ["cluster-healthy", "cluster-unassigned", "cluster-master-pfail", "cluster-master-fail",
                                "cluster-failed-over", "cluster-old-master-rejoined", "cluster-ghost", "cluster-hostname"]

    @Test("RESP2 and RESP3 replies decode to the same model", arguments: Fixture.versions)
    func sameModelBothProtocols(version: String) throws {
        var checked = 0
        for state in Self.clusterStates + ["cluster-open-slot"] {
            for stem in ["cluster-nodes", "cluster-nodes-from-replica", "cluster-nodes-from-new-node",
                         "cluster-nodes-migrating", "cluster-nodes-importing", "cluster-nodes-other"] {
                let replies = try Fixture.both(version, "\(state)/\(stem)")
                guard replies.count == 2 else { continue }
                #expect(try ClusterNodesView(reply: replies[0]) == ClusterNodesView(reply: replies[1]), "\(state)/\(stem)")
                checked += 1
            }
            for stem in ["cluster-slots", "cluster-slots-before-writes"] {
                let replies = try Fixture.both(version, "\(state)/\(stem)")
                guard replies.count == 2 else { continue }
                #expect(try ClusterSlots(reply: replies[0]) == ClusterSlots(reply: replies[1]), "\(state)/\(stem)")
                checked += 1
            }
            for stem in ["cluster-shards", "cluster-shards-before-writes"] {
                let replies = try Fixture.both(version, "\(state)/\(stem)")
                guard replies.count == 2 else { continue }
                #expect(try ClusterShards(reply: replies[0]) == ClusterShards(reply: replies[1]), "\(state)/\(stem)")
                checked += 1
            }
            let infos = try Fixture.both(version, "\(state)/cluster-info")
            if infos.count == 2 {
                #expect(try ClusterInfo(reply: infos[0]) == ClusterInfo(reply: infos[1]))
                checked += 1
            }
        }
        for stem in ["info", "info-everything", "info-replication-master", "info-replication-replica"] {
            let replies = try Fixture.both(version, "cluster-healthy/\(stem)")
            guard replies.count == 2 else { continue }
            // Live counters move between the two captures: compare structure and stable facts.
            let a = try ServerInfo(reply: replies[0]), b = try ServerInfo(reply: replies[1])
            #expect(a.sections.map { $0.fields.map(\.key) } == b.sections.map { $0.fields.map(\.key) }, "\(stem)")
            #expect(a.server.runID == b.server.runID && a.server.version == b.server.version)
            #expect(a.keyspace == b.keyspace && a.replication?.role == b.replication?.role)
            checked += 1
        }
        for stem in ["cluster-healthy/role-master", "cluster-healthy/role-replica", "cluster-old-master-rejoined/role-old-master",
                     "sentinel/role-sentinel", "sentinel/role-master", "sentinel/role-replica"] {
            let replies = try Fixture.both(version, stem)
            guard replies.count == 2 else { continue }
            #expect(try RoleReply(reply: replies[0]) == RoleReply(reply: replies[1]), "\(stem)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test("healthy: 16384 slots over 3 masters, 3 replicas", arguments: Fixture.versions)
    func healthyNodes(version: String) throws {
        for reply in try Fixture.both(version, "cluster-healthy/cluster-nodes") {
            let view = try ClusterNodesView(reply: reply)
            #expect(view.entries.count == 6)
            let masters = view.entries.filter { $0.flags.isMaster }
            #expect(masters.count == 3)
            #expect(masters.map(\.slots.slotCount).reduce(0, +) == 16384)
            #expect(view.entries.filter { $0.flags.isReplica }.allSatisfy { $0.masterID != nil })
            #expect(view.myself?.slots == [SlotRange(0, 5460)])
            #expect(view.entries.allSatisfy { $0.linkState == .connected && $0.address.host == "127.0.0.1" })
            let roles = Fixture.roles(version)
            if let a = roles["A"] { #expect(view.myself?.id == a.id) }
        }
        for reply in try Fixture.both(version, "cluster-healthy/cluster-slots") {
            let slots = try ClusterSlots(reply: reply)
            #expect(slots.assignments.map(\.range.count).reduce(0, +) == 16384)
            #expect(slots.assignments.allSatisfy { $0.replicas.count == 1 })
            #expect(slots.assignments.allSatisfy { $0.master.id != nil })
        }
        for reply in try Fixture.both(version, "cluster-healthy/cluster-info") {
            let info = try ClusterInfo(reply: reply)
            #expect(info.state == .ok)
            #expect(info.slotsAssigned == 16384)
            #expect(info.knownNodes == 6)
            #expect(info.size == 3)
        }
        for reply in try Fixture.both(version, "cluster-healthy/cluster-shards") {
            let shards = try ClusterShards(reply: reply)
            #expect(shards.shards.count == 3)
            #expect(shards.shards.flatMap(\.slots).slotCount == 16384)
            #expect(shards.shards.allSatisfy { $0.nodes.count == 2 && $0.nodes.contains { $0.role == .master } })
            #expect(shards.shards.flatMap(\.nodes).allSatisfy { $0.health == .online })
        }
    }

    @Test("INFO: every section, replication lines, keyspace", arguments: Fixture.versions)
    func info(version: String) throws {
        for reply in try Fixture.both(version, "cluster-healthy/info") {
            let info = try ServerInfo(reply: reply)
            #expect(info.server.version == String(version.dropFirst("redis-".count)))
            #expect(info.server.mode == "cluster")
            #expect(info.server.tcpPort != nil)
            #expect(info.replication?.isMaster == true)
            #expect(info.memory.usedMemory ?? 0 > 0)
            #expect(info.persistence.loading == false)
            #expect(info.clients.connectedClients ?? 0 >= 1)
            #expect(info.stats.totalCommandsProcessed != nil)
            #expect(info.totalKeys == 1000)
            #expect(info.sections.map(\.name).contains("keyspace"))
        }
        for reply in try Fixture.both(version, "cluster-healthy/info-everything") {
            let info = try ServerInfo(reply: reply)
            #expect(info.sections.count > 8)
            #expect(info["redis_version"] != nil)
        }
        for reply in try Fixture.both(version, "cluster-healthy/info-replication-master") {
            let replication = try #require(try ServerInfo(reply: reply).replication)
            #expect(replication.replicas.count == 1)
            let line = try #require(replication.replicas.first)
            #expect(line.ip == "127.0.0.1" && line.port != nil && line.state == "online" && line.offset != nil && line.lag != nil)
            #expect(replication.masterReplOffset ?? 0 > 0)
            #expect(replication.hasPreviousReplID == false)
            #expect(replication.secondReplOffset == -1)
        }
        for reply in try Fixture.both(version, "cluster-healthy/info-replication-replica") {
            let replication = try #require(try ServerInfo(reply: reply).replication)
            #expect(replication.role == "slave")
            #expect(replication.masterLinkUp == true)
            #expect(replication.masterHost == "127.0.0.1")
            #expect(replication.replicaOffset ?? 0 > 0)
        }
    }

    @Test("ROLE: master, replica, sentinel", arguments: Fixture.versions)
    func role(version: String) throws {
        for reply in try Fixture.both(version, "cluster-healthy/role-master") {
            guard case .master(let offset, let replicas) = try RoleReply(reply: reply) else { Issue.record("not master"); continue }
            #expect(offset > 0)
            #expect(replicas.count == 1)
        }
        for reply in try Fixture.both(version, "cluster-healthy/role-replica") {
            guard case .replica(let master, let state, _) = try RoleReply(reply: reply) else { Issue.record("not replica"); continue }
            #expect(master.host == "127.0.0.1")
            #expect(state == "connected")
        }
        for reply in try Fixture.both(version, "sentinel/role-sentinel") {
            #expect(try RoleReply(reply: reply) == .sentinel(masterNames: ["labmaster"]))
        }
    }

    @Test("open slot: migrating on the source, importing on the target", arguments: Fixture.versions)
    func openSlot(version: String) throws {
        for reply in try Fixture.both(version, "cluster-open-slot/cluster-nodes-migrating") {
            let view = try ClusterNodesView(reply: reply)
            let me = try #require(view.myself)
            #expect(me.migrations.count == 1)
            let m = try #require(me.migrations.first)
            #expect(m.slot == 10 && m.direction == .migrating)
            #expect(view.entry(m.peer)?.flags.isMaster == true)
            #expect(me.unknownSlotTokens.isEmpty)
        }
        for reply in try Fixture.both(version, "cluster-open-slot/cluster-nodes-importing") {
            let me = try #require(try ClusterNodesView(reply: reply).myself)
            #expect(me.migrations.map(\.slot) == [10])
            #expect(me.migrations.first?.direction == .importing)
        }
        for reply in try Fixture.both(version, "cluster-open-slot/cluster-nodes-other") {
            #expect(try ClusterNodesView(reply: reply).entries.allSatisfy { $0.migrations.isEmpty })
        }
        for reply in try Fixture.both(version, "cluster-open-slot/ask") {
            guard case .ask(10, let target) = ErrorReply(reply) else { Issue.record("not ASK 10"); continue }
            #expect(target.host == "127.0.0.1")
        }
        for reply in try Fixture.both(version, "cluster-open-slot/tryagain") {
            // 6.x answers a multi-key request over a half-moved slot with ASK, 7.0+ with TRYAGAIN.
            switch ErrorReply(reply) {
            case .tryAgain, .ask(10, _): break
            default: Issue.record("not TRYAGAIN/ASK")
            }
        }
    }

    @Test("unassigned: slots 100-199 unowned, cluster_state fail", arguments: Fixture.versions)
    func unassigned(version: String) throws {
        for reply in try Fixture.both(version, "cluster-unassigned/cluster-nodes") {
            let view = try ClusterNodesView(reply: reply)
            let owned = Set(view.entries.flatMap { $0.slots.flatMap { Array($0.start...$0.end) } })
            #expect(owned.count == 16284)
            #expect(!owned.contains(100) && !owned.contains(199) && owned.contains(99) && owned.contains(200))
        }
        for reply in try Fixture.both(version, "cluster-unassigned/cluster-info") {
            let info = try ClusterInfo(reply: reply)
            #expect(info.state == .fail)
            #expect(info.slotsAssigned == 16284)
        }
        for reply in try Fixture.both(version, "cluster-unassigned/get-hash-slot-not-served") {
            guard case .slotNotServed = ErrorReply(reply) else { Issue.record("not slot-not-served"); continue }
        }
        for reply in try Fixture.both(version, "cluster-unassigned/get-cluster-is-down") {
            guard case .clusterDown = ErrorReply(reply) else { Issue.record("not CLUSTERDOWN"); continue }
        }
    }

    @Test("pfail and fail: the killed master is flagged", arguments: Fixture.versions)
    func failing(version: String) throws {
        let killedPort: Int? = (Fixture.state(version, "cluster-master-fail")["killed"] as? Int)
        for (state, flag) in [("cluster-master-pfail", NodeFlag.possiblyFailing), ("cluster-master-fail", NodeFlag.fail)] {
            for reply in try Fixture.both(version, "\(state)/cluster-nodes") {
                let view = try ClusterNodesView(reply: reply)
                let failing = view.entries.filter { $0.flags.contains(flag) }
                #expect(failing.count == 1, "\(state)")
                #expect(failing.first?.flags.isMaster == true)
                if let killedPort { #expect(failing.first?.address.port == killedPort) }
                #expect(view.entries.filter { $0.flags.isFailing }.count == 1)
            }
        }
    }

    @Test("failed over: the replica is master with a higher epoch", arguments: Fixture.versions)
    func failedOver(version: String) throws {
        for reply in try Fixture.both(version, "cluster-failed-over/cluster-nodes") {
            let view = try ClusterNodesView(reply: reply)
            let old = try #require(view.entries.first { $0.flags.contains(.fail) })
            let promoted = try #require(view.entries.first { $0.flags.isMaster && !$0.flags.isFailing && $0.slots.contains(SlotRange(5461, 10922)) })
            #expect(promoted.configEpoch > old.configEpoch)
            #expect(old.slots.isEmpty)
            let roles = Fixture.roles(version)
            if let rm = roles["RM"], let m = roles["M"] {
                #expect(promoted.id == rm.id)
                #expect(old.id == m.id)
            }
        }
    }

    @Test("ghost: a noaddr failed entry for the old id", arguments: Fixture.versions)
    func ghost(version: String) throws {
        for reply in try Fixture.both(version, "cluster-ghost/cluster-nodes") {
            let view = try ClusterNodesView(reply: reply)
            let ghost = try #require(view.entries.first { $0.flags.contains(.noAddress) })
            #expect(ghost.flags.contains(.fail))
            #expect(ghost.address.isUnset)
            #expect(ghost.announced.busPort == 0)
            #expect(ghost.linkState == .disconnected)
            if let r = Fixture.roles(version)["R"] { #expect(ghost.id == r.id) }
        }
    }

    @Test("hostname: hostnames in NODES, SLOTS, SHARDS and MOVED")
    func hostname() throws {
        let version = "redis-7.0.15"
        for reply in try Fixture.both(version, "cluster-hostname/cluster-nodes") {
            let view = try ClusterNodesView(reply: reply)
            #expect(view.entries.allSatisfy { $0.announced.hostname == "127.0.0.2" && $0.address.host == "127.0.0.1" })
        }
        for reply in try Fixture.both(version, "cluster-hostname/cluster-slots") {
            let slots = try ClusterSlots(reply: reply)
            #expect(slots.assignments.allSatisfy { $0.master.endpoint == "127.0.0.2" && $0.master.ip == "127.0.0.1" })
        }
        for reply in try Fixture.both(version, "cluster-hostname/cluster-shards") {
            let shards = try ClusterShards(reply: reply)
            #expect(shards.shards.flatMap(\.nodes).allSatisfy { $0.hostname == "127.0.0.2" && $0.endpoint == "127.0.0.2" })
        }
        for reply in try Fixture.both(version, "cluster-hostname/moved") {
            #expect(ErrorReply(reply) == .moved(slot: 16383, target: RedirectTarget(host: "127.0.0.2", port: 7402)))
        }
    }

    @Test("errors: MOVED, auth, unknown command", arguments: Fixture.versions)
    func errors(version: String) throws {
        for reply in try Fixture.both(version, "cluster-healthy/moved") {
            guard case .moved(let slot, let target) = ErrorReply(reply) else { Issue.record("not MOVED"); continue }
            #expect(slot == KeySlot.slot(forKey: "fx:{t11021}"))
            #expect(target.host == "127.0.0.1")
        }
        for reply in try Fixture.both(version, "cluster-healthy/crossslot") {
            guard case .crossSlot = ErrorReply(reply) else { Issue.record("not CROSSSLOT"); continue }
        }
        for reply in try Fixture.both(version, "cluster-healthy/unknown-subcommand") {
            guard case .unknownCommand = ErrorReply(reply) else { Issue.record("not unknown"); continue }
        }
        for reply in try Fixture.both(version, "auth/get-noauth") {
            guard case .noAuth = ErrorReply(reply) else { Issue.record("not NOAUTH"); continue }
        }
        for reply in try Fixture.both(version, "auth/auth-wrongpass") {
            guard case .wrongPass = ErrorReply(reply) else { Issue.record("not WRONGPASS"); continue }
        }
        #expect(throws: ModelParseError.self) { try ClusterNodesView(reply: try Fixture.value(version, "auth/cluster-nodes-noauth.resp2")) }
    }

    @Test("MOVED/ASK with unknown endpoints and IPv6")
    func redirectForms() {
        #expect(ErrorReply(message: "-MOVED 3999 ?:6379") == .moved(slot: 3999, target: RedirectTarget(host: nil, port: 6379)))
        #expect(ErrorReply(message: "ASK 1 :6380") == .ask(slot: 1, target: RedirectTarget(host: nil, port: 6380)))
        #expect(ErrorReply(message: "MOVED 7 ::1:7000") == .moved(slot: 7, target: RedirectTarget(host: "::1", port: 7000)))
        #expect(ErrorReply(message: "MOVED 7 redis-0.redis.svc:6379").description == "MOVED 7 redis-0.redis.svc:6379")
        #expect(ErrorReply(message: "LOADING Redis is loading the dataset in memory") == .loading(message: "LOADING Redis is loading the dataset in memory"))
        #expect(ErrorReply(message: "SOMETHINGNEW x") == .other(code: "SOMETHINGNEW", message: "SOMETHINGNEW x"))
    }
}
