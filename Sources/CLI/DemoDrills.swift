import Sandbox
import Screens
import Synchronization

/// The "break something" drills of `slotscope demo`, built from the Sandbox scenarios and
/// acting only on the demo's own sandbox servers (by PID or by their loopback ports). One
/// drill runs at a time; each reports in one line, through `post`.
final class DemoDrills: Sendable {
    /// How long a stopped node stays stopped unless the drill key is pressed again.
    static let autoContinue: Duration = .seconds(15)

    private struct Shared {
        var busy = false
        var stopped: StoppedNode?
        /// Bumped at each stop, so an old timer does not continue a newer stop.
        var stopGeneration = 0
    }

    let available: [DemoDrill] = DemoDrill.allCases
    private let sandbox: Sandbox
    private let cluster: SandboxCluster
    private let shared = Mutex(Shared())

    init(sandbox: Sandbox, cluster: SandboxCluster) {
        self.sandbox = sandbox
        self.cluster = cluster
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

    private var runningMasters: [ClusterNode] { cluster.masters.filter { $0.process.isRunning } }

    private func perform(_ drill: DemoDrill, post: @escaping @Sendable (String) -> Void) async throws -> String {
        switch drill {
        case .killMaster:
            // The last such master: the first node is the inspector's seed, best kept alive.
            guard let victim = runningMasters.last(where: { master in
                cluster.replicas(of: master.id).contains { $0.process.isRunning }
            }) else { return "kill a master: no running master has a running replica left (restart the demo)" }
            post("SIGKILL to master 127.0.0.1:\(victim.port) (pid \(victim.process.pid)); its replica takes over in a few seconds: see Events")
            let promoted = try await sandbox.killMasterAndAwaitPromotion(victim, in: cluster)
            return "killed master: \(promoted)"
        case .stopNode:
            return try await toggleStop(post: post)
        case .openSlot:
            let masters = runningMasters
            guard masters.count >= 2, let slot = masters[0].slots.first?.lowerBound else {
                return "open a slot: needs two running masters of the demo (restart the demo)"
            }
            let open = try await sandbox.leaveMigrationHalfFinished(in: cluster, slot: slot, to: masters[1])
            return "opened \(open); press f to fix it"
        case .unassignSlots:
            guard let first = runningMasters.first?.slots.first else { return "unassign slots: no running master" }
            let range = first.lowerBound...min(first.lowerBound + 99, first.upperBound)
            let unassigned = try await sandbox.unassignSlots(range, in: cluster, keysPerSlot: 1)
            return "\(unassigned); press f to fix it"
        }
    }

    /// SIGSTOP a running replica, or SIGCONT the one stopped earlier.
    private func toggleStop(post: @escaping @Sendable (String) -> Void) async throws -> String {
        if let stopped = shared.withLock({ shared in defer { shared.stopped = nil }; return shared.stopped }) {
            stopped.resume()
            return "SIGCONT to 127.0.0.1:\(stopped.node.port) (pid \(stopped.pid)): it answers again"
        }
        // A replica whose master still runs (a promoted one is a master now).
        let masters = Set(runningMasters.map(\.id))
        guard let node = cluster.replicas.first(where: { $0.process.isRunning && masters.contains($0.masterID ?? "") }) else {
            return "stop a node: no running replica left (restart the demo)"
        }
        let stopped = try await sandbox.stopNode(node, in: cluster)
        let generation = shared.withLock { shared in
            shared.stopped = stopped
            shared.stopGeneration += 1
            return shared.stopGeneration
        }
        Task.detached { [self] in
            try? await Task.sleep(for: Self.autoContinue)
            let due = self.shared.withLock { shared -> StoppedNode? in
                guard shared.stopGeneration == generation, let stopped = shared.stopped else { return nil }
                shared.stopped = nil
                return stopped
            }
            if let due, due.resume() { post("SIGCONT to 127.0.0.1:\(due.node.port) after \(Self.autoContinue): it answers again") }
        }
        return "SIGSTOP to replica 127.0.0.1:\(node.port) (pid \(stopped.pid)); S again (or \(Self.autoContinue)) continues it"
    }
}
