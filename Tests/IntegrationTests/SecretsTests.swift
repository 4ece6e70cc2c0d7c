import Foundation
import Sandbox
import Testing

/// Passwords never appear in any output, JSON or recording.
@Suite struct SecretsTests {
    @Test func noOutputOrRecordingContainsThePassword() async throws {
        let secret = "s3cr3t-Pa55-do-not-leak"
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1, options: ServerOptions(password: secret))
        let seed = "127.0.0.1:\(cluster.masters[0].port)"
        let environment = ["REDISCLI_AUTH": secret]
        let recording = NSTemporaryDirectory() + "slotscope-secrets-\(getpid()).jsonl"
        defer { try? FileManager.default.removeItem(atPath: recording) }

        var outputs: [BinaryRunner.Result] = []
        for arguments in [["check", seed], ["check", seed, "--json"], ["snapshot", seed],
                          ["record", recording, seed, "--count", "2", "--interval", "200ms"],
                          ["watch", seed, "--count", "2", "--interval", "200ms", "--json"], ["ping", seed]] {
            let result = try await BinaryRunner.run(arguments, environment: environment)
            #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.standardError)")
            outputs.append(result)
        }
        // A wrong password on the command line: refused, warned about, and never echoed.
        let wrong = try await BinaryRunner.run(["check", seed, "-a", "wrong-\(secret)"])
        #expect(wrong.status == 2)
        outputs.append(wrong)

        for output in outputs {
            #expect(!output.standardOutput.contains(secret) && !output.standardError.contains(secret))
        }
        let recorded = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(recorded.split(separator: "\n").count == 3)  // header + 2 polls
        #expect(!recorded.contains(secret))
        #expect(outputs[2].standardOutput.contains("\"clusterState\" : \"ok\""))
        await sandbox.stopAll()
    }
}
