import Foundation
import RESP
import Sandbox
import Synchronization
import Testing
import Wire

/// The actions' command log on a real repair: every command that changed something, with
/// its reply, and none of the reads.
@Suite struct CommandLogIntegrationTests {
    @Test func fixLogsEveryChangingCommandWithItsReply() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 0)
        let broken = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try await BinaryRunner.run(["fix", "127.0.0.1:\(cluster.masters[0].port)", "--yes"],
                                                environment: ["XDG_STATE_HOME": state])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let lines = try String(contentsOfFile: state + "/slotscope/commands.log", encoding: .utf8).split(separator: "\n")
        let source = "127.0.0.1:\(broken.source.port)"
        #expect(lines.contains { $0.contains(" \(source) MIGRATE 127.0.0.1 \(broken.target.port) \"\" 0 ") && $0.hasSuffix(" -> OK") },
                "\(lines)")
        #expect(lines.contains { $0.contains(" 127.0.0.1:\(broken.target.port) CLUSTER SETSLOT \(broken.slot) NODE \(broken.target.id) -> OK") },
                "\(lines)")
        #expect(!lines.contains { $0.contains("GETKEYSINSLOT") || $0.contains("CLUSTER NODES") || $0.contains(" ASKING") })
        await sandbox.stopAll()
    }

    /// Sends and fan-outs (CLUSTER FORGET goes to every node at once) both reach the log;
    /// reads and commands the guard refused do not.
    @Test func sendsAndFanOutsAreLoggedReadsAreNot() async throws {
        final class Memory: CommandLogging {
            let lines = Mutex<[String]>([])
            func record(_ entry: CommandLogEntry) {
                let reply = (try? entry.outcome.get()).map { $0.string ?? $0.integer.map(String.init) ?? "?" } ?? "failed"
                lines.withLock { $0.append("\(entry.command) -> \(reply)") }
            }
        }
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone()
        let memory = Memory()
        let pool = ConnectionPool(commandLog: memory)
        defer { pool.closeAll() }
        let target = Endpoint(host: "127.0.0.1", port: server.port)
        _ = try await pool.connection(to: target).pipeline([RESPCommand("SET", "a", "1"), RESPCommand("GET", "a"), RESPCommand("INFO")])
        _ = await pool.fanOut(RESPCommand("DEL", "a"), to: [target])
        _ = await pool.fanOut([RESPCommand("PING"), RESPCommand("INCR", "b")], to: [target])
        let guarded = ConnectionPool(options: ConnectionOptions(readOnly: true), commandLog: memory)
        defer { guarded.closeAll() }
        _ = await guarded.fanOut(RESPCommand("SET", "c", "1"), to: [target])
        #expect(memory.lines.withLock { $0 } == ["SET a 1 -> OK", "DEL a -> 1", "INCR b -> 1"])
        await sandbox.stopAll()
    }
}
