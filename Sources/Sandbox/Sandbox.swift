import Foundation

/// Owns a temp directory and every server started through it.
///
/// Start topologies with `startStandalone`, `startReplication`, `startCluster` and
/// `startSentinelGroup`; each call waits until its topology is ready (or throws with the
/// failing server's log tail). `stopAll()` stops everything gracefully; dropping the sandbox
/// kills whatever is left and removes its directory. Several sandboxes can run side by side in
/// one process or in parallel processes: ports come from the process-wide `PortAllocator`.
public final class Sandbox: Sendable {
    /// The binaries in use.
    public let binaries: RedisBinaries
    /// The temp directory holding one sub-directory per server.
    public let root: String
    /// When true, `root` is left on disk after stopping (for reading logs).
    public let keepFiles: Bool

    let ports: PortAllocator
    let control: ControlClient
    private let started = Locked<[ServerProcess]>([])

    /// Creates the temp root. `binaries` defaults to `RedisBinaries.locate()`.
    public init(binaries: RedisBinaries? = nil, keepFiles: Bool = false, ports: PortAllocator = .shared) throws {
        let binaries = try binaries ?? RedisBinaries.locate()
        self.binaries = binaries
        self.keepFiles = keepFiles
        self.ports = ports
        self.control = ControlClient(cliPath: binaries.cli)
        StaleDirectories.sweepOnce()
        let root = StaleDirectories.path(prefix: StaleDirectories.sandboxPrefix)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        self.root = root
    }

    deinit {
        for process in started.withLock({ $0 }) { process.kill() }
        if !keepFiles { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Every process started so far (running or not), in start order.
    public var servers: [ServerProcess] { started.withLock { $0 } }

    /// Gracefully stops every process started here (in parallel), then removes `root` unless
    /// `keepFiles`.
    public func stopAll(grace: Double = 5) async {
        let all = started.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            for process in all { group.addTask { await process.stop(grace: grace) } }
        }
        if !keepFiles { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Sends one command to the server on `port` (one this sandbox started: its password and
    /// TLS settings are used) and returns redis-cli's raw output. Meant for tests that need to
    /// poke a server, e.g. `CLUSTER SETSLOT` to build a broken state.
    public func controlCommand(port: Int, args: [String], timeout: Double = 10) async throws -> String {
        guard let process = started.withLock({ $0.last { $0.port == port } }) else {
            return try await control.run(ControlEndpoint(port: port), args, timeout: timeout)
        }
        return try await control.run(process.endpoint, args, timeout: timeout)
    }

    /// Sends one command to `process`.
    public func command(_ process: ServerProcess, _ args: String..., timeout: Double = 10) async throws -> String {
        try await control.run(process.endpoint, args, timeout: timeout)
    }

    /// Sends one command to any endpoint (e.g. with a different user or TLS material).
    public func command(_ endpoint: ControlEndpoint, _ args: [String], timeout: Double = 10) async throws -> String {
        try await control.run(endpoint, args, timeout: timeout)
    }

    /// Starts `process` again on the same port, directory and config (a node coming back after
    /// `kill()`; a cluster node keeps its id through nodes.conf). Waits until it answers PING.
    public func restart(_ process: ServerProcess, timeout: Double = 30) async throws -> ServerProcess {
        if process.isRunning { await process.stop() }
        let executable = process.kind == .sentinel ? binaries.sentinel : binaries.server
        let fresh = try spawn(kind: process.kind, executable: executable, port: process.port,
                              directory: process.directory, endpoint: process.endpoint)
        try await waitUntilAnswering(fresh, timeout: timeout)
        return fresh
    }

    // MARK: - Launching

    /// Allocates a port, writes the config made by `config(port, directory)`, starts the
    /// process and waits until it answers PING. Retries on another port when the port was taken
    /// between allocation and bind (another test process won the race).
    func launch(kind: Kind, options: ServerOptions,
                config: @Sendable (_ port: Int, _ directory: String) -> String) async throws -> ServerProcess {
        var lastError: Error = SandboxError.noFreePort
        for _ in 0..<5 {
            let port = try ports.allocate()
            let directory = root + "/\(kind.rawValue)-\(port)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let configPath = directory + "/\(kind == .sentinel ? "sentinel" : "redis").conf"
            try config(port, directory).write(toFile: configPath, atomically: true, encoding: .utf8)
            let endpoint = ControlEndpoint(port: port, password: options.password, tls: options.tls?.certificates)
            let executable = kind == .sentinel ? binaries.sentinel : binaries.server
            let process = try spawn(kind: kind, executable: executable, port: port, directory: directory, endpoint: endpoint)
            do {
                try await waitUntilAnswering(process, timeout: options.readyTimeoutSeconds)
                return process
            } catch {
                lastError = error
                let log = process.logTail(lines: 200)
                guard !process.isRunning, log.contains("Address already in use") else { throw error }
            }
        }
        throw lastError
    }

    typealias Kind = ServerProcess.Kind

    private func spawn(kind: Kind, executable: String, port: Int, directory: String,
                       endpoint: ControlEndpoint) throws -> ServerProcess {
        let configPath = directory + "/\(kind == .sentinel ? "sentinel" : "redis").conf"
        let pid = try Spawn.start(executable: executable, arguments: [configPath],
                                  output: .file(directory + "/stdout.log"))
        ProcessRegistry.register(pid)
        let process = ServerProcess(kind: kind, pid: pid, port: port, directory: directory,
                                    configPath: configPath, endpoint: endpoint)
        started.withLock { $0.append(process) }
        return process
    }

    /// Polls PING until PONG; fails early with the log tail if the process exits.
    func waitUntilAnswering(_ process: ServerProcess, timeout: Double) async throws {
        var last = "no reply yet"
        try await Poll.until("\(process) to answer PING", timeout: timeout, lastObservation: { last }) {
            if let status = process.exitStatus {
                let stdout = ServerProcess.tail(of: process.directory + "/stdout.log", lines: 10)
                throw SandboxError.serverExited(port: process.port, status: status,
                                                logTail: process.logTail() + "\n" + stdout)
            }
            do {
                last = try await self.control.run(process.endpoint, ["PING"], timeout: 2)
                return last == "PONG"
            } catch {
                last = "\(error)"
                return false
            }
        }
    }
}
