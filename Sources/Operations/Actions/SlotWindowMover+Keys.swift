import ClusterModel
import RESP
import Wire

/// The key phase of a window: each source moves the keys of its slots, sources in parallel.
extension SlotWindowMover {
    /// Every source moves the keys of its slots, sources in parallel.
    func moveAllKeys(progress: @escaping @Sendable (Int) -> Void) async throws(ActionError) -> Outcome {
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
            var movedNow = 0
            for (index, entry) in chunk.enumerated() {
                let migrateReply = replies[2 * index]
                switch KeyMover.classify(migrateReply) {
                case nil:
                    movedNow += entry.keys.count
                    let keys = try keyList(replies[2 * index + 1], entry.move)
                    // Back of the queue: the other slots of the window get their turn first.
                    if !keys.isEmpty { pending.append((entry.move, keys)) }
                case .tryAgain?, .ask?, .busyKey?:
                    slow.append(entry.move)
                case let error?:
                    throw .commandFailed(step: step, node: source,
                                         command: "MIGRATE (slot \(entry.move.slot), \(entry.keys.count) keys to \(entry.move.target.address))",
                                         reply: error.description)
                }
            }
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
                 settings: settings, credentials: credentials)
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
