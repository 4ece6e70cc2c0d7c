import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// The TUI's actions and the demo's drills with the real binary in tmux, on real loopback
/// servers: `f` on a half-finished migration (plan, a refused confirmation, the slot count,
/// the verdict, the commands on the Log screen), read-only mode sending no change at all,
/// and `slotscope demo` with its drills, quit, servers gone by PID.
@Suite(.serialized, .onOwnThreads, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI=true to require it)"))
struct ActionEndToEndTests {
    let binary: String
    /// Journals and the command log go here, never into the user's state folder.
    let state: String

    init() throws {
        binary = try BuiltProduct.path("slotscope")
        state = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-tui-\(UUID().uuidString)").path
    }

    private func withCluster(replicas: Int = 0, _ body: (Sandbox, SandboxCluster) async throws -> Void) async throws {
        let sandbox = try Sandbox(binaries: try requireRedisBinaries())
        defer { try? FileManager.default.removeItem(atPath: state) }
        do {
            let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: replicas)
            try await body(sandbox, cluster)
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
    }

    private func open(_ tmux: TmuxSession, port: Int, flags: String = "") throws {
        try tmux.run("XDG_STATE_HOME=\(state) LANG=C.UTF-8 \(binary) 127.0.0.1:\(port) --interval 500ms --timeout 1s \(flags); echo EXIT=$?")
        try tmux.waitFor("the first overview") { $0.contains("[1 Overview]") && $0.contains("nodes answer") && $0.contains("q quit") }
    }

