import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// Before anything moves: the typed confirmation, and a node that does not answer.
@Suite struct ReshardSafetyTests {
    @Test func onATerminalOnlyTheSlotCountGoesAhead() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Array(0..<10), keysPerSlot: 5)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let arguments = ["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--slots", "0-9", "--to", cluster.masters[1].id,
                         "--journal", journal]
        let before = try await commandStats(cluster)
        for wrong in ["y\n", "yes\n", "1\n"] {
            let refused = try await BinaryRunner.run(arguments, terminal: true, input: wrong)
            #expect(refused.status == 1, "\(refused.standardOutput)")
            #expect(refused.standardOutput.contains("Type 10 (the number of slots this plan touches)"), "\(refused.standardOutput)")
            #expect(refused.standardOutput.contains("not confirmed: nothing was changed"))
        }
        #expect(mutating(try await commandStats(cluster)) == mutating(before))
        let refused = try await BinaryRunner.run(arguments)
        #expect(refused.status == 2 && refused.standardError.contains("needs confirmation: pass --yes"), "\(refused.standardError)")
        let confirmed = try await BinaryRunner.run(arguments, terminal: true, input: "10\n")
        #expect(confirmed.status == 0, "\(confirmed.standardOutput)")
        #expect(confirmed.standardOutput.contains("Verified:"))
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// Every master gets SETSLOT NODE: a frozen one, even a bystander, stops the start and is
    /// named, within the timeout; nothing is sent to the others.
    @Test func aStoppedMasterRefusesTheStartAndIsNamed() async throws {
        let (sandbox, cluster, _) = try await reshardCluster(slots: [0, 1], keysPerSlot: 5)
        let stopped = cluster.masters[2]
        #expect(stopped.process.pause())
        let before = try await mutatingStats(of: [cluster.masters[0], cluster.masters[1]])
        let result = try await BinaryRunner.run(["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--slots", "0-1",
                                                 "--to", cluster.masters[1].id, "--yes", "--timeout", "1s", "--journal", temporaryJournal()])
        #expect(stopped.process.resume())
        #expect(result.status == 2, "\(result.standardOutput)")
        #expect(result.standardError.contains("cannot start: 127.0.0.1:\(stopped.port)"), "\(result.standardError)")
        #expect(result.standardError.contains("--force-unreachable"))
        #expect(try await mutatingStats(of: [cluster.masters[0], cluster.masters[1]]) == before)
        await sandbox.stopAll()
    }

    /// On a cluster with a password, MIGRATE carries AUTH; the password is in no output,
    /// journal or command log.
    @Test func passwordClusterMovesKeysAndNeverShowsThePassword() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0, options: ServerOptions(password: "s3cret-pw"))
        let keys = try await sandbox.loadKeys(into: cluster, slots: Array(0..<100), keysPerSlot: 10, prefix: "pw").keys
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let result = try await BinaryRunner.run(["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--slots", "0-99",
                                                 "--to", cluster.masters[1].id, "--yes", "--journal", journal],
                                                environment: ["REDISCLI_AUTH": "s3cret-pw"])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("Verified:"))
        #expect(try await unreadableKeys(keys, in: cluster, credentials: Credentials(password: "s3cret-pw")).isEmpty)
        let log = try String(contentsOfFile: journal + "/commands.log", encoding: .utf8)
        #expect(log.contains("AUTH *** KEYS <10 key(s)> -> OK"), "\(log.prefix(600))")
        var written = log + result.standardOutput + result.standardError
        for name in try FileManager.default.contentsOfDirectory(atPath: journal) {
            written += try String(contentsOfFile: journal + "/" + name, encoding: .utf8)
        }
        #expect(!written.contains("s3cret-pw"))
        await sandbox.stopAll()
    }
}
