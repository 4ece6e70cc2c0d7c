import Foundation

/// One running `redis-server` or `redis-sentinel` the sandbox started.
///
/// Every signal goes to exactly this PID, and only until the process has been reaped, so a
/// recycled PID is never hit. Dropping the last reference to a still-running process kills it.
public final class ServerProcess: Sendable, CustomStringConvertible {
    /// What kind of process this is.
    public enum Kind: String, Sendable { case server, sentinel }

    public let kind: Kind
    public let pid: pid_t
    /// The port it listens on (the TLS port when TLS is on; the cluster bus is `port + 10000`).
    public let port: Int
    /// Its own directory: config file, logfile, pidfile, nodes.conf.
    public let directory: String
    public let configPath: String
    public let logPath: String
    /// How the control helper (and tests) reach it: address, password, TLS material.
    public let endpoint: ControlEndpoint

    /// `nil` while not reaped; afterwards how it ended ("exit 0", "signal 9").
    private let exitDescription = Locked<String?>(nil)

    init(kind: Kind, pid: pid_t, port: Int, directory: String, configPath: String, endpoint: ControlEndpoint) {
        self.kind = kind
        self.pid = pid
        self.port = port
        self.directory = directory
        self.configPath = configPath
        self.logPath = directory + "/server.log"
        self.endpoint = endpoint
    }

    deinit { _ = kill() }

    public var description: String { "\(kind) pid \(pid) port \(port)" }

    /// True until the process has exited (a paused process is running). Reaps it if it exited.
    public var isRunning: Bool {
        exitDescription.withLock { ended in
            if ended != nil { return false }
            if let how = Spawn.reapIfExited(pid) {
                ended = how
                ProcessRegistry.unregister(pid)
                return false
            }
            return true
        }
    }

    /// How the process ended, or `nil` if it is still running.
    public var exitStatus: String? {
        _ = isRunning
        return exitDescription.withLock { $0 }
    }

    /// SIGSTOP: the process stays alive but stops answering (a stalled node).
    @discardableResult
    public func pause() -> Bool { signal(SIGSTOP) }

    /// SIGCONT after `pause()`.
    @discardableResult
    public func resume() -> Bool { signal(SIGCONT) }

    /// SIGKILL (kill -9) and reap: a node that dies without a word. Returns false if it had
    /// already exited.
    @discardableResult
    public func kill() -> Bool {
        exitDescription.withLock { ended in
            guard ended == nil else { return false }
            _ = Foundation.kill(pid, SIGKILL)
            ended = Spawn.reap(pid)
            ProcessRegistry.unregister(pid)
            return true
        }
    }

    /// Graceful stop: SIGTERM (and SIGCONT, in case it is paused), wait up to `grace` seconds,
    /// then SIGKILL. Always reaps. Safe to call more than once.
    public func stop(grace: Double = 5) async {
        guard signal(SIGTERM) else { return }
        _ = signal(SIGCONT)
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            if !isRunning { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        kill()
    }

    /// The last `lines` lines of its logfile (for error messages).
    public func logTail(lines: Int = 30) -> String {
        ServerProcess.tail(of: logPath, lines: lines)
    }

    /// Sends `signo` unless the process was already reaped.
    private func signal(_ signo: Int32) -> Bool {
        exitDescription.withLock { ended in
            guard ended == nil else { return false }
            return Foundation.kill(pid, signo) == 0
        }
    }

    static func tail(of path: String, lines: Int) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no log at \(path))" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
