import Foundation

/// Output of a finished helper process.
struct SubprocessResult: Sendable {
    /// Exit code, or 128 + signal number.
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Runs short-lived helper programs (`redis-cli`, `openssl`) with a hard deadline.
///
/// The blocking work (poll on the pipes, waitpid) runs on its own thread, never on the Swift
/// concurrency pool (two threads on this machine), so a hung `redis-cli` against a SIGSTOPped
/// node cannot starve other tests. On timeout the child gets SIGKILL.
enum Subprocess {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    timeout: Double = 10) async throws -> SubprocessResult {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<SubprocessResult, Error>) in
            let thread = Thread {
                continuation.resume(with: Result {
                    try runBlocking(executable, arguments, environment: environment, timeout: timeout)
                })
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String],
                            timeout: Double) throws -> SubprocessResult {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard Spawn.makePipe(&outPipe) else { throw SandboxError.spawnFailed(executable: executable, errno: errno) }
        guard Spawn.makePipe(&errPipe) else {
            close(outPipe[0]); close(outPipe[1])
            throw SandboxError.spawnFailed(executable: executable, errno: errno)
        }
        let pid: pid_t
        do {
            pid = try Spawn.start(executable: executable, arguments: arguments, environment: environment,
                                  output: .pipes(stdout: outPipe[1], stderr: errPipe[1]))
        } catch {
            outPipe.forEach { close($0) }
            errPipe.forEach { close($0) }
            throw error
        }
        ProcessRegistry.register(pid)
        close(outPipe[1])
        close(errPipe[1])
        defer {
            close(outPipe[0])
            close(errPipe[0])
        }

        let deadline = Date().addingTimeInterval(timeout)
        var out = [UInt8](), err = [UInt8]()
        var open: [(fd: Int32, isOut: Bool)] = [(outPipe[0], true), (errPipe[0], false)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var timedOut = false
        while !open.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { timedOut = true; break }
            var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000)) + 1)
            if ready < 0 && errno != EINTR { timedOut = true; break } // cannot watch it: treat as hung
            var closed = Set<Int32>()
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { out += buffer[0..<count] } else { err += buffer[0..<count] }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.insert(entry.fd)
                }
            }
            open.removeAll { closed.contains($0.fd) }
        }
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        ProcessRegistry.unregister(pid)
        let result = SubprocessResult(exitCode: Spawn.exitCode(status: status),
                                      stdout: String(decoding: out, as: UTF8.self),
                                      stderr: String(decoding: err, as: UTF8.self))
        if timedOut {
            let name = ([executable] + arguments).joined(separator: " ")
            throw SandboxError.timeout(what: "`\(name)`", seconds: timeout,
                                       lastObservation: (result.stdout + result.stderr).suffix(500).description)
        }
        return result
    }
}
