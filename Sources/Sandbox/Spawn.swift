import Foundation

/// The one place that calls `posix_spawn`.
///
/// The child gets stdin from /dev/null, stdout/stderr as asked, every other descriptor closed
/// (so a redis-server never inherits a pipe or a port probe from another thread), default
/// handlers for the signals the sandbox uses, and an empty signal mask.
enum Spawn {
    /// Where the child's stdout and stderr go.
    enum Output {
        /// Both appended to this file.
        case file(String)
        /// stdout to the first descriptor, stderr to the second (write ends of pipes).
        case pipes(stdout: Int32, stderr: Int32)
    }

    /// Starts `executable` and returns its PID.
    static func start(executable: String, arguments: [String], environment: [String: String] = [:],
                      output: Output) throws -> pid_t {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        switch output {
        case let .file(path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        case let .pipes(out, err):
            posix_spawn_file_actions_adddup2(&actions, out, 1)
            posix_spawn_file_actions_adddup2(&actions, err, 2)
        }
        #if os(Linux)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        #endif

        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signo in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signo) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = descriptorLock.withLock { _ in posix_spawn(&pid, executable, &actions, &attributes, argv, envp) }
        guard rc == 0 else { throw SandboxError.spawnFailed(executable: executable, errno: rc) }
        return pid
    }

    /// Held while creating descriptors that must not leak and while spawning, so a child never
    /// catches a pipe between `pipe()` and `FD_CLOEXEC` (Swift's Glibc does not import `pipe2`).
    private static let descriptorLock = Locked(())

    /// `pipe()` with both ends close-on-exec.
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        descriptorLock.withLock { _ in
            guard pipe(&fds) == 0 else { return false }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
    }

    #if os(Linux)
    /// glibc 2.34+'s `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does
    /// not import; looked up at run time. Without it we rely on every descriptor we open being
    /// close-on-exec.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()
    #endif

    /// Non-blocking `waitpid`: the exit description if `pid` has terminated (and is now reaped),
    /// `nil` if it is still running or stopped.
    static func reapIfExited(_ pid: pid_t) -> String? {
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid { return describe(status: status) }
        if rc < 0 && errno == ECHILD { return "already reaped" }
        return nil
    }

    /// Blocking `waitpid`; returns the exit description.
    @discardableResult
    static func reap(_ pid: pid_t) -> String {
        var status: Int32 = 0
        while true {
            let rc = waitpid(pid, &status, 0)
            if rc == pid { return describe(status: status) }
            if rc < 0 && errno == EINTR { continue }
            return "already reaped"
        }
    }

    /// Exit code, or 128 + signal number, from a `waitpid` status.
    static func exitCode(status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)"
    }
}
