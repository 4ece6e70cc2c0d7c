import ClusterModel
import RESP
import Wire

/// Moves every key of one slot from a source to a target: `CLUSTER GETKEYSINSLOT` then one
/// multi-key `MIGRATE` per batch, to the target's own cluster address (never a mapped one),
/// until the source holds none. MIGRATE is atomic per key (RESTORE on the target, then DEL on
/// the source), so an interruption at any point loses no key.
///
/// `BUSYKEY`: the keys left on the source are compared with the target's copies (`DUMP` on
/// both sides); identical ones are replaced, different ones stop the move unless
/// `replace`. `TRYAGAIN` (a key of the batch vanished while the slot migrates) and `ASK` (the
/// same for a one-key batch) are retried with a fresh listing.
struct KeyMover {
    let step: Int
    let slot: Int
    let source: PlanNode
    let target: PlanNode
    let sourceConnection: Connection
    let targetConnection: Connection
    let settings: MoveSettings
    let credentials: Credentials
    /// Where each MIGRATE and its reply is recorded.

    struct Outcome {
        var moved = 0
        var identicalReplaced = 0
    }

    func run(progress: (Int) -> Void) async throws(ActionError) -> Outcome {
        var outcome = Outcome()
        var tryAgain = 0
        var fruitlessBusyKeys = 0
        let batch = max(1, settings.keysPerBatch)
        let list = RESPCommand("CLUSTER", "GETKEYSINSLOT", String(slot), String(batch))
        // The next listing rides in the same pipeline as a successful MIGRATE: one round trip per batch.
        var nextListing: RESPValue?
        while true {
            let listing: RESPValue
            if let next = nextListing { listing = next } else { listing = try await send(sourceConnection, source, list) }
            nextListing = nil
            guard let keys = listing.elements?.compactMap(\.bytes) else {
                throw .commandFailed(step: step, node: source, command: "CLUSTER GETKEYSINSLOT \(slot) \(batch)",
                                     reply: listing.errorMessage ?? "unexpected reply")
            }
            if keys.isEmpty { return outcome }
            let replies = try await pipeline(sourceConnection, source, [migrate(keys, replace: settings.replace), list])
            let reply = replies[0]
            switch Self.classify(reply) {
            case nil:
                outcome.moved += keys.count
                progress(keys.count)
                tryAgain = 0
                nextListing = replies[1]
            case .tryAgain?, .ask?:
                tryAgain += 1
                if tryAgain > 50 { throw .tryAgainExhausted(step: step, slot: slot, source: source) }
                try? await Task.sleep(for: .milliseconds(100))
            case .busyKey?:
                let resolved = try await resolveBusyKeys(keys)
                // Nothing moved and nothing to replace: the conflict cannot be seen by DUMP; stop
                // rather than loop.
                fruitlessBusyKeys = resolved.movedMeanwhile + resolved.replaced == 0 ? fruitlessBusyKeys + 1 : 0
                if fruitlessBusyKeys >= 3 {
                    throw .commandFailed(step: step, node: source, command: "MIGRATE (slot \(slot) to \(target.address))",
                                         reply: "BUSYKEY persists, but no key of the batch differs on the target")
                }
                outcome.moved += resolved.movedMeanwhile + resolved.replaced
                outcome.identicalReplaced += resolved.identical
                progress(resolved.movedMeanwhile + resolved.replaced)
            case let error?:
                throw .commandFailed(step: step, node: source, command: "MIGRATE (slot \(slot), \(keys.count) keys to \(target.address))",
                                     reply: error.description)
            }
        }
    }

    /// After BUSYKEY: which keys of the batch are still on the source, which exist on the
    /// target, and whether their values are the same (DUMP, after ASKING: either side may
    /// have the slot open rather than own it).
    private func resolveBusyKeys(_ keys: [[UInt8]]) async throws(ActionError) -> (movedMeanwhile: Int, identical: Int, replaced: Int) {
        let dumps = keys.flatMap { [RESPCommand("ASKING"), RESPCommand(arguments: [Array("DUMP".utf8), $0])] }
        let onSource = try await pipeline(sourceConnection, source, dumps).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let onTarget = try await pipeline(targetConnection, target, dumps).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var remaining = 0
        var identical: [[UInt8]] = []
        var different: [[UInt8]] = []
        for (index, key) in keys.enumerated() {
            guard case .bulkString(let mine) = onSource[index].withoutAttributes else { continue }  // moved already
            remaining += 1
            guard case .bulkString(let theirs) = onTarget[index].withoutAttributes else { continue }  // not a conflict
            if mine == theirs { identical.append(key) } else { different.append(key) }
        }
        if !different.isEmpty && !settings.replace {
            throw .busyKey(step: step, slot: slot, source: source, target: target,
                           keys: different.map { String(decoding: $0, as: UTF8.self) })
        }
        let replace = identical + (settings.replace ? different : [])
        if !replace.isEmpty {
            let reply = try await send(sourceConnection, source, migrate(replace, replace: true))
            if let error = Self.classify(reply) {
                throw .commandFailed(step: step, node: source, command: "MIGRATE … REPLACE (slot \(slot), \(replace.count) keys)",
                                     reply: error.description)
            }
        }
        return (keys.count - remaining, identical.count, replace.count)
    }

    /// The error of a MIGRATE reply; the target's own error (`ERR Target instance replied
    /// with error: BUSYKEY …`) is unwrapped so BUSYKEY and TRYAGAIN are recognised.
    static func classify(_ reply: RESPValue) -> ServerError? {
        guard let message = reply.errorMessage else { return nil }
        let marker = "replied with error: "
        if let range = message.range(of: marker) {
            return ServerError(message: String(message[range.upperBound...]))
        }
        return ServerError(message: message)
    }

    /// `MIGRATE host port "" 0 timeout [REPLACE] [AUTH pw | AUTH2 user pw] KEYS k…`, addressed
    /// to the target as the cluster announces it.
    func migrate(_ keys: [[UInt8]], replace: Bool) -> RESPCommand {
        var arguments: [String] = ["MIGRATE", target.address.host, String(target.address.port), "", "0",
                                   String(settings.migrateTimeoutMilliseconds)]
        if replace { arguments.append("REPLACE") }
        if let password = credentials.password {
            if let user = credentials.user, user != "default" {
                arguments += ["AUTH2", user, password]
            } else {
                arguments += ["AUTH", password]
            }
        }
        arguments.append("KEYS")
        return RESPCommand(arguments: arguments.map { Array($0.utf8) } + keys)
    }

    private func send(_ connection: Connection, _ node: PlanNode, _ command: RESPCommand) async throws(ActionError) -> RESPValue {
        do {
            return try await connection.send(command)
        } catch {
            // The source waits for the target during MIGRATE: either may be the one not answering.
            if node == source { throw .keyMoveStalled(step: step, slots: [slot], source: source, target: target, error) }
            throw .wire(step: step, node: node, error)
        }
    }

    private func pipeline(_ connection: Connection, _ node: PlanNode, _ commands: [RESPCommand]) async throws(ActionError) -> [RESPValue] {
        do {
            return try await connection.pipeline(commands)
        } catch {
            if node == source { throw .keyMoveStalled(step: step, slots: [slot], source: source, target: target, error) }
            throw .wire(step: step, node: node, error)
        }
    }
}
