import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// `slotscope reshard` run as a user runs it, on clusters of its own with keys loaded:
/// every key readable through MOVED afterwards and the key total unchanged.
@Suite struct ReshardCommandTests {
    @Test func movesAThousandSlotsWithTwoHundredThousandKeys() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Array(0..<1000), keysPerSlot: 200)
        #expect(keys.count == 200_000)
        let source = cluster.masters[0], target = cluster.masters[1]
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let result = try await BinaryRunner.run(["reshard", "127.0.0.1:\(source.port)", "--from", String(source.id.prefix(8)),
                                                 "--to", String(target.id.prefix(8)), "--slots", "1000", "--yes", "--journal", journal])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("Moved 1000 slot(s) and 200000 key(s)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Verified:"))
        #expect(result.standardError.contains("keys/s"), "progress goes to stderr: \(result.standardError)")
        #expect(try await totalKeys(cluster) == 200_000)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        for node in cluster.masters {
            let view = try await slotView(of: node)
            #expect((0..<1000).allSatisfy { view.owners[$0] == target.id })
            #expect(!view.open)
        }
        // Every mutating command is in the command log with its reply, and no password.
        let log = try String(contentsOfFile: journal + "/commands.log", encoding: .utf8)
        #expect(log.contains("CLUSTER SETSLOT 999 IMPORTING \(source.id) -> OK"))
        #expect(log.contains("CLUSTER SETSLOT 999 MIGRATING \(target.id) -> OK"))
        #expect(log.contains("CLUSTER SETSLOT 999 NODE \(target.id) -> OK"))
        #expect(log.contains("MIGRATE 127.0.0.1 \(target.port) \"\" 0 2000 KEYS <200 key(s)> -> OK"))
        #expect(try journalRecord(journal)?["status"] as? String == "finished")
        await sandbox.stopAll()
    }

    @Test func balanceEvensOutTheMastersWithoutLosingKeys() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Array(stride(from: 0, to: 16384, by: 7)), keysPerSlot: 5)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let before = try await totalKeys(cluster)
        let owned = try await slotCounts(cluster)[cluster.masters[0].id] ?? 0
        let uneven = try await BinaryRunner.run(["reshard", seed, "--from", cluster.masters[1].id, "--to", cluster.masters[0].id,
                                                 "--slots", "3000", "--yes", "--journal", journal])
        #expect(uneven.status == 0, "\(uneven.standardError)")
        let skewed = try await slotCounts(cluster)
        #expect(skewed[cluster.masters[0].id] == owned + 3000)

        let balanced = try await BinaryRunner.run(["reshard", seed, "--balance", "--yes", "--journal", journal])
        #expect(balanced.status == 0, "\(balanced.standardOutput)\n\(balanced.standardError)")
        #expect(balanced.standardOutput.contains("Verified:"))
        let counts = try await slotCounts(cluster)
        #expect(counts.values.allSatisfy { abs($0 - 5461) <= 2 }, "\(counts)")
        #expect(try await totalKeys(cluster) == before)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)

        // Already even: nothing to do, and it says so.
        let again = try await BinaryRunner.run(["reshard", seed, "--balance", "--yes", "--journal", journal])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("No rebalancing needed"))
        await sandbox.stopAll()
    }

    /// An emptied master stays out of --balance unless --use-empty-masters brings it back in.
    /// (It stays a master because this test turns replica migration off on it: by default
    /// Redis 7 makes a master that lost its last slot a replica of the new owner.)
    @Test func balanceLeavesAnEmptyMasterAloneUnlessAsked() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 4, replicasPerMaster: 0)
        let keys = try await sandbox.loadKeys(into: cluster, slots: Array(stride(from: 3, to: 16384, by: 97)), keysPerSlot: 3, prefix: "em").keys
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let emptied = cluster.masters[3]
        let stay = try await Connection(endpoint: endpoint(emptied)).send(RESPCommand("CONFIG", "SET", "cluster-allow-replica-migration", "no"))
        #expect(!stay.isError)
        let owned = try await slotCounts(cluster)[emptied.id] ?? 0
        let drain = try await BinaryRunner.run(["reshard", seed, "--from", emptied.id, "--to", cluster.masters[0].id,
                                                "--slots", String(owned), "--yes", "--journal", journal])
        #expect(drain.status == 0, "\(drain.standardError)")
        #expect(try await slotCounts(cluster)[emptied.id] == nil)

        let without = try await BinaryRunner.run(["reshard", seed, "--balance", "--yes", "--journal", journal])
        #expect(without.status == 0, "\(without.standardError)")
        var counts = try await slotCounts(cluster)
        #expect(counts[emptied.id] == nil)
        #expect([0, 1, 2].allSatisfy { abs((counts[cluster.masters[$0].id] ?? 0) - 16384 / 3) <= 2 }, "\(counts)")

        let with = try await BinaryRunner.run(["reshard", seed, "--balance", "--use-empty-masters", "--yes", "--journal", journal])
        #expect(with.status == 0, "\(with.standardError)")
        counts = try await slotCounts(cluster)
        #expect(cluster.masters.allSatisfy { abs((counts[$0.id] ?? 0) - 4096) <= 2 }, "\(counts)")
        #expect(try await totalKeys(cluster) == keys.count)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// --from all: both other masters give slots in proportion, their keys moving in the same
    /// windows at the same time.
    @Test func fromAllTakesFromEverySourceInProportion() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let first = try await slotView(of: cluster.masters[0]).owners
        let lowest = { (id: String) in first.filter { $0.value == id }.keys.sorted().prefix(300) }
        let slots = Array(lowest(cluster.masters[1].id)) + Array(lowest(cluster.masters[2].id))
        let keys = try await sandbox.loadKeys(into: cluster, slots: slots, keysPerSlot: 30, prefix: "all").keys
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let target = cluster.masters[0]
        let result = try await BinaryRunner.run(["reshard", "127.0.0.1:\(target.port)", "--from", "all", "--to", String(target.id.prefix(6)),
                                                 "--slots", "600", "--yes", "--journal", journal])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("Moving 300 slot(s) from") && result.standardOutput.contains(", 300 slot(s) from"),
                "\(result.standardOutput)")
        let after = try await slotView(of: target).owners
        #expect(slots.allSatisfy { after[$0] == target.id })
        #expect(try await totalKeys(cluster) == keys.count)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    /// By default a master that gives away its last slot turns into a replica of the new owner
    /// before it is told the new owner itself: the move completes, and the run says so.
    @Test func drainingAMasterCompletesWhenItTurnsIntoAReplica() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: Array(stride(from: 10_930, to: 16384, by: 50)), keysPerSlot: 4)
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let drained = cluster.masters[2]
        let owned = try await slotCounts(cluster)[drained.id] ?? 0
        let result = try await BinaryRunner.run(["reshard", "127.0.0.1:\(cluster.masters[0].port)", "--from", drained.id,
                                                 "--to", cluster.masters[0].id, "--slots", String(owned), "--yes", "--journal", journal])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("Verified:"))
        #expect(try await slotCounts(cluster)[drained.id] == nil)
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        await sandbox.stopAll()
    }

    @Test func dryRunAndReadOnlyModeSendNothingThatChangesTheCluster() async throws {
        let (sandbox, cluster, _) = try await reshardCluster(slots: [0, 1, 2], keysPerSlot: 3)
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let target = cluster.masters[2]
        let before = try await commandStats(cluster)
        let dry = try await BinaryRunner.run(["reshard", seed, "--slots", "0-2", "--to", target.id, "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("127.0.0.1:\(target.port) CLUSTER SETSLOT 1 IMPORTING \(cluster.masters[0].id)"))
        #expect(dry.standardOutput.contains("127.0.0.1:\(cluster.masters[0].port) MIGRATE 127.0.0.1 \(target.port) \"\" 0 2000 KEYS"))
        #expect(dry.standardOutput.contains("Dry run: nothing was changed."))
        #expect(mutating(try await commandStats(cluster)) == mutating(before))

        let quiet = try await commandStats(cluster)
        for (arguments, environment) in [(["reshard", seed, "--slots", "0-2", "--to", target.id, "--yes", "--read-only"], [:]),
                                         (["reshard", seed, "--balance", "--yes"], ["SLOTSCOPE_READONLY": "1"])] {
            let refused = try await BinaryRunner.run(arguments, environment: environment)
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("refused in read-only mode"), "\(refused.standardError)")
        }
        // Not one command reached a server (INFO and HELLO are this test's own).
        let own = ["_info", "_hello"]
        let after = try await commandStats(cluster)
        #expect(after.filter { e in !own.contains { e.key.hasSuffix($0) } } == quiet.filter { e in !own.contains { e.key.hasSuffix($0) } })
        await sandbox.stopAll()
    }

    @Test func badArgumentsGetOneClearLine() async throws {
        let (sandbox, cluster, _) = try await reshardCluster(slots: [], keysPerSlot: 0)
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        for (arguments, expected) in [(["--slots", "10", "--to", "ffff"], "--to ffff: no node id starts with that"),
                                      (["--slots", "0-20000", "--to", cluster.masters[1].id], "--slots 0-20000"),
                                      (["--slots", "10", "--to", cluster.masters[1].id], "needs --from"),
                                      (["--balance", "--weight", "abc"], "--weight abc: write it as NODE-ID=WEIGHT"),
                                      (["--to", cluster.masters[1].id], "reshard needs --to ID and --slots")] {
            let result = try await BinaryRunner.run(["reshard", seed, "--yes"] + arguments)
            #expect(result.status == 2)
            #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        }
        await sandbox.stopAll()
    }

    @Test func busyKeyWithADifferentValueStopsWithoutOverwriting() async throws {
        let (sandbox, cluster, keys) = try await reshardCluster(slots: [40, 41], keysPerSlot: 10)
        let source = cluster.masters[0], target = cluster.masters[1]
        let clash = keys.first { $0.contains(":41:") }!
        // The same key on the target with another value (as a stray write during an earlier move leaves it).
        let connection = Connection(endpoint: endpoint(target))
        defer { connection.close() }
        let placed = try await connection.pipeline([RESPCommand("CLUSTER", "SETSLOT", "41", "IMPORTING", source.id), RESPCommand("ASKING"),
                                                    RESPCommand("SET", clash, "another value"), RESPCommand("CLUSTER", "SETSLOT", "41", "STABLE")])
        #expect(placed.allSatisfy { !$0.isError }, "\(placed)")
        let journal = temporaryJournal()
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let seed = "127.0.0.1:\(source.port)"
        let result = try await BinaryRunner.run(["reshard", seed, "--slots", "40-41", "--to", target.id, "--yes", "--journal", journal])
        #expect(result.status == 1)
        #expect(result.standardError.contains(clash) && result.standardError.contains("nothing was overwritten"), "\(result.standardError)")
        let values = try await connection.pipeline([RESPCommand("ASKING"), RESPCommand("GET", clash)])
        #expect(values[1].string == "another value")
        let sourceValue = try await Connection(endpoint: endpoint(source)).pipeline([RESPCommand("ASKING"), RESPCommand("GET", clash)])
        #expect(sourceValue[1].string == clash)

        // The operator deletes the wrong copy; --resume finishes.
        _ = try await connection.pipeline([RESPCommand("ASKING"), RESPCommand("DEL", clash)])
        let resumed = try await BinaryRunner.run(["reshard", seed, "--resume", "--yes", "--journal", journal])
        #expect(resumed.status == 0, "\(resumed.standardOutput)\n\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("Verified:"))
        #expect(try await unreadableKeys(keys, in: cluster).isEmpty)
        #expect(try await totalKeys(cluster) == keys.count)
        await sandbox.stopAll()
    }
}