    @Test func fixAHalfFinishedMigrationFromTheTUI() async throws {
        try await withCluster { sandbox, cluster in
            let open = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: 77, to: cluster.masters[1])
            let total = open.keysOnSource.count + open.keysOnTarget.count
            let tmux = try TmuxSession(width: 120, height: 40)
            defer { tmux.close() }
            try self.open(tmux, port: cluster.masters[0].port)
            try tmux.waitFor(text: "slot 77 half-migrated")  // the finding, on the overview

            try tmux.press("f")
            var screen = try tmux.waitFor(text: "Type 1 (the number of slots this plan touches)")
            #expect(screen.contains("CLUSTER SETSLOT 77 NODE") && screen.contains("MIGRATE 127.0.0.1"))
            #expect(screen.contains("Risks:") && screen.contains("Nothing has been sent yet."))
            // A wrong number is refused and nothing is sent.
            let before = try await commandStats(cluster.nodes)
            try tmux.run("7")
            try tmux.waitFor(text: "not confirmed: typed \"7\"")
            #expect(mutating(try await commandStats(cluster.nodes)) == mutating(before))
            // The slot count runs it; the verdict comes from a fresh poll.
            try tmux.run("1")
            screen = try tmux.waitFor("the verdict", timeout: 30) { $0.contains("Verified:") || $0.contains("Still wrong") }
            #expect(screen.contains("Verified: a fresh poll shows no unserved or open slots"), "\(screen)")
            #expect(screen.contains("moved \(open.keysOnSource.count) key(s)"), "\(screen)")

            // Every key is on the new owner, and the slot is closed everywhere.
            #expect(try await keys(inSlot: 77, on: cluster.masters[1].port) == total)
            #expect(try await keys(inSlot: 77, on: cluster.masters[0].port) == 0)

            // The commands and their replies on the Log screen (the last screen, however many there are).
            try tmux.press("Escape")
            try tmux.waitFor(text: "the commands sent are on the Log screen")
            try tmux.press("BTab")
            screen = try tmux.waitFor(text: "Changes sent this session")
            #expect(screen.contains("OK ← CLUSTER SETSLOT 77 NODE") && screen.contains("OK ← MIGRATE 127.0.0.1"), "\(screen)")
            try tmux.press("1")
            try tmux.waitFor("the finding gone from the overview", timeout: 10) { !$0.contains("slot 77 half-migrated") && $0.contains("[1 Overview]") }
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")
        }
    }

    @Test func abortStopsAfterTheStepInFlightAndResumeFinishes() async throws {
        try await withCluster { sandbox, cluster in
            // Enough keys that the first step (moving them) is still running when `a` arrives.
            let open = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: 77, to: cluster.masters[1],
                                                                    keys: 100_000, moved: 0)
            let total = open.keysOnSource.count
            let seed = "127.0.0.1:\(cluster.masters[0].port)"
            let tmux = try TmuxSession(width: 120, height: 40)
            defer { tmux.close() }
            try self.open(tmux, port: cluster.masters[0].port)
            try tmux.press("f")
            try tmux.waitFor(text: "Type 1 (the number of slots this plan touches)", timeout: 30)
            try tmux.run("1")
            // Live progress: step, slot, keys, keys/s, then abort.
            let progress = try tmux.waitFor("keys moving", timeout: 30) { $0.contains("step 1/4") && $0.contains("keys/s") }
            #expect(progress.contains("slot 77") && progress.contains("/\(total)"), "\(progress)")
            try tmux.press("a")
            let stopped = try tmux.waitFor("the stop and the verdict", timeout: 60) { $0.contains("Still wrong") || $0.contains("Verified:") }
            #expect(stopped.contains("Aborted: interrupted before step 2"), "\(stopped)")
            #expect(stopped.contains("To finish: slotscope fix \(seed) --resume"), "\(stopped)")
            #expect(stopped.contains("Still wrong after fix"), "\(stopped)")
            // The step in flight finished: every key is on the target; the slot is still open.
            #expect(try await keys(inSlot: 77, on: cluster.masters[1].port) == total)
            try tmux.press("Escape")
            try tmux.waitFor(text: "the commands sent are on the Log screen")
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")

            // The journal the TUI wrote lets the headless command finish the plan.
            try tmux.run("clear; XDG_STATE_HOME=\(state) \(binary) fix \(seed) --resume --yes; echo FIXED=$?")
            // The typed command line holds "FIXED=$?" too: wait for the line the shell prints.
            let resumed = try tmux.waitFor("the resumed fix", timeout: 60) { $0.split(separator: "\n").contains { $0.hasPrefix("FIXED=") } }
            #expect(resumed.contains("Resuming") && resumed.contains("Verified:") && resumed.contains("FIXED=0"), "\(resumed)")
            #expect(try await keys(inSlot: 77, on: cluster.masters[1].port) == total)
            #expect(try await keys(inSlot: 77, on: cluster.masters[0].port) == 0)
        }
    }

    @Test func failoverTheSelectedReplicaFromTheTUI() async throws {
        try await withCluster(replicas: 1) { _, cluster in
            let tmux = try TmuxSession(width: 120, height: 40)
            defer { tmux.close() }
            try self.open(tmux, port: cluster.masters[0].port)
            // Nodes: the first row is a master, the next its replica.
            try tmux.press("2")
            try tmux.waitFor(text: "[2 Nodes]")
            try tmux.press("Down")
            try tmux.press("F")
            let plan = try tmux.waitFor(text: "(the id of the replica to promote)", timeout: 20)
            #expect(plan.contains("CLUSTER FAILOVER"))
            let footer = try #require(plan.split(separator: "\n").last { $0.hasPrefix("confirm failover (type ") })
            let id = String(footer.dropFirst("confirm failover (type ".count).prefix { $0 != ")" })
            let replica = try #require(cluster.replicas.first { $0.id.hasPrefix(id) })
            try tmux.run("yes")
            try tmux.waitFor(text: "not confirmed: typed \"yes\"")
            try tmux.run(id)
            let verdict = try tmux.waitFor("the verdict", timeout: 30) { $0.contains("Verified:") || $0.contains("Still wrong") }
            #expect(verdict.contains("Verified:") && verdict.contains("is master of the shard"), "\(verdict)")
            let role = try await send(replica.port, RESPCommand("ROLE"))
            #expect(role.elements?.first?.string == "master")
            try tmux.press("Escape")
            try tmux.waitFor(text: "the commands sent are on the Log screen")
            try tmux.press("1")
            try tmux.waitFor(text: "[1 Overview]")
            try tmux.press("BTab")  // the last screen: Log
            try tmux.waitFor(text: "OK ← CLUSTER FAILOVER")
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")
        }
    }

    @Test func reshardToTheSelectedMasterFromTheTUI() async throws {
        try await withCluster { sandbox, cluster in
            _ = try await sandbox.loadKeys(into: cluster, slots: Array(stride(from: 0, to: 16384, by: 97)), keysPerSlot: 5, prefix: "r")
            let before = try await totalKeys(cluster)
            let tmux = try TmuxSession(width: 120, height: 40)
            defer { tmux.close() }
            try self.open(tmux, port: cluster.masters[0].port)
            try tmux.press("2")
            try tmux.waitFor(text: "[2 Nodes]")
            try tmux.press("R")
            try tmux.waitFor(text: "How many slots?")
            try tmux.run("300")
            try tmux.waitFor(text: "Type 300 (the number of slots this plan moves)", timeout: 30)
            try tmux.run("300")
            let verdict = try tmux.waitFor("the verdict", timeout: 60) { $0.contains("Verified:") || $0.contains("Still wrong") }
            #expect(verdict.contains("Verified: a fresh poll shows every moved slot owned by its new master"), "\(verdict)")
            #expect(try await totalKeys(cluster) == before)
            try tmux.press("Escape")
            try tmux.waitFor(text: "the commands sent are on the Log screen")
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")
        }
    }

    @Test func readOnlyRefusesEveryActionAndSendsNoChange() async throws {
        try await withCluster { sandbox, cluster in
            _ = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: 77, to: cluster.masters[1])
            let tmux = try TmuxSession(width: 80, height: 24)
            defer { tmux.close() }
            let before = try await commandStats(cluster.nodes)
            try open(tmux, port: cluster.masters[0].port, flags: "--read-only")
            for key in ["f", "R", "F"] {
                try tmux.press(key)
                let screen = try tmux.waitFor(text: "disabled: read-only mode")
                #expect(!screen.contains("Type 1"))
                try tmux.press("r")
                try tmux.waitFor(text: "refreshing")
            }
            #expect(try tmux.rows()[0].contains("READ-ONLY"))
            try tmux.press("q")
            try tmux.expectRestored(after: "EXIT=0")
            #expect(mutating(try await commandStats(cluster.nodes)) == mutating(before))
        }
    }

    @Test func demoDrillsThenFixThenFailoverAndEverythingStops() async throws {
        _ = try requireRedisBinaries()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try TmuxSession(width: 120, height: 40)
        defer { tmux.close() }
        try tmux.run("XDG_STATE_HOME=\(state) LANG=C.UTF-8 \(binary) demo --no-sentinel --interval 500ms; echo EXIT=$?")
        let first = try tmux.waitFor("the demo's overview", timeout: 60) { $0.contains("[1 Overview]") && $0.contains("6/6 nodes answer") }
        #expect(first.contains("K drill: kill a master"))
        let seed = try #require(first.split(separator: "\n").first?.split(separator: ":").last.flatMap { Int($0) })
        let pids = try await serverPIDs(seed: seed)
        #expect(pids.count == 6)

        // Open a slot: the finding appears; f fixes it.
        try tmux.press("O")
        try tmux.waitFor(text: "opened slot 0 half-moved", timeout: 20)
        try tmux.waitFor(text: "slot 0 half-migrated", timeout: 10)
        try tmux.press("f")
        try tmux.waitFor(text: "Type 1 (the number of slots this plan touches)", timeout: 20)
        try tmux.run("1")
        try tmux.waitFor(text: "Verified:", timeout: 30)
        try tmux.press("Escape")
        try tmux.waitFor(text: "the commands sent are on the Log screen")

        // Unassign 100 slots (cluster_state:fail); f gives each to the node holding its key.
        try tmux.press("U")
        try tmux.waitFor(text: "unassigned on every node", timeout: 30)
        try tmux.press("f")
        try tmux.waitFor(text: "Type 100 (the number of slots this plan touches)", timeout: 20)
        try tmux.run("100")
        try tmux.waitFor(text: "Verified:", timeout: 30)
        try tmux.press("Escape")
        try tmux.waitFor(text: "the commands sent are on the Log screen")

        // Kill a master: the failover is in Events within 10 s.
        try tmux.press("K")
        try tmux.waitFor(text: "SIGKILL to master")
        try tmux.press("5")
        try tmux.waitFor("the failover event", timeout: 10) { $0.contains("promoted to master") }

        try tmux.press("q")
        try tmux.expectRestored(after: "EXIT=0")
        for pid in pids { #expect(kill(pid, 0) == -1 && errno == ESRCH, "server pid \(pid) still runs") }
    }

    // MARK: - Helpers

    /// The PID of every node of the cluster behind `seed` (`INFO server`).
    private func serverPIDs(seed: Int) async throws -> [pid_t] {
        let ports = try await clusterPorts(seed: seed)
        var pids: [pid_t] = []
        for port in ports {
            let info = try await send(port, RESPCommand("INFO", "server"))
            if let pid = fields(info)["process_id"].flatMap({ pid_t($0) }) { pids.append(pid) }
        }
        return pids
    }

    private func clusterPorts(seed: Int) async throws -> [Int] {
        let nodes = try await send(seed, RESPCommand("CLUSTER", "NODES"))
        return (nodes.string ?? "").split(separator: "\n").compactMap { line in
            line.split(separator: " ").dropFirst().first?.split(separator: "@").first?.split(separator: ":").last.flatMap { Int($0) }
        }
    }

    private func keys(inSlot slot: Int, on port: Int) async throws -> Int {
        Int(try await send(port, RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String(slot))).integer ?? -1)
    }

    private func send(_ port: Int, _ command: RESPCommand) async throws -> RESPValue {
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: port))
        defer { connection.close() }
        return try await connection.send(command)
    }

    private func fields(_ info: RESPValue) -> [String: String] {
        var result: [String: String] = [:]
        for line in (info.string ?? "").split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return result
    }

    /// `PORT cmdstat_NAME` → calls, for every node.
    private func commandStats(_ nodes: [ClusterNode]) async throws -> [String: Int] {
        var stats: [String: Int] = [:]
        for node in nodes {
            for (name, value) in fields(try await send(node.port, RESPCommand("INFO", "commandstats"))) {
                guard let calls = value.split(separator: ",").first?.split(separator: "=").last.flatMap({ Int($0) }) else { continue }
                stats["\(node.port) \(name)"] = calls
            }
        }
        return stats
    }

    /// Only the commands that change a cluster: slot assignment, migration, forget, failover, writes.
    private func mutating(_ stats: [String: Int]) -> [String: Int] {
        let names = ["migrate", "setslot", "addslots", "addslotsrange", "delslots", "forget", "failover", "set", "del", "restore"]
        return stats.filter { entry in names.contains { entry.key.hasSuffix("_" + $0) || entry.key.hasSuffix("|" + $0) } }
    }
}
