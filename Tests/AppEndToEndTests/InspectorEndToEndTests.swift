import Foundation
import Sandbox
import Testing
import TestSupport

/// The real `slotscope` binary in tmux against a real loopback cluster that the test starts
/// with `Sandbox`: every screen, resize, help, filter, a stopped node, a killed master, quit
/// with the terminal restored, and read-only mode.
@Suite(.serialized, .onOwnThreads, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI=true to require it)"))
struct InspectorEndToEndTests {
    let binary: String

    init() throws {
        binary = try BuiltProduct.path("slotscope")
    }

    /// Runs `body` on a fresh 3×1 cluster and stops every server by PID however it ends.
    private func withCluster(_ body: (SandboxCluster) async throws -> Void) async throws {
        let sandbox = try Sandbox(binaries: try requireRedisBinaries())
        do {
            let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                         options: ServerOptions(nodeTimeoutMilliseconds: 2000))
            try await body(cluster)
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
    }

    /// Starts the inspector on the cluster's first node and waits for its first full frame.
    private func open(_ tmux: TmuxSession, _ cluster: SandboxCluster, flags: String = "") throws {
        try tmux.run("LANG=C.UTF-8 \(binary) 127.0.0.1:\(cluster.nodes[0].port) --interval 500ms --timeout 1s \(flags); echo EXIT=$?")
        try tmux.waitFor("the first overview") { $0.contains("[1 Overview]") && $0.contains("nodes answer") && $0.contains("q quit") }
    }

    @Test func screensResizeHelpFilterStoppedNodeFailoverAndQuit() async throws {
        try await withCluster { cluster in try session(cluster) }
    }

