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
    let log: CommandLog?
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
                log?.record(zip(arguments, replies).map { (node, Step.quoted($0), $1) })
                for (command, reply) in zip(arguments, replies) {
                    guard let message = reply.errorMessage else { continue }
                    guard PlanExecutor.matches(message, tolerated) else {
                        throw .commandFailed(step: step, node: node, command: command.joined(separator: " "), reply: message)
                    }
                    toleratedBy.append(node)
                }
            case .failure(let error)?:
                log?.recordFailure(node, "\(arguments.count) × \(arguments.first.map(Step.quoted) ?? "")", error.description)
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
                log?.record(zip(arguments, replies).map { (node, Step.quoted($0), $1) })
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

    // MARK: Keys

    /// Every source moves the keys of its slots, sources in parallel.
    private func moveAllKeys(progress: @escaping @Sendable (Int) -> Void) async throws(ActionError) -> Outcome {
        var bySource: [PlanNode: [SlotMove]] = [:]
        for move in moves { bySource[move.source, default: []].append(move) }
        let firstBatch = SharedCount()
        let reportFirstBatch: @Sendable () -> Void = { [checkpoint] in
            if firstBatch.add(1) == 1 { checkpoint(.keysMoving) }
        }
        let results = await withTaskGroup(of: Result<Outcome, ActionError>.self) { group in
            for (source, slots) in bySource {
                group.addTask { await self.keysResult(from: source, slots, progress: progress, firstBatch: reportFirstBatch) }
            }
            var all: [Result<Outcome, ActionError>] = []
            for await result in group { all.append(result) }
            return all
        }
        var total = Outcome()
        for result in results {
            switch result {
            case .success(let outcome):
                total.moved += outcome.moved
                total.identicalReplaced += outcome.identicalReplaced
            case .failure(let error):
                throw error
            }
        }
        return total
    }

    /// `moveKeys` as a value (task-group children must not return from a typed `do`).
    private func keysResult(from source: PlanNode, _ slots: [SlotMove], progress: @escaping @Sendable (Int) -> Void,
                            firstBatch: @escaping @Sendable () -> Void) async -> Result<Outcome, ActionError> {
        do {
            return .success(try await moveKeys(from: source, slots, progress: progress, firstBatch: firstBatch))
        } catch {
            return .failure(error)
        }
    }

    /// One source's slots: `GETKEYSINSLOT` of all of them in one pipeline, then pipelines of
    /// `MIGRATE batch` + `GETKEYSINSLOT` (the next batch, or none: the slot is empty) for
    /// the slots still holding keys, a few thousand keys per pipeline. A slot whose MIGRATE answers TRYAGAIN, ASK or BUSYKEY
    /// is finished afterwards by `KeyMover`, which handles those one batch at a time.
    private func moveKeys(from source: PlanNode, _ slots: [SlotMove], progress: @Sendable (Int) -> Void,
                          firstBatch: @Sendable () -> Void) async throws(ActionError) -> Outcome {
        let sourceConnection = connection(source)
        let batch = String(max(1, settings.keysPerBatch))
        let list = { (slot: Int) in RESPCommand("CLUSTER", "GETKEYSINSLOT", String(slot), batch) }
        var outcome = Outcome()
        var pending: [(move: SlotMove, keys: [[UInt8]])] = []
        let targets = slots.map(\.target)
        let listings = try await pipeline(sourceConnection, source, slots.map { list($0.slot) }, targets: targets, slots: slots.map(\.slot))
        for (move, reply) in zip(slots, listings) {
            let keys = try keyList(reply, move)
            if !keys.isEmpty { pending.append((move, keys)) }
        }
        var slow: [SlotMove] = []
        // One pipeline carries at most four batches of keys: the whole pipeline must be
        // answered within the request timeout, however large the values.
        let budget = max(1, settings.keysPerBatch) * 4
        while !pending.isEmpty {
            var chunk: [(move: SlotMove, keys: [[UInt8]])] = []
            var chunkKeys = 0
            while let entry = pending.first, chunk.isEmpty || chunkKeys + entry.keys.count <= budget {
                chunk.append(entry)
                chunkKeys += entry.keys.count
                pending.removeFirst()
            }
            var commands: [RESPCommand] = []
            for entry in chunk {
                commands.append(mover(for: entry.move).migrate(entry.keys, replace: settings.replace))
                commands.append(list(entry.move.slot))
            }
            let replies = try await pipeline(sourceConnection, source, commands, targets: chunk.map(\.move.target),
                                             slots: chunk.map(\.move.slot))
            var logged: [(node: PlanNode, command: String, reply: RESPValue)] = []
            var movedNow = 0
            for (index, entry) in chunk.enumerated() {
                let migrateReply = replies[2 * index]
                logged.append((source, KeyMover.migrateLine(to: entry.move.target, move: settings, keys: entry.keys.count), migrateReply))
                switch KeyMover.classify(migrateReply) {
                case nil:
                    movedNow += entry.keys.count
                    let keys = try keyList(replies[2 * index + 1], entry.move)
                    // Back of the queue: the other slots of the window get their turn first.
                    if !keys.isEmpty { pending.append((entry.move, keys)) }
                case .tryAgain?, .ask?, .busyKey?:
                    slow.append(entry.move)
                case let error?:
                    log?.record(logged)
                    throw .commandFailed(step: step, node: source,
                                         command: "MIGRATE (slot \(entry.move.slot), \(entry.keys.count) keys to \(entry.move.target.address))",
                                         reply: error.description)
                }
            }
            log?.record(logged)
            outcome.moved += movedNow
            if movedNow > 0 {
                progress(movedNow)
                firstBatch()
            }
        }
        for move in slow {
            let finished = try await mover(for: move).run { progress($0) }
            outcome.moved += finished.moved
            outcome.identicalReplaced += finished.identicalReplaced
        }
        return outcome
    }

    private func mover(for move: SlotMove) -> KeyMover {
        KeyMover(step: step, slot: move.slot, source: move.source, target: move.target,
                 sourceConnection: connection(move.source), targetConnection: connection(move.target),
                 settings: settings, credentials: credentials, log: log)
    }

    private func keyList(_ reply: RESPValue, _ move: SlotMove) throws(ActionError) -> [[UInt8]] {
        guard let keys = reply.elements?.compactMap(\.bytes) else {
            throw .commandFailed(step: step, node: move.source, command: "CLUSTER GETKEYSINSLOT \(move.slot) \(settings.keysPerBatch)",
                                 reply: reply.errorMessage ?? "unexpected reply")
        }
        return keys
    }

    /// The source's pipeline; no reply means the source or a target it MIGRATEs to stalls.
    private func pipeline(_ connection: Connection, _ node: PlanNode, _ commands: [RESPCommand], targets: [PlanNode],
                          slots: [Int]) async throws(ActionError) -> [RESPValue] {
        do {
            return try await connection.pipeline(commands)
        } catch {
            guard let target = targets.first, Set(targets.map(\.id)).count == 1 else { throw .wire(step: step, node: node, error) }
            throw .keyMoveStalled(step: step, slots: slots, source: node, target: target, error)
        }
    }
}
