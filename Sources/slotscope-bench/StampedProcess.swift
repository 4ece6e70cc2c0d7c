import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock microseconds since the Unix epoch (comparable with the receive times
/// `Subscription` stamps, in ms, on its I/O thread).
func wallMicroseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1_000
}

/// A child program whose stdout is read line by line as it arrives, each line stamped with
/// the wall-clock time its last byte was read here. stderr goes to a file; stdin is /dev/null.
final class StampedProcess: Sendable {
    struct Line: Sendable {
        var text: String
        var microseconds: Int64
    }

    let pid: pid_t
    private let state = Shared<(lines: [Line], partial: [UInt8])>(([], []))

    init(_ executable: String, _ arguments: [String], standardErrorPath: String) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw BenchError("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 2, standardErrorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            throw BenchError("posix_spawn \(executable): \(String(cString: strerror(rc)))")
        }
        self.pid = pid
        let reader = fds[0]
        // A blocking read on a thread of its own: stamped the moment the bytes arrive.
        DispatchQueue.global().async { [state] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(reader, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                let now = wallMicroseconds()
                state.lock.withLock { state in
                    state.partial += buffer[0..<count]
                    while let newline = state.partial.firstIndex(of: 10) {
                        state.lines.append(Line(text: String(decoding: state.partial[..<newline], as: UTF8.self), microseconds: now))
                        state.partial.removeSubrange(...newline)
                    }
                }
            }
            close(reader)
        }
    }

    var lines: [Line] { state.lock.withLock { $0.lines } }

    func first(containing text: String) -> Line? { state.lock.withLock { $0.lines.first { $0.text.contains(text) } } }

    /// SIGTERM, then reaps it (SIGKILL after `grace` seconds).
    func stop(grace: Double = 5) {
        kill(pid, SIGTERM)
        let deadline = wallMicroseconds() + Int64(grace * 1_000_000)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if wallMicroseconds() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return
            }
            usleep(20_000)
        }
    }
}

/// A value behind a lock that closures and tasks can hold on to.
final class Shared<Value: Sendable>: Sendable {
    let lock: Mutex<Value>
    init(_ value: Value) { lock = Mutex(value) }
}
