import Foundation
import RESP
import Testing
import TestSupport
import Wire

/// `slotscope demo` with its Sentinel group, the real binary in tmux: both start, `v` shows
/// the group (master name, every sentinel), K kills the group's master and the failover shows
/// on Events, `v` goes back to the cluster and forth again with the events kept, and quitting
/// stops every server by PID. Without a terminal the demo pings the sentinels too.
@Suite(.onOwnThreads, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI=true to require it)"))
struct DemoSentinelEndToEndTests {
    let binary: String
    /// Journals and the command log go here, never into the user's state folder.
    let state: String

    init() throws {
        binary = try BuiltProduct.path("slotscope")
        state = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-demo-\(UUID().uuidString)").path
    }

    @Test func switchToTheGroupKillItsMasterSwitchBackAndEverythingStops() async throws {
        _ = try requireRedisBinaries()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try TmuxSession(width: 120, height: 40)
        defer { tmux.close() }
        try tmux.run("XDG_STATE_HOME=\(state) LANG=C.UTF-8 \(binary) demo --interval 500ms; echo EXIT=$?")
        let first = try tmux.waitFor("the demo's cluster overview", timeout: 60) {
            $0.contains("[1 Overview]") && $0.contains("6/6 nodes answer")
        }
        #expect(first.contains("v sentinel group view"))
        let seed = try #require(first.split(separator: "\n").first?.split(separator: ":").last.flatMap { Int($0) })

        // v: the group's overview, then every sentinel side by side on Replication.
        try tmux.press("v")
        let overview = try tmux.waitFor("the group's overview") {
            $0.contains("3/3 sentinels answer") && $0.contains("3/3 data nodes answer")
        }
        #expect(overview.contains("v cluster view") && overview.contains("K drill: kill the group's master"))
        let master = try #require(Self.port(after: "demo-master: master 127.0.0.1:", in: overview))
        try tmux.press("4")
        let replication = try tmux.waitFor("every sentinel side by side") { $0.contains("all agree") && $0.contains("sentinel  ") }
        let sentinelRow = try #require(replication.split(separator: "\n").first { $0.contains("   sentinel  ") })
        let sentinels = Self.ports(in: String(sentinelRow))
        #expect(sentinels.count == 3, "\(replication)")
        #expect(replication.contains("demo-master: master 127.0.0.1:\(master) (3/3 sentinels)"))
        // Below the tab bar, whose target (the sentinels) is cut short at this width.
        let groupPorts = Self.ports(in: replication.split(separator: "\n").dropFirst().joined(separator: "\n"))
        #expect(groupPorts.count == 6, "3 sentinels and 3 data nodes: \(replication)")
        let pids = try await serverPIDs(ports: groupPorts + (try await clusterPorts(seed: seed)))
        #expect(pids.count == 12)

        // K: the group's master dies; the sentinels fail over and Events says so.
        try tmux.press("K")
        try tmux.waitFor(text: "SIGKILL to demo-master's master 127.0.0.1:\(master)")
        try tmux.press("5")
        try tmux.waitFor("the sentinel failover on Events", timeout: 40) {
            $0.contains("demo-master: master 127.0.0.1:\(master) →")
        }

        // v back to the cluster (its own screen, polled all along), and forth: the events kept.
        try tmux.press("v")
        let cluster = try tmux.waitFor("the cluster again") {
            $0.contains("[1 Overview]") && $0.contains("6/6 nodes answer") && $0.contains("127.0.0.1:\(seed)")
        }
        #expect(!cluster.contains("sentinel 127.0.0.1"))
        try tmux.press("v")
        try tmux.waitFor("the group's Events, kept across the switch") {
            $0.contains("[5 Events]") && $0.contains("demo-master: master 127.0.0.1:\(master) →")
        }

        try tmux.press("q")
        let end = try tmux.waitFor(text: "EXIT=0", timeout: 30)
        #expect(end.contains("stopped 12 servers (by PID)"))
        #expect(try !tmux.alternateScreenOn)
        for pid in pids { #expect(kill(pid, 0) == -1 && errno == ESRCH, "server pid \(pid) still runs") }
    }

    /// Output piped: every cluster node, the group's data nodes and its sentinels answer;
    /// with --no-sentinel only the cluster starts.
    @Test func withoutATerminalTheSentinelsArePingedToo() throws {
        _ = try requireRedisBinaries()
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("slotscope-demo-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let tmux = try TmuxSession(width: 100, height: 24)
        defer { tmux.close() }
        try tmux.run("\(binary) demo > \(output) 2>&1; echo PIPED-EXIT=$?")
        try tmux.waitFor(text: "PIPED-EXIT=0", timeout: 60)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("cluster (6 nodes):"))
        #expect(text.contains("Sentinel group demo-master (3 data nodes):"))
        #expect(text.contains("sentinels of demo-master (3, quorum 2):"))
        #expect(text.components(separatedBy: "role     sentinel").count - 1 == 3, "\(text)")
        #expect(text.components(separatedBy: ": PONG in ").count - 1 == 12, "\(text)")
        #expect(text.contains("stopped 12 servers (by PID)."))

        try tmux.run("clear; \(binary) demo --no-sentinel > \(output) 2>&1; echo ALONE-EXIT=$?")
        try tmux.waitFor(text: "ALONE-EXIT=0", timeout: 60)
        let alone = try String(contentsOfFile: output, encoding: .utf8)
        #expect(alone.contains("cluster (6 nodes):") && !alone.contains("sentinel"), "\(alone)")
        #expect(alone.contains("stopped 6 servers (by PID)."))
    }

    // MARK: - Helpers

    /// The first port written right after `prefix`.
    static func port(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// Every distinct port of a `127.0.0.1:PORT` in `text`, in order of first appearance.
    static func ports(in text: String) -> [Int] {
        var found: [Int] = []
        var rest = Substring(text)
        while let range = rest.range(of: "127.0.0.1:") {
            rest = rest[range.upperBound...]
            if let port = Int(rest.prefix { $0.isNumber }), !found.contains(port) { found.append(port) }
        }
        return found
    }

    private func clusterPorts(seed: Int) async throws -> [Int] {
        let nodes = try await send(seed, RESPCommand("CLUSTER", "NODES"))
        return (nodes.string ?? "").split(separator: "\n").compactMap { line in
            line.split(separator: " ").dropFirst().first?.split(separator: "@").first?.split(separator: ":").last.flatMap { Int($0) }
        }
    }

    /// The PID of each server (`INFO server`'s process_id; sentinels answer it too).
    private func serverPIDs(ports: [Int]) async throws -> [pid_t] {
        var pids: [pid_t] = []
        for port in ports {
            let info = try await send(port, RESPCommand("INFO", "server")).string ?? ""
            let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("process_id:") }
            if let pid = line.flatMap({ pid_t($0.dropFirst("process_id:".count)) }) { pids.append(pid) }
        }
        return pids
    }

    private func send(_ port: Int, _ command: RESPCommand) async throws -> RESPValue {
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: port))
        defer { connection.close() }
        return try await connection.send(command)
    }
}