    private func session(_ cluster: SandboxCluster) throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.close() }
        try open(tmux, cluster)
        var screen = try tmux.capture()
        #expect(screen.contains("HEALTHY") || screen.contains("info"), "\(screen)")
        #expect(try tmux.alternateScreenOn)

        // Every screen, by number and by tab.
        let ports = cluster.nodes.map { "127.0.0.1:\($0.port)" }
        try tmux.press("2")
        try tmux.waitFor("every node on Nodes") { screen in ports.allSatisfy { screen.contains(String($0.suffix(5))) } }
        try tmux.press("3")
        try tmux.waitFor(text: "slots/cell")
        try tmux.waitFor(text: "keys 0")  // counted by the owner of the cursor's slot
        try tmux.press("4")
        try tmux.waitFor("the replication screen") { $0.contains("[4 Repl") && $0.contains("every replica link up") }
        try tmux.press("5")
        try tmux.waitFor(text: "[5 Events]")
        try tmux.press("6")
        try tmux.waitFor(text: "[6 Findings]")
        try tmux.press("7")
        try tmux.waitFor(text: "No changes sent (read-only inspection)")
        try tmux.press("Tab")
        try tmux.waitFor(text: "[1 Overview]")

        // Resize: the frame follows, and degrades to "too small" and back.
        try tmux.resize(width: 120, height: 40)
        try tmux.waitFor("a 120x40 frame") { _ in (try? tmux.rows().first?.hasSuffix("127.0.0.1:\(cluster.nodes[0].port)")) == true
            && (try? tmux.rows()[39].hasPrefix("? help")) == true }
        try tmux.resize(width: 250, height: 70)
        try tmux.waitFor("a 250x70 frame") { _ in (try? tmux.rows()[69].hasPrefix("? help")) == true }
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: "terminal too small")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor(text: "[1 Overview]")

        // An action key this build does not offer says where it is (not read-only: not refused).
        try tmux.press("R")
        try tmux.waitFor(text: "reshard: on the Nodes screen, select the master")

        // Help, from the key map.
        try tmux.press("?")
        screen = try tmux.waitFor(text: "previous screen")
        #expect(screen.contains("Keys"))
        try tmux.press("Escape")
        try tmux.waitFor(text: "nodes answer")

        // Filter the nodes by the second master's port.
        let second = String(cluster.masters[1].port)
        try tmux.press("2")
        try tmux.waitFor(text: "[2 Nodes]")
        try tmux.press("/")
        try tmux.run(second)
        // The first row names the target (the first master): look at the table only.
        func table(_ screen: String) -> String { screen.split(separator: "\n").dropFirst().joined(separator: "\n") }
        screen = try tmux.waitFor("the filtered nodes") {
            $0.contains("filter: \(second)") && !table($0).contains(":\(cluster.masters[0].port)")
        }
        #expect(table(screen).contains(":\(second)"))
        try tmux.press("Escape")
        try tmux.waitFor("the unfiltered nodes") { table($0).contains(":\(cluster.masters[0].port)") }

        // Sort, then the details of the selected node.
        try tmux.press("s")
        try tmux.waitFor(text: "nodes sorted by address")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Details (esc closes)")
        try tmux.press("Escape")
        try tmux.waitFor("the details closed") { !$0.contains("Details (esc closes)") }

        // SIGSTOP a replica: its row says timeout while keys still switch screens at once.
        let stopped = cluster.replicas[0]
        #expect(stopped.process.pause())
        try tmux.waitFor("the stopped node marked", timeout: 15) { screen in
            screen.split(separator: "\n").contains { $0.contains(":\(stopped.port)") && $0.contains("timeout") }
        }
        let pressed = Date()
        try tmux.press("5")
        try tmux.waitFor(text: "[5 Events]", timeout: 2)
        #expect(Date().timeIntervalSince(pressed) < 1.5, "a key waited on the stopped node")
        try tmux.press("4")
        try tmux.waitFor("the stopped replica on Replication", timeout: 2) { screen in
            screen.contains("[4 Repl") && screen.split(separator: "\n").contains { $0.contains(":\(stopped.port)") && $0.contains("timeout") }
        }
        try tmux.press("2")
        try tmux.waitFor(text: "[2 Nodes]", timeout: 2)
        #expect(stopped.process.resume())
        try tmux.waitFor("the resumed node", timeout: 15) { screen in
            screen.split(separator: "\n").contains { $0.contains(":\(stopped.port)") && $0.contains(" ok ") }
        }

        // Kill the first master by PID: the failover shows in Events and on the Overview.
        let victim = cluster.masters[0]
        #expect(victim.process.kill())
        try tmux.press("5")
        try tmux.waitFor("the failover event", timeout: 10) { $0.contains("failover") }
        try tmux.press("1")
        try tmux.waitFor("the failover on the overview", timeout: 10) { $0.contains("failover:") && $0.contains(":\(victim.port)") }

        try tmux.press("q")
        try tmux.expectRestored(after: "EXIT=0")
    }

    @Test func readOnlyShowsTheBannerAndRefusesActions() async throws {
        try await withCluster { cluster in try readOnlySession(cluster) }
    }

    private func readOnlySession(_ cluster: SandboxCluster) throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.close() }
        try open(tmux, cluster, flags: "--read-only")
        #expect(try tmux.rows()[0].contains("READ-ONLY"))
        #expect(try !tmux.rows()[23].contains("fix"))
        // Ctrl-L repaints over what another process wrote into the terminal (a wall(1) over SSH).
        try tmux.writeToPane("\u{1B}[12;20HFOREIGN-TEXT")
        try tmux.waitFor(text: "FOREIGN-TEXT")
        try tmux.press("C-l")
        let redrawn = try tmux.waitFor("the redrawn frame") { !$0.contains("FOREIGN") }
        #expect(redrawn.contains("READ-ONLY") && redrawn.contains("[1 Overview]"), "\(redrawn)")
        try tmux.press("f")
        try tmux.waitFor(text: "disabled: read-only mode")
        try tmux.press("2")
        try tmux.waitFor(text: "[2 Nodes]")
        #expect(try tmux.rows()[0].contains("READ-ONLY"))
        try tmux.press("?")
        let help = try tmux.waitFor(text: "previous screen")
        #expect(!help.contains("failover") && !help.contains("forget"))
        try tmux.press("q")
        try tmux.expectRestored(after: "EXIT=0")

        // --ascii --no-color: 7-bit text only and no colour codes, on every screen.
        try tmux.run("clear")
        try open(tmux, cluster, flags: "--ascii --no-color")
        for key in ["1", "2", "3", "4", "5", "6", "7"] {
            try tmux.press(key)
            try tmux.waitFor(text: "[\(key) ")
            let rows = try tmux.styledRows()
            #expect(rows.joined().allSatisfy { $0.isASCII }, "non-ASCII on screen \(key): \(rows.joined(separator: "\n"))")
            // SGR 30-37 / 40-47 set a colour; 39/49 (the defaults) are fine.
            let colour = rows.joined().contains(/\u{1B}\[([0-9]*;)*[34][0-7](;[0-9]*)*m/)
            #expect(!colour, "a colour on screen \(key): \(rows.joined(separator: "\n"))")
        }
        try tmux.press("q")
        try tmux.expectRestored(after: "EXIT=0")

        // TERM unset and a locale without UTF-8: a fallback terminal type with one warning
        // in the status line, ASCII glyphs chosen on their own.
        try tmux.run("clear; env -u TERM LANG=C LC_ALL=C \(binary) 127.0.0.1:\(cluster.nodes[0].port) --read-only; echo EXIT=$?")
        let fallback = try tmux.waitFor("the fallback frame") { $0.contains("[1 Overview]") && $0.contains("using xterm") }
        #expect(fallback.allSatisfy { $0.isASCII }, "\(fallback)")
        try tmux.press("q")
        try tmux.expectRestored(after: "EXIT=0")
    }

    /// `slotscope demo --no-sentinel` on a terminal opens the inspector on its own sandbox
    /// cluster alone (no view key) and stops every server when the user quits. The demo with
    /// its Sentinel group: DemoSentinelEndToEndTests.
    @Test func demoOpensTheInspectorAndStopsItsServers() throws {
        _ = try requireRedisBinaries()
        let tmux = try TmuxSession(width: 100, height: 30)
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary) demo --no-sentinel; echo EXIT=$?")
        let first = try tmux.waitFor("the demo's overview", timeout: 60) {
            $0.contains("[1 Overview]") && $0.contains("6/6 nodes answer")
        }
        #expect(!first.contains("sentinel group view"))
        try tmux.press("2")
        try tmux.waitFor(text: "[2 Nodes]")
        try tmux.press("q")
        let screen = try tmux.waitFor(text: "EXIT=0", timeout: 30)
        #expect(screen.contains("stopped 6 servers (by PID)"))
        #expect(try !tmux.alternateScreenOn)
    }

    /// TERM=dumb and no terminal at all: one line pointing to watch/check, exit 2, nothing left behind.
    @Test func terminalsThatCannotRunTheUIGetOneLine() throws {
        let tmux = try TmuxSession(width: 100, height: 24)
        defer { tmux.close() }
        try tmux.run("TERM=dumb \(binary) 127.0.0.1:1; echo EXIT=$?")
        var screen = try tmux.waitFor(text: "EXIT=2")
        #expect(screen.contains("cannot move the cursor") && screen.contains("slotscope watch"), "\(screen)")
        // Its own marker: the first run's "EXIT=2" may still be on screen before `clear` runs.
        try tmux.run("clear; \(binary) 127.0.0.1:1 < /dev/null; echo NO-TTY-EXIT=$?")
        screen = try tmux.waitFor(text: "NO-TTY-EXIT=2")
        #expect(screen.contains("needs a terminal") && screen.contains("slotscope check"), "\(screen)")
        #expect(try !tmux.alternateScreenOn)
    }
}
