import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a tool with no blocked signals and default signal actions. The test runner's threads
/// block signals, and `Process` passes that mask on: a tmux server started that way (and
/// every program in its panes) would never see SIGTERM, SIGINT or SIGWINCH.
public enum CleanSpawn {
    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Output goes to a temporary file rather than a pipe: a daemon the tool starts (the tmux
    /// server) could otherwise hold the pipe open forever.
    /// `environment` replaces the test runner's (nil: inherit it).
    public static func run(_ path: String, _ arguments: [String], captureOutput: Bool,
                    environment: [String: String]? = nil) throws -> String {
        let outputPath = captureOutput
            ? FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
            : "/dev/null"
        defer { if captureOutput { unlink(outputPath) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let status = envp.map { posix_spawn(&pid, path, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard status == 0 else { throw Failed(description: "posix_spawn \(path) failed: \(status)") }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        guard captureOutput else { return "" }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
