import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// `slotscope failover` on real clusters, each mode on a 3×1 cluster of its own with keys
/// loaded: the replica becomes master, every node agrees, and every key stays readable.
@Suite struct ClusterFailoverTests {
    /// Keys in slots of the first shard and of the others.
    static let slots = [0, 77, 5000, 5461, 9000, 16383]

    @Test func defaultModeWithTheMasterUp() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let keys = try await sandbox.loadKeys(into: cluster, slots: Self.slots, keysPerSlot: 50).keys
        let master = cluster.masters[0]
        let replica = try #require(cluster.replicas(of: master.id).first)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let arguments = ["failover", "127.0.0.1:\(cluster.masters[1].port)", "--replica", String(replica.id.prefix(12))]
        // On a terminal only the replica's short id goes ahead: never one key press, never "yes".
        for wrong in ["y\n", "yes\n", "\(master.id.prefix(8))\n"] {
            let refused = try await BinaryRunner.run(arguments, environment: ["XDG_STATE_HOME": state], terminal: true, input: wrong)
            #expect(refused.status == 1, "\(refused.standardOutput)")
            #expect(refused.standardOutput.contains("Type \(replica.id.prefix(8)) (the id of the replica to promote)"))
            #expect(refused.standardOutput.contains("not confirmed: nothing was changed"))
        }
        #expect(try await role(replica.process) == "slave")
        let result = try await BinaryRunner.run(arguments, environment: ["XDG_STATE_HOME": state], terminal: true,
                                                input: "\(replica.id.prefix(8))\n")
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let out = result.standardOutput.replacingOccurrences(of: "\r\n", with: "\n")  // a terminal's line ends
        #expect(out.contains("127.0.0.1:\(replica.port) CLUSTER FAILOVER\n"), "\(out)")
        #expect(out.contains("coordinated with it"))
        #expect(out.contains("reports role master"))
        #expect(out.contains("Verified by a fresh poll: 127.0.0.1:\(replica.port)"), "\(out)")
        #expect(out.contains("127.0.0.1:\(master.port) (\(master.id.prefix(8))) is now its replica."), "\(out)")
        #expect(try await role(replica.process) == "master")
        #expect(try await role(master.process) == "slave")
        #expect(try await unreadableKeys(keys, in: cluster, from: cluster.masters[2].port) == [])
        // The command log holds the one command that changed something, with its reply.
        let log = try String(contentsOfFile: state + "/slotscope/commands.log", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 1, "\(log)")
        #expect(log.contains("Z 127.0.0.1:\(replica.port) CLUSTER FAILOVER -> OK\n"), "\(log)")
        await sandbox.stopAll()
    }

    /// The master is SIGSTOPped: default mode is refused (it needs the master), FORCE works
    /// with the votes of the two other masters.
    @Test func forceWithTheMasterStopped() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let keys = try await sandbox.loadKeys(into: cluster, slots: Self.slots, keysPerSlot: 50).keys
        let master = cluster.masters[0]
        let replica = try #require(cluster.replicas(of: master.id).first)
        // Keep the cluster's own automatic failover out of the race; a manual one still runs.
        _ = try await sandbox.command(replica.process, "CONFIG", "SET", "cluster-replica-no-failover", "yes")
        #expect(master.process.pause())
        let seed = "127.0.0.1:\(cluster.masters[1].port)"

        let refused = try await BinaryRunner.run(["failover", seed, "--replica", replica.id, "--yes", "--timeout", "1s"])
        #expect(refused.status == 2, "\(refused.standardOutput)")
        #expect(refused.standardError.contains("its master 127.0.0.1:\(master.port)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("pass --force"))

        let result = try await BinaryRunner.run(["failover", seed, "--replica", replica.id, "--force", "--yes", "--timeout", "1s"])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("CLUSTER FAILOVER FORCE"), "\(out)")
        #expect(out.contains("writes it accepted that the replica has not received yet are lost"))
        #expect(out.contains("nofailover flag"))
        #expect(out.contains("does not answer (timed out)"), "\(out)")
        #expect(out.contains("Findings now:"))
        #expect(try await role(replica.process) == "master")
        #expect(try await unreadableKeys(keys, in: cluster, from: cluster.masters[1].port) == [])
        #expect(master.process.resume())
        await sandbox.stopAll()
    }

    @Test func takeoverWithEveryoneUp() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let keys = try await sandbox.loadKeys(into: cluster, slots: Self.slots, keysPerSlot: 50).keys
        let master = cluster.masters[2]
        let replica = try #require(cluster.replicas(of: master.id).first)
        let result = try await BinaryRunner.run(["failover", "127.0.0.1:\(cluster.masters[0].port)",
                                                 "--replica", String(replica.id.prefix(10)), "--takeover", "--yes"])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("CLUSTER FAILOVER TAKEOVER"), "\(out)")
        #expect(out.contains("epoch collision"))
        #expect(out.contains("Verified by a fresh poll"), "\(out)")
        #expect(try await role(replica.process) == "master")
        #expect(try await role(master.process) == "slave")
        #expect(try await unreadableKeys(keys, in: cluster, from: cluster.masters[0].port) == [])
        await sandbox.stopAll()
    }

    /// A replica whose link is down while its master answers is refused in every mode.
    @Test func replicaWithItsLinkDownIsRefused() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        let replica = cluster.replicas[0]
        // A masterauth the master refuses (it has no password) and a dropped link: the
        // replica's AUTH fails on every reconnect, so the link stays down.
        _ = try await sandbox.command(replica.process, "CONFIG", "SET", "masterauth", "wrong")
        _ = try await sandbox.command(replica.process, "CLIENT", "KILL", "TYPE", "master")
        let seed = "127.0.0.1:\(cluster.masters[1].port)"
        let before = try await mutatingStats(of: cluster.nodes)
        for mode in [[], ["--force"]] {
            let result = try await BinaryRunner.run(["failover", seed, "--replica", replica.id, "--yes"] + mode)
            #expect(result.status == 2, "\(result.standardOutput)")
            #expect(result.standardError.contains("replication link to its master"), "\(result.standardError)")
        }
        #expect(try await mutatingStats(of: cluster.nodes) == before)
        await sandbox.stopAll()
    }
}

