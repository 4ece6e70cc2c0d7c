import ClusterModel
import Foundation
@testable import Operations
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// The slot-window executor against real servers: the replies a multi-key MIGRATE gets
/// while a slot migrates, and the command log.
@Suite struct ReshardExecutorTests {
    /// What a real 7.0 server answers while a slot is open, and what the mover does with it:
    /// MIGRATE is exempt from redirection in an open slot (cluster.c: "MIGRATE always works in
    /// the context of the local node if the slot is open"), so a key gone since GETKEYSINSLOT
    /// listed it (deleted, or expired — the source's active expiry is off here) is skipped:
    /// OK, or NOKEY when none is left. The TRYAGAIN and ASK replies clients get meanwhile
    /// (multi-key with a key missing on the importer; a missing key on the migrating source)
    /// are recognised as "list again" should a server send them to MIGRATE.
    @Test func openSlotRepliesOfARealServerAreHandledAndNoKeyIsLost() async throws {
        let (sandbox, cluster) = try await freshCluster()
        let source = cluster.masters[0], target = cluster.masters[1]
        let live = try await sandbox.loadKeys(into: cluster, slots: [100], keysPerSlot: 50, prefix: "live").keys
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: source.port))
        defer { connection.close() }
        let expiring = (0..<5).map { KeySlot.key("gone:100:\($0)", inSlot: 100) } + [KeySlot.key("gone:101:0", inSlot: 101)]
        let setup = try await connection.pipeline([RESPCommand("DEBUG", "SET-ACTIVE-EXPIRE", "0")]
                                                  + expiring.map { RESPCommand("SET", $0, "x", "PX", "1") })
        #expect(setup.allSatisfy { !$0.isError }, "\(setup)")
        try await Task.sleep(for: .milliseconds(50))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-tryagain-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = CommandLogFile(path: directory + "/commands.log")
        let pool = ConnectionPool(options: writablePool().options, commandLog: log)
        defer { pool.closeAll() }
        let snapshot = await countedSnapshot(cluster, pool: pool)
        let plan = try ReshardPlanner.plan(snapshot, request: ReshardRequest(slots: .ranges([SlotRange(100, 101)]), sources: .owners,
                                                                             target: target.id))
        guard case .moveSlots(let moves, _) = plan.steps[0].action else { Issue.record("not a window"); return }
        let move = try #require(moves.first { $0.slot == 100 })
        let mover = KeyMover(step: 0, slot: 100, source: move.source, target: move.target, sourceConnection: connection,
                             targetConnection: pool.connection(to: Endpoint(host: "127.0.0.1", port: target.port)),
                             settings: MoveSettings(), credentials: .none)
        let opened = try await pool.connection(to: Endpoint(host: "127.0.0.1", port: target.port))
            .send(RESPCommand("CLUSTER", "SETSLOT", "100", "IMPORTING", source.id))
        #expect(!opened.isError)
        #expect(try await !connection.send(RESPCommand("CLUSTER", "SETSLOT", "100", "MIGRATING", target.id)).isError)
        let missing = KeySlot.key("never:100", inSlot: 100)
        // MIGRATE of a missing key in the open slot: not redirected.
        #expect(try await connection.send(mover.migrate([Array(missing.utf8)], replace: false)).string == "NOKEY")
        // What clients get meanwhile, from the same servers.
        let importer = pool.connection(to: Endpoint(host: "127.0.0.1", port: target.port))
        let tryAgain = try await importer.pipeline([RESPCommand("ASKING"), RESPCommand("MGET", missing, KeySlot.key("other:100", inSlot: 100))])[1]
        guard case .tryAgain? = KeyMover.classify(tryAgain) else { Issue.record("\(tryAgain)"); return }
        let ask = try await connection.send(RESPCommand("GET", missing))
        guard case .ask(let slot, let endpoint)? = KeyMover.classify(ask) else { Issue.record("\(ask)"); return }
        #expect(slot == 100 && endpoint.port == target.port)

        let report = try await PlanExecutor(pool: pool).run(plan)
        #expect(report.keysMoved >= 50)
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        // Every MIGRATE with its reply, through the pool's command log. (The expired keys may
        // be gone before the move: the census lists a small master's keys with SCAN, which
        // drops expired keys as any read does; the NOKEY case is checked directly above.)
        #expect(text.contains("MIGRATE 127.0.0.1 \(target.port) \"\" 0 5000 KEYS <"), "\(text)")
        #expect(text.contains("-> OK"), "\(text)")
        #expect(try await unreadableKeys(live, in: cluster).isEmpty)
        #expect(try await totalKeys(cluster) == 50)
        let after = await countedSnapshot(cluster, pool: pool)
        #expect(after.owner(ofSlot: 100)?.description == target.id && after.owner(ofSlot: 101)?.description == target.id)
        #expect(after.openSlots.isEmpty)
        await sandbox.stopAll()
    }
}
