import Foundation
import RESP
import Sandbox
import Testing
import Wire

/// Read-only mode: every action is refused before a single command is sent, and the
/// connection layer refuses their commands anyway. Checked with `INFO commandstats` on every
/// node of a cluster and of a Sentinel group, before and after.
@Suite struct ReadOnlyActionsTests {
    /// Every action's command line. A new action adds its line here (e.g. reshard).
    static func actions(seed: String, replica: String, sentinel: String) -> [[String]] {
        [["fix", seed, "--yes"],
         ["failover", seed, "--replica", replica, "--yes"],
         ["failover", seed, "--replica", replica, "--force", "--yes"],
         ["failover", seed, "--replica", replica, "--takeover", "--dry-run"],
         ["failover", "--sentinel", sentinel, "--master-name", "mymaster", "--yes"]]
    }

    @Test func everyActionIsRefusedAndNothingReachesTheServers() async throws {
        let sandbox = try makeSandbox()
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        _ = try await sandbox.leaveMigrationHalfFinished(in: cluster)
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2)
        let processes = cluster.nodes.map(\.process) + group.dataNodes
        let all = try await commandStats(of: processes)
        #expect(Set(all.keys.compactMap { $0.split(separator: " ").first }) == Set(processes.map { "\($0.port)"[...] }))
        let before = ownCommandsRemoved(all)
        // Sentinels have no INFO commandstats: count the connections they accepted instead
        // (their links to each other stay up, so only this test's own reads add one each).
        let sentinelsBefore = try await settledConnections(group.sentinels)

        let lines = Self.actions(seed: "127.0.0.1:\(cluster.masters[0].port)", replica: cluster.replicas[0].id,
                                 sentinel: "127.0.0.1:\(group.sentinels[0].port)")
        for line in lines {
            for (flag, environment) in [(["--read-only"], [:]), ([], ["SLOTSCOPE_READONLY": "1"])] {
                let result = try await BinaryRunner.run(line + flag, environment: environment)
                #expect(result.status == 2, "\(line + flag): \(result.standardOutput)")
                #expect(result.standardError.contains("refused in read-only mode"), "\(line + flag): \(result.standardError)")
            }
        }

        // Nothing but the measurement itself connected to a sentinel.
        let sentinelsAfter = try await connectionsReceived(group.sentinels)
        #expect(sentinelsAfter == sentinelsBefore.mapValues { $0 + 1 }, "\(sentinelsBefore) → \(sentinelsAfter)")

        // The guard below the commands: a read-only connection refuses them before a byte is written.
        let options = ConnectionOptions(readOnly: true)
        let replica = Connection(endpoint: Endpoint(host: "127.0.0.1", port: cluster.replicas[0].port), options: options)
        let sentinel = Connection(endpoint: Endpoint(host: "127.0.0.1", port: group.sentinels[0].port), options: options)
        defer {
            replica.close()
            sentinel.close()
        }
        #expect(await wireError { try await replica.send(RESPCommand("CLUSTER", "FAILOVER", "FORCE")) }
                == .refusedInReadOnlyMode(command: "CLUSTER FAILOVER"))
        #expect(await wireError { try await sentinel.send(RESPCommand("SENTINEL", "FAILOVER", "mymaster")) }
                == .refusedInReadOnlyMode(command: "SENTINEL FAILOVER"))

        let after = ownCommandsRemoved(try await commandStats(of: processes))
        #expect(after == before)
        await sandbox.stopAll()
    }

    /// Drops what this test itself sends (INFO, HELLO) and the traffic of the replication
    /// links and the sentinels among themselves (PING, PUBLISH of hellos, REPLCONF ACK…).
    func ownCommandsRemoved(_ stats: [String: Int]) -> [String: Int] {
        let background = ["info", "hello", "ping", "publish", "replconf", "subscribe", "client|setname", "client|setinfo", "auth"]
        return stats.filter { entry in !background.contains { entry.key.hasSuffix("_" + $0) } }
    }
}

/// `cmdstat_<name>` → calls, per port, of any servers (cluster nodes, data nodes, sentinels).
func commandStats(of processes: [ServerProcess]) async throws -> [String: Int] {
    var stats: [String: Int] = [:]
    for process in processes {
        let connection = Connection(endpoint: endpoint(process))
        defer { connection.close() }
        let info = try await connection.send(RESPCommand("INFO", "commandstats"))
        for (name, value) in infoFields(info) {
            guard let calls = value.split(separator: ",").first?.split(separator: "=").last.flatMap({ Int($0) }) else { continue }
            stats["\(process.port) \(name)"] = calls
        }
    }
    return stats
}

/// `total_connections_received` from `INFO stats`, per port.
func connectionsReceived(_ processes: [ServerProcess]) async throws -> [Int: Int] {
    var counts: [Int: Int] = [:]
    for process in processes {
        let connection = Connection(endpoint: endpoint(process))
        defer { connection.close() }
        counts[process.port] = infoFields(try await connection.send(RESPCommand("INFO", "stats")))["total_connections_received"]
            .flatMap { Int($0) } ?? -1
    }
    return counts
}

/// `connectionsReceived` once the sentinels have opened their links to each other (a new
/// group's links come up a moment after discovery): two reads a second apart differ only by
/// the first read's own connection. Gives up after 15 tries and returns the last read.
func settledConnections(_ sentinels: [ServerProcess]) async throws -> [Int: Int] {
    var last = try await connectionsReceived(sentinels)
    for _ in 0..<15 {
        try await Task.sleep(for: .seconds(1))
        let now = try await connectionsReceived(sentinels)
        defer { last = now }
        if now == last.mapValues({ $0 + 1 }) { return now }
    }
    return last
}
