import ClusterModel
import Foundation
import Sandbox
import Testing
import TestSupport

/// `watch --sentinel` and `record --sentinel` as the built binary against real groups
/// (master, 2 replicas, 3 sentinels, quorum 2, down-after 2000 ms): the old master's return,
/// a SIGSTOPped sentinel, and a recording that replays the failover story.
@Suite(.serialized) struct SentinelStoryTests {
    static func seed(_ process: ServerProcess) -> String { "127.0.0.1:\(process.port)" }

    /// Waits (a generous hang guard, not a timing bar) for a line matching `matches`.
    static func line(in watch: BackgroundBinary, within seconds: Int = 60,
                     _ matches: (String) -> Bool) async throws -> BackgroundBinary.Line? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let line = watch.lines.first(where: { matches($0.text) }) { return line }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    @Test func theOldMasterReturnsAsAReplicaOfTheNewOne() async throws {
        let sandbox = try makeSandbox()
        let group = try await SentinelCommandTests.group(sandbox)
        let seed = Self.seed(group.sentinels[0])
        let oldMaster = "127.0.0.1:\(group.master.port)"
        let watch = try BackgroundBinary(["watch", "--sentinel", seed, "--interval", "500ms"])
        try await watch.waitUntilSubscribed()
        #expect(group.master.kill())
        let switchLine = try #require(try await Self.line(in: watch) { $0.contains("  +switch-master ") },
                                      "\(watch.lines.map(\.text))")
        let newMaster = try #require(switchedTo(switchLine.text))

        // The old master comes back on its port with its own config: it starts as a master.
        _ = try await sandbox.restart(group.master)
        // This switch's story (should a loaded machine fail the new master over too, that
        // would be another story, about another old master).
        let back = try await Self.line(in: watch) { $0.contains("  old-master-back ") && $0.contains("mymaster \(oldMaster) ") }
        await watch.stop()
        let lines = watch.lines.map(\.text)
        print(lines.joined(separator: "\n"))
        let told = try #require(back?.text, "\(lines)")
        #expect(told.contains("mymaster \(oldMaster) replicates from \(newMaster) again"), "\(told)")
        #expect(told.contains("+convert-to-slave"), "\(told)")
        #expect(told.contains("\(oldMaster) @ mymaster: role master → slave of \(newMaster)"), "\(told)")
        // Each piece was also its own line, as it happened: the sentinels' and the poll's.
        #expect(lines.contains { $0.contains("  poll:reachable ") && $0.contains("\(oldMaster) @ mymaster: reachable again") })
        #expect(lines.contains { $0.contains("  +convert-to-slave ") && $0.contains("slave \(oldMaster) @ mymaster") })
        #expect(lines.contains { $0.contains("  poll:role ") && $0.contains("\(oldMaster) @ mymaster: role master → slave of \(newMaster)") })
        // One story, told once.
        #expect(lines.filter { $0.contains("  failover ") && $0.contains("mymaster \(oldMaster) → ") }.count == 1)
        #expect(lines.filter { $0.contains("  old-master-back ") && $0.contains("mymaster \(oldMaster) ") }.count == 1)

