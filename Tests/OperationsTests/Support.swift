import ClusterModel
import Foundation
import Operations
import Sandbox
import Testing
import TestSupport
import Wire

/// The Redis binaries, or: skip locally / fail with `CI=true` when redis-server is missing.
func requireRedis(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisBinaries {
    try requireRedisBinaries(sourceLocation: sourceLocation)
}

/// A sandbox with a fresh cluster of its own, for a test that breaks it.
func freshCluster(masters: Int = 3, replicas: Int = 0, nodeTimeout: Int = 2000,
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> (Sandbox, SandboxCluster) {
    let sandbox = try Sandbox(binaries: try requireRedis(sourceLocation: sourceLocation))
    let cluster = try await sandbox.startCluster(masters: masters, replicasPerMaster: replicas,
                                                 options: ServerOptions(nodeTimeoutMilliseconds: nodeTimeout))
    return (sandbox, cluster)
}

/// A poller on a cluster, seeded with its first node, read-only like the inspector.
func poller(for cluster: SandboxCluster, settings: PollSettings = PollSettings(), timeout: Duration = .seconds(2),
            map: [String] = []) throws -> ClusterPoller {
    let options = ConnectionOptions(connectTimeout: timeout, requestTimeout: timeout, readOnly: true)
    let pool = ConnectionPool(options: options, addressMap: try AddressMap(map))
    return ClusterPoller(seeds: [Endpoint(host: "127.0.0.1", port: cluster.nodes[0].port)], pool: pool, settings: settings)
}

extension Array where Element == Finding {
    func of(_ kind: FindingKind) -> [Finding] { filter { $0.kind == kind } }
    /// Warnings and worse: what makes `check` exit 1.
    var problems: [Finding] { filter { $0.severity >= .warning } }
    var kinds: Set<FindingKind> { Set(map(\.kind)) }
}
