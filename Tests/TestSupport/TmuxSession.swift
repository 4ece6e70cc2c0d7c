import Foundation
import Testing

/// A private tmux server (its own `-L` socket) with one pane running `sh`, for driving
/// full-screen programs as a user would. `close()` kills only this server.
public final class TmuxSession {
    public let socket: String

    public static var isAvailable: Bool { executable("tmux") != nil }

    /// tmux tests run when tmux is installed, and also without it under `CI=true`, where they fail.
    public static var shouldRun: Bool { isAvailable || ProcessInfo.processInfo.environment["CI"] == "true" }

    public init(width: Int = 80, height: Int = 24) throws {
        socket = "slotscope-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        // The server this starts would inherit an output pipe and keep it open forever.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh"],
                 captureOutput: false)
        _ = try waitFor("shell prompt") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    deinit { close() }

    /// Kills this server only, and removes its socket file (tmux leaves it behind).
    public func close() {
        _ = try? tmux(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socket)")
    }

    /// Types `text` literally, then Enter.
    public func run(_ text: String) throws {
        try tmux(["send-keys", "-l", text])
        try tmux(["send-keys", "Enter"])
    }

    /// Sends keys by tmux name (`q`, `C-c`, `Enter`).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys"] + keys)
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Writes `bytes` straight to the pane's terminal, behind the program's back (as
    /// another process writing to the same tty would).
    public func writeToPane(_ bytes: String) throws {
        let tty = try tmux(["display-message", "-p", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let handle = FileHandle(forWritingAtPath: tty) else {
            throw PaneTerminalUnavailable(path: tty)
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(bytes.utf8))
    }

    /// The visible pane, wrapped lines joined.
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-J"])
    }

    /// The visible pane as rows, exactly as shown.
    public func rows() throws -> [String] {
        try tmux(["capture-pane", "-p"]).components(separatedBy: "\n")
    }

    /// The visible pane with SGR escape sequences (colours and attributes) kept.
    public func styledRows() throws -> [String] {
        try tmux(["capture-pane", "-p", "-e"]).components(separatedBy: "\n")
    }

    public var alternateScreenOn: Bool {
        get throws { try tmux(["display-message", "-p", "#{alternate_on}"]).hasPrefix("1") }
    }

    /// Polls the pane until `condition` holds; fails the test with the last screen if it never does.
    @discardableResult
    public func waitFor(_ what: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(what); the pane shows:\n\(screen)", sourceLocation: sourceLocation)
        throw TimedOut(what: what)
    }

    @discardableResult
    public func waitFor(text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    public struct TimedOut: Error { public var what: String }
    public struct PaneTerminalUnavailable: Error { public var path: String }

    @discardableResult
    private func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        guard let path = Self.executable("tmux") else { throw ToolMissing(name: "tmux") }
        return try CleanSpawn.run(path, ["-L", socket] + arguments, captureOutput: captureOutput,
                                  environment: Self.paneEnvironment)
    }

    public struct ToolMissing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "\(name) is not installed (CI=true requires it)" }
    }

    /// The runner's environment without what would change the programs under test:
    /// `swift test` sets NO_COLOR, and an outer tmux must not be mistaken for ours.
    public static var paneEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "TMUX", "TMUX_PANE", "SLOTSCOPE_READONLY"] { environment[name] = nil }
        return environment
    }

    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// An executable product built next to the test bundle (`swift build` puts every product
/// of the package in the same directory).
public enum BuiltProduct {
    public static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = FileManager.default.currentDirectoryPath + "/.build/debug/" + name
        guard FileManager.default.isExecutableFile(atPath: fallback) else { throw Missing(name: name) }
        return fallback
    }

    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var description: String { "\(name) was not built next to the tests: run swift build" }
    }
}

/// `stty -a` settings as words, e.g. ["icanon", "echo", "-echonl", …].
public func sttySettings(in screen: String) -> Set<String> {
    Set(screen.components(separatedBy: CharacterSet(charactersIn: " ;\n")).filter { !$0.isEmpty })
}

extension TmuxSession {
    /// After the program ended (once `marker`, when given, is on screen): no alternate screen
    /// left, and the tty back in cooked mode with echo and signals.
    public func expectRestored(after marker: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let marker { try waitFor(text: marker, sourceLocation: sourceLocation) }
        #expect(try !alternateScreenOn, sourceLocation: sourceLocation)
        try run("clear; stty -a")
        let screen = try waitFor(text: "icanon", sourceLocation: sourceLocation)
        let settings = sttySettings(in: screen)
        #expect(settings.contains("icanon") && settings.contains("echo") && settings.contains("isig"),
                "stty -a shows: \(screen)", sourceLocation: sourceLocation)
        #expect(!settings.contains("-icanon") && !settings.contains("-echo"), sourceLocation: sourceLocation)
    }
}
