import ClusterModel
import Operations
import RESP
import Sandbox
import Testing
import Wire

/// A writable pool on a sandbox cluster, as `slotscope fix` uses it.
func writablePool(readOnly: Bool = false, credentials: Credentials = .none) -> ConnectionPool {
    ConnectionPool(options: ConnectionOptions(credentials: credentials, connectTimeout: .seconds(5), requestTimeout: .seconds(10),
                                              readOnly: readOnly))
}

/// One poll with the key census through `pool`.
func countedSnapshot(_ cluster: SandboxCluster, pool: ConnectionPool) async -> ClusterSnapshot {
    let seed = Endpoint(host: "127.0.0.1", port: cluster.nodes[0].port)
    return await ClusterPoller(seeds: [seed], pool: pool, settings: PollSettings(countKeys: true)).poll().snapshot
}

/// Plans a fix of `cluster`, runs it, then polls until the problems fix repairs are gone
/// (gossip may take a moment); returns the plan, the run and what is still wrong.
func repair(_ cluster: SandboxCluster, options: FixOptions = FixOptions(), credentials: Credentials = .none)
    async throws -> (plan: Plan, report: ExecutionReport, remaining: [Finding]) {
    let pool = writablePool(credentials: credentials)
    defer { pool.closeAll() }
    let snapshot = await countedSnapshot(cluster, pool: pool)
    let plan = FixPlanner.plan(snapshot, findings: findings(snapshot), options: options)
    let report = try await PlanExecutor(pool: pool).run(plan)
    let remaining = try await remainingProblems(cluster, pool: pool)
    return (plan, report, remaining)
}

/// The findings fix must clear, after waiting up to 10 s for them to go.
func remainingProblems(_ cluster: SandboxCluster, pool: ConnectionPool) async throws -> [Finding] {
    var remaining: [Finding] = []
    for _ in 0..<20 {
        let snapshot = await countedSnapshot(cluster, pool: pool)
        remaining = findings(snapshot).filter { FixPlanner.verifiedKinds.contains($0.kind) }
        if remaining.isEmpty { return [] }
        try await Task.sleep(for: .milliseconds(500))
    }
    return remaining
}

/// `ASKING` + `SET key value` on `node` (which must import the slot).
func setAsking(_ pairs: [(String, String)], on node: ClusterNode) async throws {
    let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: node.port), options: ConnectionOptions())
    defer { connection.close() }
    let replies = try await connection.pipeline(pairs.flatMap { [RESPCommand("ASKING"), RESPCommand("SET", $0.0, $0.1)] })
    let errors = replies.filter { $0.isError }
    #expect(errors.isEmpty, "\(errors)")
}

/// The value of `key` on `node` itself (ASKING first, so an importing node answers too).
func localValue(_ key: String, on node: ClusterNode) async throws -> String? {
    let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: node.port), options: ConnectionOptions())
    defer { connection.close() }
    return try await connection.pipeline([RESPCommand("ASKING"), RESPCommand("GET", key)])[1].string
}

extension ServerProcess {
    /// One command over Wire, its reply as text.
    func sandboxCommand(_ arguments: String..., credentials: Credentials = .none) async throws -> String {
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: port), options: ConnectionOptions(credentials: credentials))
        defer { connection.close() }
        let reply = try await connection.send(RESPCommand(arguments))
        return reply.string ?? reply.integer.map(String.init) ?? reply.errorMessage ?? ""
    }
}

/// Background keys in a spread of slots, so a fix that loses or duplicates keys shows.
@discardableResult
func loadBackgroundKeys(_ sandbox: Sandbox, _ cluster: SandboxCluster) async throws -> [String] {
    try await sandbox.loadKeys(into: cluster, slots: Array(stride(from: 500, to: 16384, by: 331)), keysPerSlot: 20,
                               prefix: "bg").keys
}
