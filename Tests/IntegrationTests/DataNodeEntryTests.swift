import Foundation
import Sandbox
import Testing
import TestSupport

/// `check`, `snapshot` and `watch` given a standalone master or replica: the group is found
/// by following INFO replication, the sentinels by listening on `__sentinel__:hello`.
@Suite(.serialized) struct DataNodeEntryTests {
    static func address(_ process: ServerProcess) -> String { "127.0.0.1:\(process.port)" }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func ports(_ list: Any?) -> Set<Int> {
        Set(((list as? [[String: Any]]) ?? []).compactMap { ($0["address"] as? [String: Any])?["port"] as? Int })
    }

    @Test func fromTheMasterTheSentinelsAreFound() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2)
        let validator = try SchemaValidator.repository()

        // From the master: the sentinels are heard, the whole group is inspected through them.
        let fromMaster = try await BinaryRunner.run(["check", Self.address(group.master)])
        #expect(fromMaster.status == 0, "\(fromMaster.standardOutput)\(fromMaster.standardError)")
        #expect(fromMaster.standardError.contains("belongs to Sentinel group mymaster"), "\(fromMaster.standardError)")
        #expect(fromMaster.standardOutput.contains("3 sentinels (3 reachable)"), "\(fromMaster.standardOutput)")
        #expect(fromMaster.standardOutput.contains("mymaster: master \(Self.address(group.master)) named by 3/3 sentinels; 3 data nodes (3 reachable)"),
                "\(fromMaster.standardOutput)")
        for replica in group.replicas {
            #expect(fromMaster.standardOutput.contains("\(Self.address(replica))  replica of \(Self.address(group.master)), link up"),
                    "\(fromMaster.standardOutput)")
        }

        let checkJSON = try await BinaryRunner.run(["check", "--json", Self.address(group.master)])
        #expect(checkJSON.status == 0, "\(checkJSON.standardError)")
        #expect(try validator.violations(of: Data(checkJSON.standardOutput.utf8), against: "sentinel-check.schema.json") == [])

        // A stopped sentinel: exit 1, and both documents (with its failure) still hold to their schemas.
        let stopped = group.sentinels[2]
        #expect(stopped.pause())
        let degraded = try await BinaryRunner.run(["check", "--json", "--timeout", "800ms", Self.address(group.master)])
        let degradedSnapshot = try await BinaryRunner.run(["snapshot", "--timeout", "800ms",
                                                           "--sentinel", Self.address(group.sentinels[0])])
        #expect(stopped.resume())
        #expect(degraded.status == 1, "\(degraded.standardOutput)\(degraded.standardError)")
        #expect(try Self.json(degraded.standardOutput)["healthy"] as? Bool == false)
        #expect(try Self.json(degraded.standardOutput)["exitCode"] as? Int == 1)
        #expect(try validator.violations(of: Data(degraded.standardOutput.utf8), against: "sentinel-check.schema.json") == [])
        #expect(degraded.standardOutput.contains("sentinel-unreachable"), "\(degraded.standardOutput)")
        #expect(degradedSnapshot.status == 0, "\(degradedSnapshot.standardError)")
        #expect(try validator.violations(of: Data(degradedSnapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])
        #expect(degradedSnapshot.standardOutput.contains("\"failure\""), "\(degradedSnapshot.standardOutput)")
        await sandbox.stopAll()
    }

    @Test func fromAReplicaTheSentinelsAreFound() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2)
        let validator = try SchemaValidator.repository()

        // From a replica, as JSON: every sentinel and data node is in the snapshot.
        let snapshot = try await BinaryRunner.run(["snapshot", Self.address(group.replicas[1])])
        #expect(snapshot.status == 0, "\(snapshot.standardError)")
        let document = try Self.json(snapshot.standardOutput)
        #expect(document["schema"] as? String == "slotscope.sentinel-snapshot/1")
        let body = try #require(document["snapshot"] as? [String: Any])
        #expect(Self.ports(body["sentinels"]) == Set(group.sentinels.map(\.port)))
        let groups = (body["groups"] as? [[String: Any]]) ?? []
        #expect(groups.count == 1 && groups.first?["name"] as? String == "mymaster")
        #expect(Self.ports(groups.first?["dataNodes"]) == Set(group.dataNodes.map(\.port)))
        #expect(try validator.violations(of: Data(snapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])

        let checkJSON = try await BinaryRunner.run(["check", "--json", Self.address(group.replicas[0])])
        #expect(checkJSON.status == 0, "\(checkJSON.standardError)")
        #expect(try validator.violations(of: Data(checkJSON.standardOutput.utf8), against: "sentinel-check.schema.json") == [])
        let target = try #require(try Self.json(checkJSON.standardOutput)["target"] as? String)
        #expect(target.hasPrefix("\(Self.address(group.replicas[0])) (sentinel 127.0.0.1:"), "\(target)")

        // watch from a replica subscribes to the sentinels it found.
        let watch = try await BinaryRunner.run(["watch", Self.address(group.replicas[0]), "--count", "1"])
        #expect(watch.status == 0, "\(watch.standardError)")
        #expect(watch.standardError.contains("watching 3 sentinels"), "\(watch.standardError)")
        await sandbox.stopAll()
    }

    @Test func theInspectorEntryShowsTheGroupAndWatchesIt() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 1, sentinels: 2, quorum: 1)
        // `slotscope HOST:PORT` on a replica: no terminal is needed, the group is shown as text.
        let inspector = try BackgroundBinary([Self.address(group.replicas[0]), "--interval", "300ms"])
        let expected = "mymaster: master \(Self.address(group.master)) named by 2/2 sentinels; 2 data nodes (2 reachable)"
        let deadline = ContinuousClock.now + .seconds(20)  // a hang guard only
        while !inspector.lines.contains(where: { $0.text.contains(expected) }) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        // SIGTERM (what `kubectl delete` sends) ends it like Ctrl-C: cleanly, exit 0.
        #expect(await inspector.stop() == 0, "\(inspector.standardError)")
        #expect(inspector.lines.contains { $0.text.contains(expected) }, "\(inspector.lines.map(\.text))")
        await sandbox.stopAll()
    }

    @Test func theMonitoringACLOfSlotscopeAclIsEnoughToFindTheSentinels() async throws {
        let sandbox = try makeSandbox()
        // Data nodes: the default user's password for the sentinels (auth-pass), and the
        // read-only user `slotscope acl` prints for Slotscope. Sentinels: no password.
        let options = ServerOptions(password: "data-secret", aclUsers: [.monitoring(password: "mon-pw")])
        let group = try await sandbox.startSentinelGroup(replicas: 1, sentinels: 2, quorum: 1, options: options,
                                                         sentinelOptions: ServerOptions())
        let check = try await BinaryRunner.run(["check", Self.address(group.replicas[0]), "--user", "slotscope",
                                                "--sentinel-no-auth"], environment: ["REDISCLI_AUTH": "mon-pw"])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("mymaster: master \(Self.address(group.master)) named by 2/2 sentinels; 2 data nodes (2 reachable)"),
                "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("NOPERM"), "\(check.standardOutput)")
        await sandbox.stopAll()
    }

    @Test func fromAReplicaOfAGroupWithoutSentinels() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startReplication(replicas: 2)
        let master = Self.address(group.master)
        let validator = try SchemaValidator.repository()

        let check = try await BinaryRunner.run(["check", Self.address(group.replicas[0])])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("no sentinel watches it"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("master \(master), no sentinel; 3 data nodes (3 reachable)"), "\(check.standardOutput)")
        #expect(check.standardOutput.contains("[INFO] No sentinel watches the replication group of \(master)"), "\(check.standardOutput)")
        for replica in group.replicas {
            #expect(check.standardOutput.contains("\(Self.address(replica))  replica of \(master), link up"), "\(check.standardOutput)")
        }

        let checkJSON = try await BinaryRunner.run(["check", "--json", Self.address(group.replicas[1])])
        #expect(checkJSON.status == 0)
        #expect(try validator.violations(of: Data(checkJSON.standardOutput.utf8), against: "sentinel-check.schema.json") == [])
        let snapshot = try await BinaryRunner.run(["snapshot", Self.address(group.replicas[1])])
        #expect(snapshot.status == 0, "\(snapshot.standardError)")
        #expect(try validator.violations(of: Data(snapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])
        let groups = (try Self.json(snapshot.standardOutput)["snapshot"] as? [String: Any])?["groups"] as? [[String: Any]] ?? []
        #expect(groups.first?["unmonitored"] as? Bool == true)
        #expect(groups.first?["name"] as? String == master)
        #expect(Self.ports(groups.first?["dataNodes"]) == Set(([group.master] + group.replicas).map(\.port)))

        // A replica promoted away from its master: two masters, one exit-1 check and a role line in watch.
        let watch = try BackgroundBinary(["watch", master, "--interval", "300ms"])
        try await watch.waitFor("the watch's first poll", timeout: 30) { _, errors in errors.contains("watching the replication group") }
        _ = try await sandbox.command(group.replicas[1], "REPLICAOF", "NO", "ONE")
        let roleLine = "role          \(Self.address(group.replicas[1]))  replica → master"
        try await watch.waitFor("the role line", timeout: 30) { lines, _ in lines.contains { $0.contains(roleLine) } }
        #expect(await watch.interrupt() == 0, "\(watch.standardError)")

        // The promoted replica alone has nothing linked to it any more: the standalone line stays.
        let alone = try await BinaryRunner.run(["check", Self.address(group.replicas[1])])
        #expect(alone.status == 2, "\(alone.standardOutput)")
        #expect(alone.standardError.contains("is a standalone Redis server"), "\(alone.standardError)")
        #expect(alone.standardError.contains("it was promoted from a replica"), "\(alone.standardError)")
        #expect(alone.standardError.split(separator: "\n").count == 1)

        // The master with one replica left, no sentinel: healthy apart from the note.
        let after = try await BinaryRunner.run(["check", master])
        #expect(after.status == 0, "\(after.standardOutput)")
        #expect(after.standardOutput.contains("2 data nodes (2 reachable)"), "\(after.standardOutput)")

        // Its replica stopped: a warning, exit 1; the JSON names it unreachable and holds to the schema.
        #expect(group.replicas[0].pause())
        let stalled = try await BinaryRunner.run(["check", "--json", "--timeout", "800ms", master])
        let stalledSnapshot = try await BinaryRunner.run(["snapshot", "--timeout", "800ms", master])
        #expect(group.replicas[0].resume())
        #expect(stalled.status == 1, "\(stalled.standardOutput)\(stalled.standardError)")
        #expect(try validator.violations(of: Data(stalled.standardOutput.utf8), against: "sentinel-check.schema.json") == [])
        #expect(stalled.standardOutput.contains("\"unreachable\" : \"timed out\""), "\(stalled.standardOutput)")
        #expect(try validator.violations(of: Data(stalledSnapshot.standardOutput.utf8), against: "sentinel-snapshot.schema.json") == [])
        await sandbox.stopAll()
    }
}
