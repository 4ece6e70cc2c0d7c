import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One finished run of a child program: wall time from `posix_spawn` to exit, the child's own
/// CPU time (from `wait4`), its exit code, and whether the watchdog had to kill it.
struct TimedRun: Sendable {
    var milliseconds: Double
    var cpuMilliseconds: Double
    /// Exit code, or 128 + signal number.
    var exitCode: Int32
    var timedOut: Bool
}

/// Runs a program to completion with a hard deadline, for timing.
///
/// stdin is /dev/null; stdout and stderr go to `outputPath` (truncated each run; the same for
/// every contender, so discarding output costs all of them alike and the last run's text is
/// there to read when something fails). A watchdog on a Dispatch queue sends SIGKILL at the
/// deadline. The child is waited for with `waitid(WNOWAIT)` first and reaped only after the
/// watchdog has been disarmed, so the watchdog can never signal a recycled PID.
enum TimedProcess {
    static func run(_ executable: String, _ arguments: [String], outputPath: String,
                    timeoutSeconds: Double) throws -> TimedRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let clock = ContinuousClock()
        let started = clock.now
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("posix_spawn \(executable): \(String(cString: strerror(rc)))") }

        let state = Watchdog(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { state.fire() }

        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
        let elapsed = clock.now - started
        let timedOut = state.disarm()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}

        let parts = elapsed.components
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return TimedRun(milliseconds: Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15,
                        cpuMilliseconds: cpu, exitCode: exitCode, timedOut: timedOut)
    }

    /// The last `limit` characters a run wrote (for error messages).
    static func tail(of path: String, limit: Int = 600) -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes.suffix(limit), as: UTF8.self)
    }

    /// Armed until the child has exited (not yet reaped); firing while armed kills it.
    final class Watchdog: Sendable {
        private let pid: pid_t
        /// (armed, fired)
        private let state = Mutex((armed: true, fired: false))

        init(pid: pid_t) { self.pid = pid }

        func fire() {
            state.withLock { state in
                guard state.armed else { return }
                state.fired = true
                kill(pid, SIGKILL)
            }
        }

        /// Disarms; returns whether it had already fired.
        func disarm() -> Bool {
            state.withLock { state in
                state.armed = false
                return state.fired
            }
        }
    }
}
