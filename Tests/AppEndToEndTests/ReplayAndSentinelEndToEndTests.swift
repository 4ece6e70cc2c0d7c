import Foundation
import Sandbox
import Testing
import TestSupport

/// `slotscope record` then `slotscope replay` of a real failover, and the inspector on a
/// real Sentinel group (`--sentinel`), both in tmux with the real binary.
@Suite(.serialized, .onOwnThreads, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI=true to require it)"))
struct ReplayAndSentinelEndToEndTests {
    let binary: String

    init() throws {
        binary = try BuiltProduct.path("slotscope")
    }

    /// Records a 3×1 cluster while a master is killed, then replays the file with the
    /// servers gone: paused at the first poll, stepped until the failover is on Events.
    @Test func recordAFailoverThenReplayAndStepToIt() async throws {
        let sandbox = try Sandbox(binaries: try requireRedisBinaries())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-replay-\(getpid()).jsonl").path
        defer { unlink(file) }
        let tmux = try TmuxSession(width: 100, height: 30)
        defer { tmux.close() }
        do {
            let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                         options: ServerOptions(nodeTimeoutMilliseconds: 2000))
            try tmux.run("\(binary) record \(file) 127.0.0.1:\(cluster.nodes[0].port) --interval 250ms --timeout 1s; echo REC-EXIT=$?")
            try tmux.waitFor(text: "watching 127.0.0.1:")
            let victim = cluster.masters[1]
            #expect(victim.process.kill())
            // `record` prints each event as it records it.
            try tmux.waitFor("the recorded failover", timeout: 30) { $0.contains("failover") }
            try await Task.sleep(for: .seconds(1))
            try tmux.press("C-c")
            try tmux.waitFor(text: "REC-EXIT=")
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()

        // No server runs now: everything below comes from the file.
        try tmux.run("clear; LANG=C.UTF-8 \(binary) replay \(file) --paused; echo REPLAY-EXIT=$?")
        try tmux.waitFor("the first replayed poll") { $0.contains("REPLAY 1/") && $0.contains("PAUSED") && $0.contains("6/6 nodes answer") }
        try tmux.press("f")
        try tmux.waitFor(text: "not offered in a replay")
        try tmux.press("5")
        try tmux.waitFor(text: "[5 Events]")
        // A timeline row whose kind is failover (the empty screen's hint names failovers too).
        func hasFailover(_ screen: String) -> Bool {
            screen.split(separator: "\n").contains { $0.contains(" failover ") && !$0.contains("no events yet") }
        }
        var stepped = 0
        while !hasFailover(try tmux.capture()) && stepped < 400 {
            try tmux.press("n")
            stepped += 1
            try tmux.waitFor(text: "REPLAY \(stepped + 1)/")
        }
        let events = try tmux.capture()
        #expect(hasFailover(events), "\(events)")
        try tmux.press("1")
        try tmux.waitFor("the failover on the replayed overview") { $0.contains("failover:") }
        // Play to the end at top speed.
        for _ in 0..<6 { try tmux.press("+") }
        try tmux.press("Space")
        try tmux.waitFor(text: "ended", timeout: 30)
        try tmux.press("q")
        try tmux.expectRestored(after: "REPLAY-EXIT=0")

        // A damaged file is one line naming it, exit 2.
        try tmux.run("clear; echo '{\"schema\":\"nope\"}' > \(file); \(binary) replay \(file); echo BAD-EXIT=$?")
        let screen = try tmux.waitFor(text: "BAD-EXIT=2")
        #expect(screen.contains("slotscope: \(file) line 1 is not a slotscope recording header")
                || screen.contains("slotscope: \(file) is a nope recording"), "\(screen)")
    }

    /// Records a Sentinel group (`record --sentinel`) while its master is killed, then replays
    /// the file with the servers gone: the Sentinel inspector, stepped until the sentinels'
    /// `+switch-master` and the failover story are on Events, the new master on Replication.
    @Test func recordASentinelFailoverThenReplayAndStepToIt() async throws {
        let sandbox = try Sandbox(binaries: try requireRedisBinaries())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-sentinel-replay-\(getpid()).jsonl").path
        defer { unlink(file) }
        let tmux = try TmuxSession(width: 140, height: 40)
        defer { tmux.close() }
        let newMasters: [Int]
        do {
            let group = try await sandbox.startSentinelGroup(masterName: "replaymaster", replicas: 1, sentinels: 3, quorum: 2,
                                                             downAfterMilliseconds: 1000, failoverTimeoutMilliseconds: 10000)
            newMasters = group.replicas.map(\.port)
            try tmux.run("\(binary) record \(file) --sentinel 127.0.0.1:\(group.sentinels[0].port) --master-name replaymaster"
                + " --interval 250ms --count 80 --timeout 1s --settle 0; echo REC-EXIT=$?")
            try tmux.waitFor(text: "watching 3 sentinels")
            #expect(group.master.kill())
            // `record` prints each event as it records it; 80 polls (20 s) outlast the failover.
            try tmux.waitFor(text: "+switch-master", timeout: 40)
            try tmux.waitFor(text: "REC-EXIT=0", timeout: 60)
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()

        // No server runs now: everything below comes from the file.
        try tmux.run("clear; LANG=C.UTF-8 \(binary) replay \(file) --paused; echo REPLAY-EXIT=$?")
        try tmux.waitFor("the first replayed Sentinel poll") {
            $0.contains("REPLAY 1/") && $0.contains("PAUSED") && $0.contains("3/3 sentinels answer")
        }
        try tmux.press("5")
        try tmux.waitFor(text: "[5 Events]")
        func hasSwitch(_ screen: String) -> Bool { screen.contains("+switch-master replaymaster") }
        var stepped = 0
        while case let screen = try tmux.capture(), !hasSwitch(screen), !screen.contains("ended"), stepped < 400 {
            try tmux.press("n")
            stepped += 1
            try tmux.waitFor(text: "REPLAY \(stepped + 1)/")
        }
        let events = try tmux.capture()
        #expect(hasSwitch(events), "\(events)")
        #expect(events.contains("failover story: replaymaster"), "\(events)")
        // The sentinels name the new master from the switch on (the last one a little later).
        try tmux.press("4")
        try tmux.waitFor(text: "[4 Repl")
        func namesNewMaster(_ screen: String) -> Bool { newMasters.contains { screen.contains("replaymaster: master 127.0.0.1:\($0)") } }
        while case let screen = try tmux.capture(), !namesNewMaster(screen), !screen.contains("ended"), stepped < 400 {
            try tmux.press("n")
            stepped += 1
            try tmux.waitFor(text: "REPLAY \(stepped + 1)/")
        }
        let replication = try tmux.capture()
        #expect(namesNewMaster(replication), "\(replication)")
        try tmux.press("r")
        try tmux.waitFor(text: "does not apply")
        try tmux.press("q")
        try tmux.expectRestored(after: "REPLAY-EXIT=0")
    }

    /// `slotscope --sentinel HOST:PORT --master-name NAME`: every sentinel side by side on
    /// Replication; killing the master shows the failover on Events.
    @Test func sentinelGroupOpinionsAndAFailover() async throws {
        let sandbox = try Sandbox(binaries: try requireRedisBinaries())
        let tmux = try TmuxSession(width: 120, height: 40)
        defer { tmux.close() }
        do {
            let group = try await sandbox.startSentinelGroup(masterName: "tuimaster", replicas: 2, sentinels: 3, quorum: 2,
                                                             downAfterMilliseconds: 1000, failoverTimeoutMilliseconds: 10000)
            try tmux.run("LANG=C.UTF-8 \(binary) --sentinel 127.0.0.1:\(group.sentinels[0].port) --master-name tuimaster"
                + " --interval 500ms --timeout 1s; echo EXIT=$?")
            try tmux.waitFor("the sentinel overview") { $0.contains("[1 Overview]") && $0.contains("3/3 sentinels answer") }
            try tmux.press("4")
            let screen = try tmux.waitFor("every sentinel side by side") { screen in
                screen.contains("all agree") && group.sentinels.allSatisfy { screen.contains("127.0.0.1:\($0.port)") }
            }
            #expect(screen.contains("tuimaster: master 127.0.0.1:\(group.master.port)"))
            try tmux.press("2")
            try tmux.waitFor(text: "this is a Sentinel group")

            #expect(group.master.kill())
            try tmux.press("5")
            try tmux.waitFor("the sentinel failover on Events", timeout: 40) {
                $0.contains("tuimaster: master 127.0.0.1:\(group.master.port) →")
            }
            try tmux.press("4")
            try tmux.waitFor("the new master on Replication", timeout: 10) { screen in
                group.replicas.contains { screen.contains("tuimaster: master 127.0.0.1:\($0.port)") }
            }
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
    }
}
