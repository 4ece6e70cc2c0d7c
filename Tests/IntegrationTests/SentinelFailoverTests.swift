import Foundation
import Sandbox
import Testing

/// `slotscope failover --sentinel`: SENTINEL FAILOVER on a real group (master, 2 replicas,
/// 3 sentinels, quorum 2), followed through the events to +switch-master and verified.
@Suite struct SentinelFailoverTests {
    @Test func forcedFailoverWithPlanProgressAndVerdict() async throws {
        let sandbox = try makeSandbox()
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2, downAfterMilliseconds: 1000,
                                                         failoverTimeoutMilliseconds: 10000)
        let seed = "127.0.0.1:\(group.sentinels[0].port)"
        let oldMaster = "127.0.0.1:\(group.master.port)"

        let dry = try await BinaryRunner.run(["failover", "--sentinel", seed, "--master-name", group.masterName, "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("Current master: \(oldMaster)"), "\(dry.standardOutput)")
        #expect(dry.standardOutput.contains("Dry run: nothing was changed."))
        #expect(!dry.standardOutput.contains("A failover happened recently"), "a fresh group has config epoch 0")
        let unconfirmed = try await BinaryRunner.run(["failover", "--sentinel", seed, "--master-name", group.masterName],
                                                     terminal: true, input: "y\n")
        #expect(unconfirmed.status == 1, "\(unconfirmed.standardOutput)")
        #expect(unconfirmed.standardOutput.contains("Type mymaster (the name of the group to fail over)"))
        #expect(unconfirmed.standardOutput.contains("not confirmed: nothing was changed"))

        let state = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let result = try await BinaryRunner.run(["failover", "--sentinel", seed, "--master-name", group.masterName,
                                                 "--yes", "--wait", "60s"], environment: ["XDG_STATE_HOME": state])
        print(result.standardOutput)
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        // The plan: the command, the master, the likely pick and why, the risks.
        #expect(lines.contains("  1. \(seed) SENTINEL FAILOVER mymaster"), "\(lines)")
        let pick = try #require(lines.first { $0.contains("Likely new master: 127.0.0.1:") })
        #expect(pick.contains("priority 100"))
        #expect(lines.contains { $0.contains("writes the master accepted that it has not received yet are lost") })
        // Progress through the events, in order, up to +switch-master.
        func index(_ type: String) -> Int? { lines.firstIndex { $0.contains("  \(type) ") } }
        #expect(lines.contains { $0.hasPrefix("Subscribed to 3 of 3 sentinels; sending SENTINEL FAILOVER mymaster to \(seed)") })
        let steps = [index("+try-failover"), index("+elected-leader"), index("+selected-slave"),
                     index("+promoted-slave"), index("+switch-master")]
        #expect(steps.allSatisfy { $0 != nil }, "\(lines)")
        #expect(steps.compactMap { $0 } == steps.compactMap { $0 }.sorted(), "\(lines)")
        let switchLine = try #require(lines.first { $0.contains("  +switch-master ") })
        #expect(switchLine.contains("mymaster 127.0.0.1 \(group.master.port) 127.0.0.1 "), "\(switchLine)")
        // The verdict: every sentinel names the new master, both replicas (the old master one of them) follow it.
        let verdict = try #require(lines.first { $0.hasPrefix("Verified by a fresh poll: ") })
        #expect(verdict.contains("3/3 sentinels name it; 2/2 replicas follow it with the link up, the old master among them."),
                "\(verdict)")
        let promoted = try #require(group.replicas.first { verdict.contains("127.0.0.1:\($0.port) is the master") })
        #expect(try await role(promoted) == "master")
        #expect(try await role(group.master) == "slave")
        // Right after it, a plan warns that another failover would race the reconfiguration.
        let again = try await BinaryRunner.run(["failover", "--sentinel", seed, "--master-name", group.masterName, "--dry-run"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("A failover happened recently (role changes as the sentinel saw them: 127.0.0.1:"), "\(again.standardOutput)")
        let log = try String(contentsOfFile: state + "/slotscope/commands.log", encoding: .utf8)
        #expect(log.hasSuffix("Z \(seed) SENTINEL FAILOVER mymaster -> OK\n") && log.split(separator: "\n").count == 1, "\(log)")
        await sandbox.stopAll()
    }
}
