import RESP
import Sandbox
import Wire

/// Reads every key the way a cluster client does: ask the first master (or the node on
/// `port`, e.g. one still running after a failover), follow MOVED (at most 4 hops). Returns
/// the keys whose value is missing or not their own name (what the sandbox's `loadKeys` and
/// scenarios write). Zero keys lost = an empty result.
public func unreadableKeys(_ keys: [String], in cluster: SandboxCluster, from port: Int? = nil,
                           credentials: Credentials = .none) async throws -> [String] {
    var pending: [Int: [String]] = [port ?? cluster.masters[0].port: keys]
    var bad: [String] = []
    for _ in 0..<4 where !pending.isEmpty {
        var next: [Int: [String]] = [:]
        for (port, batch) in pending {
            let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: port),
                                        options: ConnectionOptions(credentials: credentials, requestTimeout: .seconds(30)))
            defer { connection.close() }
            let replies = try await connection.pipeline(batch.map { RESPCommand("GET", $0) })
            for (key, reply) in zip(batch, replies) {
                if case .moved(_, let endpoint)? = ServerError(reply) {
                    next[endpoint.port, default: []].append(key)
                } else if reply.string != key {
                    bad.append(key)
                }
            }
        }
        pending = next
    }
    return bad + pending.values.flatMap { $0 }
}

/// Keys on the running masters (`DBSIZE` summed): moving keys must not change it.
public func totalKeys(_ cluster: SandboxCluster, credentials: Credentials = .none) async throws -> Int {
    var total = 0
    for master in cluster.masters where master.process.isRunning {
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: master.port),
                                    options: ConnectionOptions(credentials: credentials))
        defer { connection.close() }
        total += Int(try await connection.send(RESPCommand("DBSIZE")).integer ?? -1_000_000)
    }
    return total
}
