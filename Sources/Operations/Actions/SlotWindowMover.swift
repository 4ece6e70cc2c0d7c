import ClusterModel
import RESP
import Wire

/// Runs one `moveSlots` step: a window of whole slot moves, with redis-cli's order per slot
/// but far fewer round trips. Each phase sends one pipeline per node, nodes in parallel:
/// `SETSLOT IMPORTING` on the targets, then `SETSLOT MIGRATING` on the sources, then the keys
/// (each source moves its slots in parallel with the other sources, pipelining
/// `MIGRATE` + the next `GETKEYSINSLOT` of every slot of the window), then `SETSLOT NODE` on
/// the targets, then on the sources, then on the other masters.
///
/// No phase starts before the one before it has been answered everywhere, so a slot is never
/// closed with keys left. A window interrupted anywhere (kill -9, a node stopped) leaves
/// open slots that running the window again finishes (`resumed` accepts the replies of a
/// phase that had already happened), and MIGRATE is atomic per key: no key is lost.
struct SlotWindowMover: Sendable {
    let step: Int
    let moves: [SlotMove]
    let masters: [PlanNode]
    let settings: MoveSettings
    let credentials: Credentials
    /// This window may have run in part before: "already the owner" (the target) and
    /// "not the owner" (the source) mean that phase had happened.
    let resumed: Bool
    let connection: @Sendable (PlanNode) -> Connection
    let checkpoint: @Sendable (ExecutionCheckpoint) -> Void

    struct Outcome: Sendable {
        var moved = 0
        var identicalReplaced = 0
        var warnings: [String] = []
    }

    func run(progress: @escaping @Sendable (Int) -> Void) async throws(ActionError) -> Outcome {
        try await onEachNode(grouped { ($0.target, ["CLUSTER", "SETSLOT", String($0.slot), "IMPORTING", $0.source.id.description]) },
                             tolerated: resumed ? ["already the owner"] : [])
        checkpoint(.importing)
        try await onEachNode(grouped { ($0.source, ["CLUSTER", "SETSLOT", String($0.slot), "MIGRATING", $0.target.id.description]) },
                             tolerated: resumed ? ["not the owner"] : [])
        checkpoint(.opened)
        var outcome = try await moveAllKeys(progress: progress)
        try await onEachNode(grouped { ($0.target, nodeArguments($0)) }, tolerated: [])
        checkpoint(.targetsOwn)
        // A master that lost its last slot may already have turned into a replica of the new
        // owner (cluster-allow-replica-migration, on by default), before its own SETSLOT NODE:
        // it then refuses the command, having learnt the new owner already.
        let becameReplicas = try await onEachNode(grouped { ($0.source, nodeArguments($0)) }, tolerated: [Self.replicaRefusal])
        checkpoint(.sourcesClosed)
        // The other masters learn the new owners by gossip anyway; telling them at once
        // spares clients a redirect. A failure there is a warning, not a stop.
        var bystanders: [PlanNode: [[String]]] = [:]
        for move in moves {
            for master in masters where master.id != move.source.id && master.id != move.target.id {
                bystanders[master, default: []].append(nodeArguments(move))
            }
        }
        outcome.warnings = await bestEffort(bystanders)
        outcome.warnings += Set(becameReplicas).sorted { $0.address.port < $1.address.port }.map {
            "\($0) gave up its last slot and became a replica of the new owner (cluster-allow-replica-migration)"
        }
        return outcome
    }

    private func nodeArguments(_ move: SlotMove) -> [String] {
        ["CLUSTER", "SETSLOT", String(move.slot), "NODE", move.target.id.description]
    }

    /// Commands per node, in the window's slot order.
    private func grouped(_ command: (SlotMove) -> (PlanNode, [String])) -> [PlanNode: [[String]]] {
        var result: [PlanNode: [[String]]] = [:]
        for move in moves {
            let (node, arguments) = command(move)
            result[node, default: []].append(arguments)
        }
        return result
    }

    // MARK: SETSLOT phases

    /// What a replica answers to SETSLOT.
    static let replicaRefusal = "use SETSLOT only with masters"

    /// One pipeline per node, all nodes at once; every reply must be OK or tolerated.
    /// Returns the nodes that answered with a tolerated error.
    @discardableResult
    private func onEachNode(_ commands: [PlanNode: [[String]]], tolerated: [String]) async throws(ActionError) -> [PlanNode] {
        var toleratedBy: [PlanNode] = []
        let results = await pipelines(commands)
        for (node, arguments) in commands.sorted(by: { $0.key.address.port < $1.key.address.port }) {
            switch results[node] {
            case .success(let replies)?:
                for (command, reply) in zip(arguments, replies) {
                    guard let message = reply.errorMessage else { continue }
                    guard PlanExecutor.matches(message, tolerated) else {
                        throw .commandFailed(step: step, node: node, command: command.joined(separator: " "), reply: message)
                    }
                    toleratedBy.append(node)
                }
            case .failure(let error)?:
                throw .wire(step: step, node: node, error)
            case nil:
                throw .commandFailed(step: step, node: node, command: arguments.first?.joined(separator: " ") ?? "", reply: "no reply")
            }
        }
        return toleratedBy
    }

    /// Like `onEachNode`, but failures only become warnings.
    private func bestEffort(_ commands: [PlanNode: [[String]]]) async -> [String] {
        let results = await pipelines(commands)
        var warnings: [String] = []
        for (node, arguments) in commands {
            switch results[node] {
            case .success(let replies)?:
                let refused = replies.compactMap(\.errorMessage)
                if let first = refused.first {
                    warnings.append("\(node) refused SETSLOT NODE for \(refused.count) of \(arguments.count) slot(s) (\(first)); gossip will tell it")
                }
            case .failure(let error)?:
                warnings.append("SETSLOT NODE for \(arguments.count) slot(s) on \(node): \(error.description); gossip will tell it")
            case nil:
                break
            }
        }
        return warnings
    }

    private func pipelines(_ commands: [PlanNode: [[String]]]) async -> [PlanNode: Result<[RESPValue], WireError>] {
        await withTaskGroup(of: (PlanNode, Result<[RESPValue], WireError>).self) { group in
            for (node, arguments) in commands {
                let connection = connection(node)
                let pipeline = arguments.map { RESPCommand($0) }
                group.addTask { (node, await connection.pipelineResult(pipeline)) }
            }
            var results: [PlanNode: Result<[RESPValue], WireError>] = [:]
            for await (node, result) in group { results[node] = result }
            return results
        }
    }
}
