import ClusterModel
import RESP
import Synchronization
import Wire

/// The fast way to a data node's sentinels: its `CLIENT LIST` names each connected sentinel
/// (`sentinel-<id prefix>-cmd`) with its IP; a sentinel listening on one of `ports` at
/// that IP (26379 by default) whose `SENTINEL MYID` starts with that prefix is that
/// sentinel (6.0 has no MYID: there the hello finds it). Its
/// `SENTINEL MASTERS` then gives the group's name. Nothing is taken on trust: an address
/// that does not prove to be the same sentinel is dropped, and the hello channel (2 s)
/// remains the way when no guess is confirmed.
enum SentinelClientProbe {
    /// The first confirmed sentinel, with the names under which it monitors one of
    /// `group` (the data nodes' addresses); nil when none is confirmed.
    static func find(_ clients: [SentinelClient], ports: [Int], group: Set<NodeAddress>, options: ConnectionOptions,
                     addressMap: AddressMap) async -> HeardSentinels? {
        // One connection per address, whichever of the sentinels seen from that IP it turns out to be.
        var prefixes: [NodeAddress: Set<String>] = [:]
        for client in clients {
            for port in ports { prefixes[NodeAddress(host: client.ip, port: port), default: []].insert(client.runIDPrefix) }
        }
        guard !prefixes.isEmpty else { return nil }
        // The name carries the sentinel's own id (SENTINEL MYID, 6.2+), not INFO's run_id.
        let commands = [RESPCommand("SENTINEL", "MYID"), RESPCommand("SENTINEL", "MASTERS")]
        return await withTaskGroup(of: HeardSentinels?.self, returning: HeardSentinels?.self) { tasks in
            for (address, expected) in prefixes.sorted(by: { $0.key < $1.key }) {
                let connection = Connection(endpoint: addressMap.map(Endpoint(address)), options: options)
                tasks.addTask {
                    defer { connection.close() }
                    guard case .success(let replies) = await connection.pipelineResult(commands), replies.count == 2,
                          let id = try? SentinelReply.myID(reply: replies[0]),
                          expected.contains(where: { id.hasPrefix($0) }),
                          let masters = try? SentinelMasterState.list(reply: replies[1]) else { return nil }
                    let names = masters.filter { $0.address.map(group.contains) ?? false }.map(\.name).sorted()
                    return names.isEmpty ? nil : HeardSentinels(sentinels: [address], masterNames: names, problem: nil)
                }
            }
            for await found in tasks where found != nil {
                tasks.cancelAll()
                return found
            }
            return nil
        }
    }
}

/// The first of several answers that finds a sentinel, without waiting for the others
/// (a probe stuck in a connect timeout must not hold up a hello already heard).
final class FirstSentinels: Sendable {
    private struct State {
        var continuation: CheckedContinuation<HeardSentinels?, Never>?
        var pending: Int
        var fallback: HeardSentinels?
    }
    private let state: Mutex<State>

    init(expecting count: Int) { state = Mutex(State(continuation: nil, pending: count, fallback: nil)) }

    /// Runs every body in its own task; returns the first result with sentinels, else the
    /// last one with a problem (or nil) once all have answered. The losers are cancelled.
    static func race(_ bodies: [@Sendable () async -> HeardSentinels?]) async -> HeardSentinels? {
        let race = FirstSentinels(expecting: bodies.count)
        let tasks = Mutex<[Task<Void, Never>]>([])
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<HeardSentinels?, Never>) in
            race.state.withLock { $0.continuation = continuation }
            for body in bodies {
                let task = Task { race.offer(await body()) }
                tasks.withLock { $0.append(task) }
            }
        }
        for task in tasks.withLock({ $0 }) { task.cancel() }
        return result
    }

    private func offer(_ result: HeardSentinels?) {
        let resume: (CheckedContinuation<HeardSentinels?, Never>, HeardSentinels?)? = state.withLock { state in
            state.pending -= 1
            if let result, result.problem != nil || !result.sentinels.isEmpty { state.fallback = state.fallback ?? result }
            let won = result.map { !$0.sentinels.isEmpty } ?? false
            guard won || state.pending == 0, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, won ? result : state.fallback)
        }
        if let (continuation, value) = resume { continuation.resume(returning: value) }
    }
}
