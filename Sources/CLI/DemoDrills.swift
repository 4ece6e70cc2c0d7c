#if canImport(Glibc)
import Glibc
#endif
import Sandbox
import Screens
import Synchronization

/// The "break something" drills of `slotscope demo`, built from the Sandbox scenarios and
/// acting only on the demo's own sandbox servers (by PID or by their loopback ports): one
/// set for the cluster, one for the Sentinel group. One drill runs at a time; each reports
/// in one line, through `post`.
final class DemoDrills: Sendable {
    /// How long a stopped server stays stopped unless the drill key is pressed again.
    static let autoContinue: Duration = .seconds(15)

    /// The demo's servers these drills break.
    enum Target: Sendable {
        case cluster(SandboxCluster)
        case sentinelGroup(SentinelGroup)
    }

    /// A server frozen with SIGSTOP by a drill, until `resume` (SIGCONT).
    struct Paused: Sendable {
        /// "replica 127.0.0.1:7001", for the drill's lines.
        let what: String
        let pid: pid_t
        let resume: @Sendable () -> Bool
    }

    private struct Shared {
        var busy = false
        var paused: Paused?
        /// Bumped at each stop, so an old timer does not continue a newer stop.
        var stopGeneration = 0
    }

    let available: [DemoDrill]
    let sandbox: Sandbox
    let target: Target
    private let shared = Mutex(Shared())

    init(sandbox: Sandbox, cluster: SandboxCluster) {
        self.sandbox = sandbox
        target = .cluster(cluster)
        available = DemoDrill.cluster
    }

    init(sandbox: Sandbox, group: SentinelGroup) {
        self.sandbox = sandbox
        target = .sentinelGroup(group)
        available = DemoDrill.sentinel
    }

    /// Starts `drill` in a task of its own; `post` gets each line to show.
    func run(_ drill: DemoDrill, post: @escaping @Sendable (String) -> Void) {
        guard shared.withLock({ shared -> Bool in
            guard !shared.busy else { return false }
            shared.busy = true
            return true
        }) else {
            post("\(drill.help): another drill is still running")
            return
        }
        Task.detached { [self] in
            let line: String
            do {
                line = try await self.perform(drill, post: post)
            } catch {
                line = "\(drill.help) failed: \(error)"
            }
            self.shared.withLock { $0.busy = false }
            post(line)
        }
    }

    private func perform(_ drill: DemoDrill, post: @escaping @Sendable (String) -> Void) async throws -> String {
        switch (target, drill) {
        case (.cluster(let cluster), .killMaster): return try await killMaster(of: cluster, post: post)
        case (.cluster(let cluster), .stopNode):
            return try await toggleStop(post: post) { try await self.stopReplica(of: cluster) }
        case (.cluster(let cluster), .openSlot): return try await openSlot(in: cluster)
        case (.cluster(let cluster), .unassignSlots): return try await unassignSlots(in: cluster)
        case (.sentinelGroup(let group), .killGroupMaster): return try await killMaster(of: group, post: post)
        case (.sentinelGroup(let group), .stopSentinel):
            return try await toggleStop(post: post) { self.stopSentinel(of: group) }
        default:
            return "\(drill.help): not offered in this view"
        }
    }

    /// The server a drill froze and has not continued yet (drills leave it out).
    var pausedPID: pid_t? { shared.withLock { $0.paused?.pid } }

    /// SIGCONT the server stopped earlier, or SIGSTOP one `stop` picks (nil: none left to
    /// stop, with the line saying so); a timer continues it after `autoContinue`.
    private func toggleStop(post: @escaping @Sendable (String) -> Void,
                            stop: () async throws -> Result<Paused, DrillRefusal>) async throws -> String {
        if let paused = shared.withLock({ shared in defer { shared.paused = nil }; return shared.paused }) {
            _ = paused.resume()
            return "SIGCONT to \(paused.what) (pid \(paused.pid)): it answers again"
        }
        let paused: Paused
        switch try await stop() {
        case .success(let stopped): paused = stopped
        case .failure(let refusal): return refusal.line
        }
        let generation = shared.withLock { shared in
            shared.paused = paused
            shared.stopGeneration += 1
            return shared.stopGeneration
        }
        Task.detached { [self] in
            try? await Task.sleep(for: Self.autoContinue)
            let due = self.shared.withLock { shared -> Paused? in
                guard shared.stopGeneration == generation, let paused = shared.paused else { return nil }
                shared.paused = nil
                return paused
            }
            if let due, due.resume() { post("SIGCONT to \(due.what) after \(Self.autoContinue): it answers again") }
        }
        return "SIGSTOP to \(paused.what) (pid \(paused.pid)); S again (or \(Self.autoContinue)) continues it"
    }
}

/// Why a drill found nothing to act on, as the line it shows.
struct DrillRefusal: Error {
    let line: String
}
