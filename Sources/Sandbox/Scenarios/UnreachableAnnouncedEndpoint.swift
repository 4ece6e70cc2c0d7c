import RESP
import Wire

/// A cluster whose nodes announce `cluster-announce-hostname` addresses nothing listens on,
/// like pod IPs seen from a laptop: `CLUSTER SLOTS`, `CLUSTER SHARDS` and `MOVED` name
/// `announcedHost:port`, which refuses connections, while every node is reachable at
/// 127.0.0.1 on the same port (what `--map` gives the tool).
public struct UnreachableAnnouncedCluster: Sendable {
    /// The running cluster (healthy: the cluster bus uses 127.0.0.1).
    public let cluster: SandboxCluster
    /// The announced host, e.g. `127.0.0.2`.
    public let announcedHost: String
    /// One `FROM=TO` address map per node: `127.0.0.2:PORT=127.0.0.1:PORT`.
    public let addressMaps: [String]
}

extension Sandbox {
    /// Starts a cluster announcing `announcedHost` (`cluster-announce-hostname` with
    /// `cluster-preferred-endpoint-type hostname`, never `cluster-announce-ip`) while binding
    /// 127.0.0.1 only, then checks that `CLUSTER SLOTS` names `announcedHost` and that
    /// connecting to `announcedHost:port` is refused.
    ///
    /// `announcedHost` must be a 127.x.y.z address other than 127.0.0.1, so a mistake can only
    /// reach this host.
    public func startClusterWithUnreachableAnnouncedEndpoint(announcedHost: String = "127.0.0.2", masters: Int = 3,
                                                             replicasPerMaster: Int = 0,
                                                             options: ServerOptions = ServerOptions()) async throws
        -> UnreachableAnnouncedCluster {
        guard announcedHost.hasPrefix("127."), announcedHost != "127.0.0.1" else {
            throw SandboxError.invalidConfiguration("the announced host must be a 127.x.y.z address other than 127.0.0.1")
        }
        var options = options
        options.announceHostname = announcedHost
        options.bindAnnouncedHostname = false
        let cluster = try await startCluster(masters: masters, replicasPerMaster: replicasPerMaster, options: options)

        let slots = try await command(cluster.nodes[0].process, "CLUSTER", "SLOTS")
        guard slots.contains(announcedHost) else {
            throw SandboxError.commandFailed(command: "CLUSTER SLOTS on port \(cluster.nodes[0].port)", exitStatus: 0,
                                             output: "does not name \(announcedHost): \(slots)")
        }
        let probe = Connection(endpoint: Endpoint(host: announcedHost, port: cluster.nodes[0].port),
                               options: options.connectionOptions(requestTimeout: .seconds(2)))
        defer { probe.close() }
        let refused: Bool
        do {
            _ = try await probe.send(RESPCommand("PING"))
            refused = false
        } catch {
            if case .connectionRefused = error { refused = true } else { throw error }
        }
        guard refused else {
            throw SandboxError.commandFailed(command: "PING \(announcedHost):\(cluster.nodes[0].port)", exitStatus: 0,
                                             output: "the announced endpoint answered; is something bound to \(announcedHost)?")
        }
        return UnreachableAnnouncedCluster(cluster: cluster, announcedHost: announcedHost,
                                           addressMaps: cluster.ports.map { "\(announcedHost):\($0)=127.0.0.1:\($0)" })
    }
}
