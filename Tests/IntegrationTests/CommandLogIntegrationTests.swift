import Foundation
import Sandbox
import Testing

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
}
