import Foundation

/// A node busy loading its dataset, answering `-LOADING Redis is loading the dataset in memory`
/// to PING, CLUSTER NODES and data commands (INFO still answers, with `loading:1`).
/// Made by `Sandbox.startSlowReload`; call `waitUntilLoaded()` to end it.
public final class LoadingNode: Sendable {
    /// The loading node.
    public let node: NodeRef
    /// Keys in its dataset (all in slots it owns).
    public let keys: Int
    /// `key-load-delay` used, in microseconds per key.
    public let keyLoadDelayMicroseconds: Int
    /// Wall-clock time `DEBUG RELOAD` was sent.
    public let startedAt: Date
    /// When loading was first seen (`INFO persistence` says `loading:1`), after `startedAt`.
    public let seenLoadingAfter: Duration

    private let start: ContinuousClock.Instant
    private let reload: Task<Void, any Error>
    private let sandbox: Sandbox
    private let process: ServerProcess

    init(node: NodeRef, keys: Int, keyLoadDelayMicroseconds: Int, startedAt: Date, start: ContinuousClock.Instant,
         seenLoadingAfter: Duration, reload: Task<Void, any Error>, sandbox: Sandbox, process: ServerProcess) {
        self.node = node
        self.keys = keys
        self.keyLoadDelayMicroseconds = keyLoadDelayMicroseconds
        self.startedAt = startedAt
        self.start = start
        self.seenLoadingAfter = seenLoadingAfter
        self.reload = reload
        self.sandbox = sandbox
        self.process = process
    }

    /// Waits until `DEBUG RELOAD` has returned and `INFO persistence` says `loading:0`, then
    /// sets `key-load-delay` back to 0 (a later restart loads at full speed). Returns how long
    /// the node was loading, from `startedAt`.
    @discardableResult
    public func waitUntilLoaded(timeout: Double = 60) async throws -> Duration {
        try await reload.value
        try await Poll.until("\(process) to finish loading", timeout: timeout) {
            InfoText.fields(try await self.sandbox.command(self.process, "INFO", "persistence"))["loading"] == "0"
        }
        let loadedAfter = ContinuousClock.now - start
        try await sandbox.expectOK(process, "CONFIG", "SET", "key-load-delay", "0")
        return loadedAfter
    }
}

extension Sandbox {
    /// Makes `node` (default: the first master) answer `LOADING` for about `loadingSeconds`:
    /// writes `keys` keys into its first 100 slots, sets the hidden 7.0 configs `key-load-delay`
    /// (microseconds slept per key loaded) and `loading-process-events-interval-bytes 1024` (so
    /// it keeps serving clients, with `-LOADING`, while it loads), then sends `DEBUG RELOAD`
    /// (save + load the RDB; needs `enable-debug-command`, which sandbox servers have) and
    /// returns once `INFO persistence` says `loading:1`.
    ///
    /// Measured on Redis 7.0.15: 3000 keys at 1000 µs load in ~3.5 s; the other nodes keep the
    /// loading node as `connected` with no `fail?` flag (it still answers the cluster bus).
    public func startSlowReload(of node: ClusterNode? = nil, in cluster: SandboxCluster, keys: Int = 2000,
                                loadingSeconds: Double = 2.5) async throws -> LoadingNode {
        guard let node = node ?? cluster.masters.first, node.role == .master, let range = node.slots.first,
              keys >= 1, loadingSeconds > 0 else {
            throw SandboxError.invalidConfiguration("startSlowReload needs a master with slots, keys >= 1, loadingSeconds > 0")
        }
        let slots = Array(range.prefix(min(100, keys)))
        let loaded = try await loadKeys(into: cluster, slots: slots, keysPerSlot: max(1, keys / slots.count),
                                        prefix: "loading")
        let delay = max(1, Int(loadingSeconds * 1_000_000 / Double(loaded.count)))
        try await expectOK(node.process, "CONFIG", "SET", "key-load-delay", String(delay))
        try await expectOK(node.process, "CONFIG", "SET", "loading-process-events-interval-bytes", "1024")

        let process = node.process
        let startedAt = Date()
        let start = ContinuousClock.now
        let reload = Task {
            let reply = try await self.command(process, "DEBUG", "RELOAD", timeout: loadingSeconds * 4 + 30)
            guard reply == "OK" else {
                throw SandboxError.commandFailed(command: "DEBUG RELOAD on port \(process.port)", exitStatus: 0, output: reply)
            }
        }
        var last = ""
        try await Poll.until("\(process) to report loading:1", timeout: 10, interval: 0.02, lastObservation: { last }) {
            let fields = InfoText.fields(try await self.command(process, "INFO", "persistence"))
            last = "loading:\(fields["loading"] ?? "?")"
            return fields["loading"] == "1"
        }
        return LoadingNode(node: NodeRef(node), keys: loaded.count, keyLoadDelayMicroseconds: delay,
                           startedAt: startedAt, start: start, seenLoadingAfter: ContinuousClock.now - start,
                           reload: reload, sandbox: self, process: process)
    }
}