        // Healthy afterwards (once the returned replica has synced): exit 0.
        var check = try await BinaryRunner.run(["check", "--sentinel", seed])
        let deadline = ContinuousClock.now + .seconds(30)
        while check.status != 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            check = try await BinaryRunner.run(["check", "--sentinel", seed])
        }
        #expect(check.status == 0, "\(check.standardOutput)")
        #expect(check.standardOutput.contains("mymaster: master \(newMaster) named by 3/3 sentinels; 3 data nodes (3 reachable)"),
                "\(check.standardOutput)")
        await sandbox.stopAll()
    }

    @Test func aStoppedSentinelDoesNotStallTheOthersOrThePoll() async throws {
        let sandbox = try makeSandbox()
        let group = try await SentinelCommandTests.group(sandbox)
        let stopped = group.sentinels[2]
        let arguments = ["watch", "--sentinel", Self.seed(group.sentinels[0]), "--interval", "500ms", "--timeout", "800ms"]
        let watch = try BackgroundBinary(arguments)
        let json = try BackgroundBinary(arguments + ["--json"])  // the same, for scripts
        try await watch.waitUntilSubscribed()
        try await json.waitUntilSubscribed()
        #expect(stopped.pause())
        // The poll names it, with the reason.
        let named = try await Self.line(in: watch) {
            $0.contains("  poll:sentinel-unreachable ") && $0.contains("sentinel 127.0.0.1:\(stopped.port): unreachable: timed out")
        }
        #expect(named != nil, "\(watch.lines.map(\.text))")

        // While it stays stopped, a replica dies: the poll and the two other sentinels still report it.
        let replica = group.replicas[1]
        #expect(replica.kill())
        let polled = try await Self.line(in: watch) {
            $0.contains("  poll:unreachable ") && $0.contains("127.0.0.1:\(replica.port) @ mymaster: unreachable")
        }
        let sdown = try await Self.line(in: watch) {
            $0.contains("  +sdown ") && $0.contains("slave 127.0.0.1:\(replica.port) @ mymaster")
        }
        #expect(stopped.resume())
        let reachable = try await Self.line(in: watch) {
            $0.contains("  poll:sentinel-reachable ") && $0.contains("sentinel 127.0.0.1:\(stopped.port): reachable again")
        }
        await watch.stop()
        await json.stop()
        let lines = watch.lines.map(\.text)
        print(lines.joined(separator: "\n"))
        #expect(polled != nil, "\(lines)")
        let objects = json.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.text.utf8)) as? [String: Any] }
        #expect(objects.count == json.lines.count, "one JSON object per line")
        let unreachable = try #require(objects.first { $0["type"] as? String == "poll:sentinel-unreachable" }, "\(json.lines.map(\.text))")
        let change = try #require(unreachable["change"] as? [String: Any])
        #expect(change["change"] as? String == "sentinel-unreachable" && change["reason"] as? String == "timeout")
        #expect((change["address"] as? [String: Any])?["port"] as? Int == stopped.port)
        let sdownLine = try #require(sdown?.text, "\(lines)")
        #expect(!sdownLine.contains("127.0.0.1:\(stopped.port)"), "the stopped sentinel published nothing: \(sdownLine)")
        #expect(reachable != nil, "SIGCONT brings it back: \(lines)")
        await sandbox.stopAll()
    }

    @Test func recordSentinelKeepsWhatAReplayNeeds() async throws {
        let sandbox = try makeSandbox()
        let group = try await SentinelCommandTests.group(sandbox)
        let file = sandbox.root + "/sentinel.recording"
        let oldMaster = NodeAddress(host: "127.0.0.1", port: group.master.port)
        let recording = try BackgroundBinary(["record", file, "--sentinel", Self.seed(group.sentinels[0]),
                                              "--master-name", group.masterName, "--interval", "300ms"])
        try await recording.waitUntilSubscribed()
        #expect(group.master.kill())
        try await recording.waitFor("the failover story's switch-master phase", timeout: 60) { lines, _ in
            lines.contains { $0.contains("  failover-phase ") && $0.contains(" mymaster switch-master ") }
        }
        // Ctrl-C ends the recording on a whole line and says what it holds.
        #expect(await recording.interrupt() == 0, "\(recording.standardError)")
        #expect(recording.lines.contains { $0.text.contains("  +switch-master ") }, "it prints what it records")
        let summary = try #require(recording.standardError.split(separator: "\n").last { $0.hasPrefix("recorded ") },
                                   "\(recording.standardError)")

        let text = try String(contentsOfFile: file, encoding: .utf8)
        let rows = text.split(separator: "\n").map { Data($0.utf8) }
        let header = try JSONDecoder().decode(SentinelRecording.Header.self, from: try #require(rows.first))
        #expect(header.schema == SentinelRecording.schema)
        #expect(header.masterNames == [group.masterName])
        let lines = try rows.dropFirst().map { try JSONDecoder().decode(SentinelRecording.Line.self, from: $0) }
        let replay = SentinelRecording.Replay(lines)
        #expect(summary.hasPrefix("recorded \(replay.polls.count) polls and \(replay.events.count) sentinel event copies to "),
                "one line per poll and per copy: \(summary)")
        #expect(replay.polls.count > 3)
        #expect(replay.polls.first?.snapshot.group(group.masterName)?.namedMaster == oldMaster)
        let story = try #require(replay.stories.first, "\(replay.events.map(\.event.type))")
        // One failover of the killed master (on a loaded 2-core machine the sentinels may fail over
        // again, from the new master: that is a story of its own, and the replay tells it too).
        #expect(replay.stories.filter { $0.oldMaster == oldMaster }.count == 1,
                "\(replay.stories.map { ($0.oldMaster, $0.newMaster, $0.outcome, $0.steps.map(\.type.rawValue)) })")
        #expect(story.outcome == .completed)
        #expect(story.oldMaster == oldMaster)
        let newMaster = try #require(story.newMaster)
        #expect(group.replicas.map(\.port).contains(newMaster.port))
        #expect(story.first(.switchMaster)?.sentinels.count == 3, "every sentinel's copy is recorded")
        #expect(story.polled(.promotion).contains { $0.change.address == newMaster }, "\(story.polledSteps)")
        let named = replay.polls.last?.snapshot.group(group.masterName)?.namedMaster
        #expect(replay.stories.contains { $0.outcome == .completed && $0.newMaster == named },
                "the last poll names a master a recorded failover switched to: \(String(describing: named))")
        await sandbox.stopAll()
    }
}

/// The new master a `+switch-master` line names: the address after `→`.
func switchedTo(_ line: String) -> String? {
    guard let arrow = line.range(of: " → ") else { return nil }
    return line[arrow.upperBound...].split(separator: " ").first.map(String.init)
}
