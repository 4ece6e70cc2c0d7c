/// A master and its replicas, all ready (every replica's link to the master is up).
public struct ReplicationGroup: Sendable {
    public let master: ServerProcess
    public let replicas: [ServerProcess]
}

extension Sandbox {
    /// Starts one standalone redis-server and waits until it answers PING.
    public func startStandalone(_ options: ServerOptions = ServerOptions()) async throws -> ServerProcess {
        try await launch(kind: .server, options: options) { port, directory in
            ConfigWriter.server(port: port, directory: directory, role: .standalone, options: options)
        }
    }

    /// Starts a master and `replicas` replicas (`replicaof`) and waits until every replica
    /// reports `master_link_status:up`.
    public func startReplication(replicas: Int, options: ServerOptions = ServerOptions()) async throws -> ReplicationGroup {
        let master = try await startStandalone(options)
        let started = try await startReplicas(replicas, of: master, options: options)
        return ReplicationGroup(master: master, replicas: started)
    }

    func startReplicas(_ count: Int, of master: ServerProcess, options: ServerOptions) async throws -> [ServerProcess] {
        let masterPort = master.port
        let replicas = try await withThrowingTaskGroup(of: (Int, ServerProcess).self) { group in
            for index in 0..<count {
                group.addTask {
                    let replica = try await self.launch(kind: .server, options: options) { port, directory in
                        ConfigWriter.server(port: port, directory: directory, role: .replica(ofPort: masterPort),
                                            options: options)
                    }
                    return (index, replica)
                }
            }
            var result: [(Int, ServerProcess)] = []
            for try await item in group { result.append(item) }
            return result.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for replica in replicas {
            try await waitForReplicaLink(replica, timeout: options.readyTimeoutSeconds)
        }
        return replicas
    }

    /// Waits until `replica` reports `master_link_status:up`.
    func waitForReplicaLink(_ replica: ServerProcess, timeout: Double) async throws {
        var last = ""
        try await Poll.until("\(replica) to sync with its master", timeout: timeout, lastObservation: { last }) {
            last = (try? await self.command(replica, "INFO", "replication")) ?? last
            return InfoText.fields(last)["master_link_status"] == "up"
        }
    }
}

/// Parses `key:value` lines (INFO, CLUSTER INFO). Minimal on purpose: the real parsers live
/// in ClusterModel; the sandbox only needs a few fields to know a topology is ready.
enum InfoText {
    static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") else { continue }
            result[String(line[..<colon])] = String(line[line.index(after: colon)...])
                .trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}

import Foundation

extension Sandbox {
    /// Waits until `process` answers ROLE with `master` or `slave` (a replica). Useful after a
    /// failover: a cluster or sentinel promotion takes a few seconds.
    public func waitForRole(_ process: ServerProcess, _ role: ClusterNode.Role, timeout: Double = 30) async throws {
        let wanted = role == .master ? "master" : "slave"
        var last = ""
        try await Poll.until("\(process) to become \(role.rawValue)", timeout: timeout, interval: 0.1,
                             lastObservation: { last }) {
            last = (try? await self.command(process, "ROLE", timeout: 2)) ?? "no answer"
            return last.hasPrefix(wanted + "\n") || last == wanted
        }
    }
}