/// Refusals and the dry run on the shared healthy cluster: none of them may change it.
@Suite struct FailoverRefusalTests {
    @Test func wrongIDsAreRefusedAndTheDryRunChangesNothing() async throws {
        let (_, cluster) = try await SharedCluster.get()
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        // Other tests share this cluster (one sends a malformed SETSLOT on purpose): what a
        // failover could send is CLUSTER FAILOVER, so that is what must not have moved.
        func failoverCalls() async throws -> [String: Int] {
            try await mutatingStats(of: cluster.nodes).filter { $0.key.hasSuffix("|failover") }
        }
        let before = try await failoverCalls()

        let unknown = try await BinaryRunner.run(["failover", seed, "--replica", "ffffffffzz", "--yes"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no node id starts with ffffffffzz; replicas: 127.0.0.1:"), "\(unknown.standardError)")

        let master = cluster.masters[1]
        let onMaster = try await BinaryRunner.run(["failover", seed, "--replica", master.id, "--yes"])
        #expect(onMaster.status == 2)
        #expect(onMaster.standardError.contains("is a master: give one of its replicas (127.0.0.1:\(cluster.replicas(of: master.id)[0].port)"),
                "\(onMaster.standardError)")

        let both = try await BinaryRunner.run(["failover", seed, "--replica", cluster.replicas[0].id, "--force", "--takeover"])
        #expect(both.status == 2)
        #expect(both.standardError.contains("give one"))

        let replica = cluster.replicas[0]
        let dry = try await BinaryRunner.run(["failover", seed, "--replica", replica.id, "--force", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("Plan: failover FORCE — 1 step(s) on 1 node(s)\n"), "\(dry.standardOutput)")
        #expect(dry.standardOutput.contains("  1. 127.0.0.1:\(replica.port) CLUSTER FAILOVER FORCE"))
        #expect(dry.standardOutput.contains("Dry run: nothing was changed."))

        let unconfirmed = try await BinaryRunner.run(["failover", seed, "--replica", replica.id])
        #expect(unconfirmed.status == 2)
        #expect(unconfirmed.standardError.contains("needs confirmation: pass --yes"))

        let after = try await failoverCalls()
        #expect(after == before, "changed: \(after.filter { before[$0.key] != $0.value })")
        #expect(try await role(replica.process) == "slave")
    }
}

/// `ROLE`'s first element.
func role(_ process: ServerProcess) async throws -> String {
    let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: process.port))
    defer { connection.close() }
    return try await connection.send(RESPCommand("ROLE")).elements?.first?.string ?? "?"
}
