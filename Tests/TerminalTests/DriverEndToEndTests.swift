import Foundation
import Testing
import TestSupport

/// Runs `slotscope-tui-check` in a private tmux server and checks what a user would see,
/// including that the terminal is restored afterwards however the program ends.
@Suite(.serialized, .onOwnThreads, .enabled(if: TmuxSession.shouldRun, "tmux is not installed (set CI=true to require it)"))
struct DriverEndToEndTests {
    let binary: String

    init() throws {
        binary = try CheckBinary.path()
    }

    /// Waits for a complete first frame: the footer ("ready") is the last row drawn.
    @discardableResult
    private func waitForFirstFrame(_ tmux: TmuxSession, size: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try tmux.waitFor("a complete \(size) frame", sourceLocation: sourceLocation) {
            $0.contains("size \(size)") && $0.contains("ready")
        }
    }

    @Test func drawsKeysHelpResizeAndQuitRestores() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary); echo EXIT=$?")
        var screen = try waitForFirstFrame(tmux, size: "80x24")
        #expect(try tmux.alternateScreenOn)
        let rows = try tmux.rows()
        #expect(rows[0].hasPrefix("┌ slotscope tui-check ─"))
        #expect(rows[0].hasSuffix("┐"))
        #expect(screen.contains("wide: 宽字符 テスト end"))
        #expect(screen.contains("lag 55%"))
        #expect(screen.contains("127.0.0.1:7002"))
        #expect(rows[23].hasPrefix("q quit  ? help  f fix"))
        #expect(!screen.contains("READ-ONLY"))

        try tmux.press("?")
        // Wait for the whole frame: tmux may show a frame half-parsed.
        screen = try tmux.waitFor("the help screen") { $0.contains("q, ctrl-c  quit") && $0.contains("f          fix") }
        #expect(!screen.contains("127.0.0.1:7000"))
        try tmux.press("?")
        try waitForFirstFrame(tmux, size: "80x24")

        try tmux.press("f")
        try tmux.waitFor(text: "fix requested (1)")

        try tmux.resize(width: 100, height: 30)
        screen = try tmux.waitFor(text: "resized to 100x30")
        let wide = try tmux.rows()
        #expect(wide[0].hasSuffix("┐") && wide[0].count == 100)
        #expect(wide[28].hasPrefix("└") && wide[28].hasSuffix("┘"))
        #expect(wide[29].hasPrefix("q quit"))

        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor(text: "terminal too small")
        try tmux.resize(width: 60, height: 15)
        try tmux.waitFor(text: "resized to 60x15")

        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
        try tmux.expectRestored()
    }

    /// A resize repaints every cell without clearing the screen first: text another process
    /// wrote (in red, with the cursor moved) must be gone, and the frame in its place.
    @Test func aResizeRepaintsOverTextWrittenBehindItsBack() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary); echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        try tmux.writeToPane("\u{1B}[31m\u{1B}[12;30HFOREIGN-ONE\u{1B}[3;55HFOREIGN-TWO\u{1B}[24;70HFOREIGN-3")
        try tmux.waitFor(text: "FOREIGN-ONE")
        try tmux.resize(width: 100, height: 30)
        let screen = try tmux.waitFor(text: "resized to 100x30")
        #expect(!screen.contains("FOREIGN"), "left over: \(screen)")
        let rows = try tmux.rows()
        #expect(rows[0].hasPrefix("┌ slotscope tui-check ─") && rows[0].hasSuffix("┐") && rows[0].count == 100)
        #expect(rows[28].hasPrefix("└") && rows[28].hasSuffix("┘"))
        #expect(rows[29].hasPrefix("q quit"))
        // The red is gone too: the frame's own text is drawn in the terminal's default colour.
        let styled = try tmux.styledRows()
        #expect(!styled[0].contains("\u{1B}[31m"), "first row: \(styled[0])")
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
        try tmux.expectRestored()
    }

    @Test func readOnlyShowsTheBannerAndRefusesDangerousKeys() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary) --read-only; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        let rows = try tmux.rows()
        #expect(rows[0].contains("READ-ONLY — actions are disabled"))
        #expect(rows[23].hasPrefix("q quit  ? help"))
        #expect(!rows[23].contains("f fix"))
        try tmux.press("f")
        var screen = try tmux.waitFor(text: "f (fix) is disabled: read-only mode")
        #expect(!screen.contains("fix requested"))
        try tmux.press("?")
        screen = try tmux.waitFor(text: "q, ctrl-c  quit")
        #expect(!screen.contains("Actions"))
        #expect(screen.contains("READ-ONLY"))
        try tmux.press("C-c")  // ctrl-c quits too (delivered as SIGINT, handled as a key)
        try tmux.waitFor(text: "EXIT=0")
        try tmux.expectRestored()
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tui-check-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        try tmux.run("LANG=C.UTF-8 sh -c 'echo $$ > \(pidFile.path); exec \(binary)'; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.waitFor(text: "EXIT=143")
        try tmux.expectRestored()
    }

    @Test func sighupRestoresTheTerminal() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tui-check-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        try tmux.run("LANG=C.UTF-8 sh -c 'echo $$ > \(pidFile.path); exec \(binary)'; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGHUP) == 0)
        try tmux.waitFor(text: "EXIT=129")
        try tmux.expectRestored()
    }

    @Test func secondSigtermRestoresEvenWhenTheLoopIsStuck() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tui-check-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        try tmux.run("LANG=C.UTF-8 sh -c 'echo $$ > \(pidFile.path); exec \(binary) --test-keys'; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        try tmux.press("s")  // the loop now sleeps 30 s without reading events
        usleep(300_000)
        #expect(kill(pid, SIGTERM) == 0)
        usleep(300_000)
        #expect(try tmux.alternateScreenOn, "the first SIGTERM only asks the (stuck) loop to quit")
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.waitFor(text: "EXIT=143", timeout: 5)
        try tmux.expectRestored()
    }

    @Test func crashRestoresTheTerminalAndChainsToTheBacktracer() throws {
        // interactive=no: Swift's backtracer must not wait for a key on the tty.
        let (tmux, lines, screen) = try crash(with: "!", backtrace: "interactive=no")
        defer { tmux.close() }
        #expect(lines.contains("EXIT=139"))  // SIGSEGV, re-raised
        // The previous handler (Swift's backtracer) still ran, after the terminal was restored.
        #expect(screen.contains("Program crashed") || screen.contains("Backtrace took"))
        try tmux.expectRestored()
    }

    @Test func stderrWrittenDuringTheUIIsShownAfterIt() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary) --test-keys; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "100x30")
        try tmux.press("W")
        let during = try tmux.waitFor(text: "warned on stderr", timeout: 5)
        #expect(!during.contains("while the screen was ours"), "the line must not land on the frame")
        try tmux.press("q")
        let after = try tmux.waitFor(text: "EXIT=0", timeout: 5)
        #expect(after.contains("slotscope-tui-check: a warning written while the screen was ours"), "\(after)")
        try tmux.expectRestored()
    }

    @Test func swiftTrapRestoresTheTerminal() throws {
        // No backtracer: its pages of registers would scroll the runtime's message out of view.
        let (tmux, lines, screen) = try crash(with: "T", backtrace: "enable=no")
        defer { tmux.close() }
        // A failed precondition traps: SIGILL (132) on x86_64, SIGTRAP (133) on arm64.
        #expect(lines.contains("EXIT=132") || lines.contains("EXIT=133"), "\(screen)")
        // The runtime wrote its reason while the alternate screen was up: held, then shown.
        #expect(screen.contains("Precondition failed"), "\(screen)")
        #expect(screen.contains("trap requested with the T key"), "\(screen)")
        try tmux.expectRestored()
    }

    /// Starts the check program with its test keys, presses `key` (which ends it by a signal)
    /// and returns the session with the screen once the shell printed the exit status.
    private func crash(with key: String, backtrace: String) throws -> (TmuxSession, [String], String) {
        let tmux = try TmuxSession(width: 100, height: 40)
        do {
            try tmux.run("SWIFT_BACKTRACE=\(backtrace) LANG=C.UTF-8 \(binary) --test-keys; echo EXIT=$?")
            try waitForFirstFrame(tmux, size: "100x40")
            try tmux.press(key)
            let screen = try tmux.waitFor("the exit status") { $0.components(separatedBy: "\n").contains { $0.hasPrefix("EXIT=") } }
            return (tmux, screen.components(separatedBy: "\n"), screen)
        } catch {
            tmux.close()
            throw error
        }
    }

    @Test func wakerRedrawsWithoutAKeyPress() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        // The program waits up to 5 s per event; only the ticker's wake-ups can move the counter.
        try tmux.run("LANG=C.UTF-8 \(binary) --ticker; echo EXIT=$?")
        try tmux.waitFor("the wake counter to pass 5", timeout: 4) { screen in
            guard let range = screen.range(of: #"wakes (\d+)"#, options: .regularExpression) else { return false }
            return (Int(screen[range].dropFirst(6)) ?? 0) > 5
        }
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func coloursOnlyWhenAllowed() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        try tmux.run("LANG=C.UTF-8 \(binary) --read-only; echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "80x24")
        let coloured = try tmux.styledRows()[0]
        #expect(coloured.contains("\u{1B}[33m") && coloured.contains("\u{1B}[40m"), "banner: \(coloured)")
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
        for command in ["NO_COLOR=1 LANG=C.UTF-8 \(binary) --read-only", "LANG=C.UTF-8 \(binary) --read-only --no-color"] {
            try tmux.run("clear; \(command); echo EXIT=$?")
            try waitForFirstFrame(tmux, size: "80x24")
            let plain = try tmux.styledRows()
            // Meaning survives without colour: the banner is still in reverse video.
            #expect(plain[0].contains("\u{1B}[1;7m") && plain[0].contains("READ-ONLY"), "\(command): \(plain[0])")
            #expect(plain.joined().range(of: "\u{1B}\\[(3|4)[0-7]m", options: .regularExpression) == nil,
                    "\(command) used a colour")
            try tmux.press("q")
            try tmux.waitFor("exit") { $0.components(separatedBy: "\n").filter { $0 == "EXIT=0" }.count == 1 }
        }
    }

    @Test func dumbTerminalGetsOneLineAndExitTwo() throws {
        let tmux = try TmuxSession(width: 200, height: 24)
        defer { tmux.close() }
        try tmux.run("TERM=dumb \(binary); echo EXIT=$?")
        let screen = try tmux.waitFor("the exit status") { $0.components(separatedBy: "\n").contains { $0.hasPrefix("EXIT=") } }
        #expect(screen.components(separatedBy: "\n").contains("EXIT=2"))
        let messages = screen.components(separatedBy: "\n").filter { $0.hasPrefix("slotscope:") }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("TERM=dumb cannot move the cursor") == true)
        #expect(messages.first?.contains("slotscope watch") == true)
        #expect(try !tmux.alternateScreenOn)
    }

    @Test func unknownAndMissingTermFallBackWithOneWarning() throws {
        let tmux = try TmuxSession(width: 120, height: 24)
        defer { tmux.close() }
        try tmux.run("TERM=no-such-terminal LANG=C.UTF-8 \(binary); echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "120x24")
        try tmux.press("q")
        var screen = try tmux.waitFor(text: "EXIT=0")
        #expect(screen.components(separatedBy: "\n").filter { $0.hasPrefix("slotscope: warning:") }
                == ["slotscope: warning: TERM=no-such-terminal is unknown here; using xterm-256color"])
        try tmux.run("clear; env -u TERM LANG=C.UTF-8 \(binary); echo EXIT=$?")
        try waitForFirstFrame(tmux, size: "120x24")
        try tmux.press("q")
        screen = try tmux.waitFor(text: "EXIT=0")
        #expect(screen.contains("slotscope: warning: TERM is not set; using xterm-256color"))
    }

    @Test func localeWithoutUTF8DrawsASCII() throws {
        let tmux = try TmuxSession()
        defer { tmux.close() }
        try tmux.run("LANG=C LC_ALL=C \(binary); echo EXIT=$?")
        let screen = try waitForFirstFrame(tmux, size: "80x24")
        let rows = try tmux.rows()
        #expect(rows[0].hasPrefix("+ slotscope tui-check ---"))
        #expect(rows[0].hasSuffix("+"))
        #expect(screen.contains("lag 55%"))
        #expect(!screen.contains("─") && !screen.contains("█"))
        try tmux.press("q")
        try tmux.waitFor(text: "EXIT=0")
        try tmux.expectRestored()
    }
}

/// Without a terminal on stdin/stdout the program refuses with one line and exit status 2.
@Suite struct NotATerminalTests {
    @Test func pipesAreRefused() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CheckBinary.path())
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.hasSuffix("\n") && message.dropLast().split(separator: "\n").count == 1)
        #expect(message.contains("needs a terminal") && message.contains("slotscope watch"))
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }
}
