#if canImport(Glibc)
import Glibc
#endif
import RESP
import Sandbox
import Wire

/// What the action benchmarks (reshard, fix) share: blocking Wire calls to sandbox nodes,
/// key counts, and waiting until every node agrees about who owns some slots.
enum ActionBenchSupport {
    /// The 3 × 1 cluster both benchmarks move keys on (node timeout 5 s, so a loaded
    /// machine does not flag nodes mid-run).
    static func startCluster(_ sandbox: Sandbox) throws -> SandboxCluster {
        let started: Result<SandboxCluster, Error> = BlockingTask.run {
            do {
                return .success(try await sandbox.startCluster(masters: 3, replicasPerMaster: 1,
                                                               options: ServerOptions(nodeTimeoutMilliseconds: 5000)))
            } catch { return .failure(error) }
        }
        return try started.get()
    }

    static func connection(_ node: ClusterNode) -> Connection {
        Connection(endpoint: Endpoint(host: "127.0.0.1", port: node.port),
                   options: ConnectionOptions(connectTimeout: .seconds(5), requestTimeout: .seconds(60)))
    }

    /// Pipelines `commands` to `node`, from synchronous code; throws on an error reply.
    static func pipeline(_ node: ClusterNode, _ commands: [RESPCommand]) throws -> [RESPValue] {
        let result: Result<[RESPValue], WireError> = BlockingTask.run {
            let connection = connection(node)
            defer { connection.close() }
            return await connection.pipelineResult(commands)
        }
        let replies = try result.get()
        if let bad = replies.first(where: \.isError) { throw BenchError("\(node.port): \(bad.errorMessage ?? "")") }
        return replies
    }

    /// `SET key <valueBytes bytes>` for `keysPerSlot` keys in each slot, on the slot's owner.
    static func load(_ owner: ClusterNode, slots: [Int], keysPerSlot: Int, valueBytes: Int, prefix: String) throws -> Int {
        let value = String(repeating: "v", count: valueBytes)
        var commands: [RESPCommand] = []
        for slot in slots {
            for index in 0..<keysPerSlot { commands.append(RESPCommand("SET", KeySlot.key("\(prefix):\(slot):\(index)", inSlot: slot), value)) }
        }
        for start in stride(from: 0, to: commands.count, by: 20_000) {
            _ = try pipeline(owner, Array(commands[start..<min(start + 20_000, commands.count)]))
        }
        return commands.count
    }

    /// DBSIZE summed over the masters.
    static func total(_ cluster: SandboxCluster) throws -> Int {
        try cluster.masters.reduce(0) { $0 + Int(try pipeline($1, [RESPCommand("DBSIZE")])[0].integer ?? 0) }
    }

    /// Keys `node` holds in `slots` (COUNTKEYSINSLOT, pipelined).
    static func keys(on node: ClusterNode, slots: [Int]) throws -> Int {
        try pipeline(node, slots.map { RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String($0)) }).reduce(0) { $0 + Int($1.integer ?? 0) }
    }

    /// Waits (up to 60 s) until every node, replicas included, names `owner` for each of
    /// `probe` slots and shows no open slot — what redis-cli's own start-up check demands.
    static func waitForAgreement(_ cluster: SandboxCluster, probe: [Int], owner: ClusterNode) throws {
        for _ in 0..<600 {
            var agreed = true
            for node in cluster.nodes {
                let text = try pipeline(node, [RESPCommand("CLUSTER", "NODES")])[0].string ?? ""
                let ownerLine = text.split(separator: "\n").first { $0.hasPrefix(owner.id) } ?? ""
                let ranges = ownerLine.split(separator: " ").dropFirst(8).compactMap { field -> ClosedRange<Int>? in
                    let bounds = field.split(separator: "-").compactMap { Int($0) }
                    return bounds.count == 2 ? bounds[0]...bounds[1] : bounds.count == 1 && !field.hasPrefix("[") ? bounds[0]...bounds[0] : nil
                }
                agreed = agreed && probe.allSatisfy { slot in ranges.contains { $0.contains(slot) } } && !text.contains("->-") && !text.contains("-<-")
            }
            if agreed { return }
            usleep(100_000)
        }
        throw BenchError("the nodes did not agree within 60 s that \(owner.port) owns slots \(probe)")
    }

    /// Median and ratio text.
    static func ms(_ value: Double) -> String { FanoutBenchmark.format(value) }
}
