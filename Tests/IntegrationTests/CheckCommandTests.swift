import Foundation
import Sandbox
import Testing
import Wire

/// `slotscope check`, `snapshot` and `watch`, run as a user runs them, on real clusters.
@Suite struct CheckCommandTests {
    @Test func healthyClusterExitsZeroAndItsJSONFollowsTheSchema() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let human = try await BinaryRunner.run(["check", seed])
        #expect(human.status == 0, "stdout: \(human.standardOutput) stderr: \(human.standardError)")
        #expect(human.standardOutput.contains("6 nodes (3 masters, 3 replicas, 6 reachable), 16384 of 16384 slots served, cluster_state:ok"))
        #expect(human.standardOutput.contains("OK: no problems"))

        let json = try await BinaryRunner.run(["check", seed, "--json"])
        #expect(json.status == 0)
        let validator = try SchemaValidator.repository()
        let problems = try validator.violations(of: Data(json.standardOutput.utf8), against: "check.schema.json")
        #expect(problems.isEmpty, "\(problems)")

        let snapshot = try await BinaryRunner.run(["snapshot", seed, "--json"])
        #expect(snapshot.status == 0, "\(snapshot.standardError)")
        let snapshotProblems = try validator.violations(of: Data(snapshot.standardOutput.utf8), against: "snapshot.schema.json")
        #expect(snapshotProblems.isEmpty, "\(snapshotProblems.prefix(10))")
    }

    @Test func brokenClusterExitsOneWithTheFindingAndItsFix() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        _ = try await sandbox.unassignSlots(100...199, in: cluster)
        let result = try await BinaryRunner.run(["check", "127.0.0.1:\(cluster.masters[1].port)"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("[CRITICAL]"))
        #expect(result.standardOutput.contains("100-199"))
        #expect(result.standardOutput.contains("fix: "))

        let json = try await BinaryRunner.run(["check", "127.0.0.1:\(cluster.masters[1].port)", "--json"])
        #expect(json.status == 1)
        let problems = try SchemaValidator.repository().violations(of: Data(json.standardOutput.utf8), against: "check.schema.json")
        #expect(problems.isEmpty, "\(problems)")
        #expect(json.standardOutput.contains("\"kind\" : \"unassigned-slots\""))
        await sandbox.stopAll()
    }

    @Test func stoppedNodeCheckFinishesWithinItsTimeoutAndNamesTheNode() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let stopped = cluster.masters[2]
        #expect(stopped.process.pause())
        let clock = ContinuousClock()
        let started = clock.now
        let result = try await BinaryRunner.run(["check", "127.0.0.1:\(cluster.masters[0].port)", "--timeout", "1s"])
        let took = clock.now - started
        #expect(result.status == 1, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("127.0.0.1:\(stopped.port)") || result.standardOutput.contains(String(stopped.id.prefix(8))),
                "\(result.standardOutput)")
        // A hang guard (the suite shares two cores); the node is named as timed out above.
        #expect(took < .seconds(20), "check took \(took): it must not hang on a stopped node")
        #expect(stopped.process.resume())
        await sandbox.stopAll()
    }

    @Test func standaloneAndSentinelEndpointsAreNamedNotMisparsed() async throws {
        let sandbox = try makeSandbox()
        let standalone = try await sandbox.startStandalone()
        let plain = try await BinaryRunner.run(["check", "127.0.0.1:\(standalone.port)"])
        #expect(plain.status == 2)
        #expect(plain.standardError.contains("is a standalone Redis server"), "\(plain.standardError)")
        #expect(plain.standardError.split(separator: "\n").count == 1)

        let group = try await sandbox.startSentinelGroup(replicas: 1, sentinels: 1, quorum: 1)
        let sentinel = try await BinaryRunner.run(["check", "127.0.0.1:\(group.sentinels[0].port)"])
        #expect(sentinel.status == 2)
        #expect(sentinel.standardError.contains("is a Redis Sentinel"), "\(sentinel.standardError)")
        #expect(sentinel.standardError.contains("--sentinel"))
        await sandbox.stopAll()
    }

    @Test func monitoringUserFromSlotscopeAclCanCheckAndWatchWithoutNOPERM() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let acl = try await BinaryRunner.run(["acl", "--user", "watcher"])
        #expect(acl.status == 0)
        var arguments = acl.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ").map(String.init)
        arguments = arguments.map { $0 == "><password>" ? ">watcher-pw" : $0 }
        for node in cluster.nodes {
            let admin = Connection(endpoint: Endpoint(host: "127.0.0.1", port: node.port), options: testOptions())
            #expect(try await admin.send(.init(arguments)).string == "OK")
        }
        let environment = ["REDISCLI_AUTH": "watcher-pw"]
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let check = try await BinaryRunner.run(["check", seed, "--user", "watcher"], environment: environment)
        #expect(!check.standardOutput.contains("NOPERM") && !check.standardError.contains("NOPERM"), "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("unreadable-reply") && !check.standardOutput.contains("no permission"))
        #expect(check.standardOutput.contains("16384 of 16384 slots served"))
        let watch = try await BinaryRunner.run(["watch", seed, "--user", "watcher", "--count", "2", "--interval", "200ms"],
                                               environment: environment)
        #expect(watch.status == 0, "\(watch.standardError)")
        #expect(!watch.standardError.contains("NOPERM"))
        await sandbox.stopAll()
    }

    @Test func watchPrintsTheFailoverOfAKilledMaster() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1, options: ServerOptions(nodeTimeoutMilliseconds: 1000))
        let victim = cluster.masters[0]
        let seed = "127.0.0.1:\(cluster.masters[1].port)"
        let watch = try BackgroundBinary(["watch", seed, "--interval", "300ms"])
        try await watch.waitFor("the watch's first poll", timeout: 30) { _, errors in errors.contains("watching 127.0.0.1:") }
        #expect(victim.process.kill())
        // On a loaded machine the election can take several seconds after the kill.
        try await watch.waitFor("the failover line", timeout: 60) { lines, _ in lines.contains { $0.contains("failover") } }
        let status = await watch.interrupt()
        #expect(status == 0, "\(watch.standardError)")
        let lines = watch.lines.map(\.text)
        #expect(lines.contains { $0.contains("nodeFailed") || $0.contains("nodePossiblyFailing") || $0.contains("nodeUnreachable") },
                "\(lines)")
        await sandbox.stopAll()
    }

    /// SIGTERM while the first poll still waits (here on a stopped node) ends the watch
    /// cleanly too: the handler is in place before the first poll, not after it.
    @Test func sigtermDuringTheFirstPollEndsTheWatchCleanly() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let stopped = cluster.masters[2]
        #expect(stopped.process.pause())
        defer { _ = stopped.process.resume() }
        let watch = try BackgroundBinary(["watch", "127.0.0.1:\(cluster.masters[0].port)", "--timeout", "8s"])
        // The first poll cannot end before the stopped node's 8 s timeout; the handler must
        // be there well before that (hang guard 6 s).
        let deadline = ContinuousClock.now + .seconds(6)
        while !watch.catches(SIGTERM) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(watch.catches(SIGTERM), "no SIGTERM handler during the first poll")
        #expect(!watch.standardError.contains("watching "), "the first poll ended already: \(watch.standardError)")
        #expect(await watch.stop() == 0, "\(watch.standardError)")
        #expect(watch.standardError.contains("stopping after the poll in flight"), "\(watch.standardError)")
        await sandbox.stopAll()
    }
}

