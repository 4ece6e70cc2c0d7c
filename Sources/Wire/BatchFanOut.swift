import RESP
import Synchronization

/// Gathers the replies of one fan-out on the loop thread and resumes its caller once.
///
/// `@unchecked Sendable`: `results` and `remaining` are touched only on the loop thread
/// (request completions run there); the caller reads `results` only after `finish`
/// handed them over through the continuation.
final class FanOutCollector: @unchecked Sendable {
    private var results: [Result<[RESPValue], WireError>?]
    private var remaining: Int
    private let done: @Sendable ([Result<[RESPValue], WireError>?]) -> Void

    init(count: Int, done: @escaping @Sendable ([Result<[RESPValue], WireError>?]) -> Void) {
        results = Array(repeating: nil, count: count)
        remaining = count
        self.done = done
    }

    /// Loop thread only.
    func set(_ index: Int, _ result: Result<[RESPValue], WireError>) {
        guard results[index] == nil else { return }
        results[index] = result
        remaining -= 1
        if remaining == 0 { done(results) }
    }
}

extension ConnectionPool {
    /// Sends the same pipeline to every endpoint in one loop job and wakes the caller once,
    /// when the last reply (or error) is in: no task per node, no thread hop per reply.
    /// Each node's timeout still applies to its own row, so a stalled node delays the whole
    /// at most by the request timeout and fails only its own entry.
    func batchFanOut(_ commands: [RESPCommand], to endpoints: [Endpoint]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        await batchFanOut(Set(endpoints).map { ($0, commands) })
    }

    /// The same with a pipeline of its own per endpoint (each endpoint listed once).
    func batchFanOut(_ pipelines: [(endpoint: Endpoint, commands: [RESPCommand])]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        guard !pipelines.isEmpty else { return [:] }
        if Task.isCancelled { return Dictionary(pipelines.map { ($0.endpoint, .failure(.cancelled)) }, uniquingKeysWith: { a, _ in a }) }
        let connections = pipelines.map { connection(to: $0.endpoint) }
        let requests = Mutex<[PendingRequest]>([])
        let loop = connections[0].loop
        let results = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Result<[RESPValue], WireError>?], Never>) in
                let collector = FanOutCollector(count: connections.count) { continuation.resume(returning: $0) }
                let created = pipelines.indices.map { index in
                    PendingRequest(commands: pipelines[index].commands, completion: { collector.set(index, $0) })
                }
                requests.withLock { $0 = created }
                loop.execute {
                    for (index, connection) in connections.enumerated() { connection.core.enqueue(created[index]) }
                }
            }
        } onCancel: {
            let pending = requests.withLock { $0 }
            loop.execute {
                for (index, request) in pending.enumerated() { connections[index].core.cancel(request) }
            }
        }
        var byEndpoint: [Endpoint: Result<[RESPValue], WireError>] = [:]
        for (index, pipeline) in pipelines.enumerated() {
            let result = results[index] ?? .failure(.cancelled)
            byEndpoint[pipeline.endpoint] = result
            // The same log a single send writes to (CLUSTER FORGET on every node goes this way).
            commandLog?.record(pipeline.commands, to: connections[index].endpoint, result)
        }
        return byEndpoint
    }
}

extension ConnectionPool {
    /// Sends the same pipeline to every endpoint at once (one loop job, one wake-up).
    public func fanOut(_ commands: [RESPCommand], to endpoints: [Endpoint]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        await batchFanOut(commands, to: endpoints)
    }

    /// Sends each endpoint its own pipeline, all at once (one loop job, one wake-up). An
    /// endpoint listed twice gets only its first pipeline.
    public func fanOut(_ pipelines: [(endpoint: Endpoint, commands: [RESPCommand])]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        var seen: Set<Endpoint> = []
        return await batchFanOut(pipelines.filter { seen.insert($0.endpoint).inserted })
    }

    /// Sends `command` to every endpoint at once (one loop job, one wake-up).
    public func fanOut(_ command: RESPCommand, to endpoints: [Endpoint]) async -> [Endpoint: Result<RESPValue, WireError>] {
        var firstReplies: [Endpoint: Result<RESPValue, WireError>] = [:]
        for (endpoint, result) in await batchFanOut([command], to: endpoints) {
            firstReplies[endpoint] = result.flatMap { replies in
                replies.first.map { .success($0) } ?? .failure(.unexpectedReply(endpoint))
            }
        }
        return firstReplies
    }
}