/// `slotscope explain` on a cluster whose announced addresses cannot be reached from here.
@Suite struct ExplainCommandTests {
    @Test func movedToAnUnreachableAnnouncedAddressIsDiagnosed() async throws {
        let sandbox = try makeSandbox()
        let unreachable = try await sandbox.startClusterWithUnreachableAnnouncedEndpoint()
        let port = unreachable.cluster.masters[2].port
        let seed = "127.0.0.1:\(unreachable.cluster.masters[0].port)"
        let result = try await BinaryRunner.run(["explain", "MOVED 12182 127.0.0.2:\(port)", seed, "--timeout", "1s"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("MOVED: slot 12182 is served by 127.0.0.2:\(port)"))
        #expect(result.standardOutput.contains("[HOLDS]    The address the cluster announces is not reachable from here"),
                "\(result.standardOutput)")
        #expect(result.standardOutput.contains("127.0.0.2:\(port) cannot be reached from here"))
        #expect(result.standardOutput.contains("--map 127.0.0.2:\(port)=HOST:PORT"))
        await sandbox.stopAll()
    }

    @Test func unknownErrorIsAUsageError() async throws {
        let result = try await BinaryRunner.run(["explain", "it broke"])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("slotscope: unknown error"))
    }
}

/// A user whose ACL misses a rule: check still reports what it could read, and names the rule.
@Suite struct DegradedPermissionTests {
    @Test func missingInfoRuleIsNamedWithTheRuleThatAllowsIt() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        for node in cluster.nodes {
            let admin = Connection(endpoint: Endpoint(host: "127.0.0.1", port: node.port), options: testOptions())
            let reply = try await admin.send(.init(["ACL", "SETUSER", "partial", "on", ">partial-pw", "-@all", "+ping", "+hello",
                                                    "+auth", "+client|setname", "+cluster|nodes", "+cluster|info", "+cluster|slots"]))
            #expect(reply.string == "OK")
        }
        let result = try await BinaryRunner.run(["check", "127.0.0.1:\(cluster.masters[0].port)", "--user", "partial"],
                                                environment: ["REDISCLI_AUTH": "partial-pw"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.contains("16384 of 16384 slots served"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("NOPERM"))
        #expect(result.standardOutput.contains("+info"), "\(result.standardOutput)")
        await sandbox.stopAll()
    }
}

/// `--single-endpoint`: inspect through one node and say what was not polled.
@Suite struct SingleEndpointTests {
    @Test func saysWhichNodesWereNotPolled() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let result = try await BinaryRunner.run(["check", "127.0.0.1:\(cluster.masters[0].port)", "--single-endpoint"])
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("1 reachable"))
        #expect(result.standardOutput.contains("Inspected through 127.0.0.1:\(cluster.masters[0].port) only: 5 nodes not polled"))
    }
}
