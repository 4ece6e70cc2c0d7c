import RESP
import Wire

/// What `slotscope ping` learns about one node: reachability, round trip, and who answers.
public struct ProbeReport: Sendable {
    public var endpoint: Endpoint
    /// Connect, TLS and HELLO/AUTH together.
    public var connectTime: Duration
    /// Median of the PING round trips.
    public var roundTrip: Duration
    public var pings: Int
    public var session: SessionInfo
    /// `redis` or `valkey`, and its version.
    public var serverName: String
    public var serverVersion: String
    /// `standalone`, `cluster` or `sentinel`.
    public var mode: String
    public var role: String
    /// `cluster_state` when the node runs in cluster mode and answered CLUSTER INFO.
    public var clusterState: String?
    public var tls: TLSOptions
    public var user: String?
    public var readOnly: Bool
}

/// Connects to one node and asks only what read-only mode allows: PING, INFO, CLUSTER INFO.
public enum NodeProbe {
    /// `probe` with its outcome as a value, for task-group children (see `CommandSending.sendResult`).
    public static func probeResult(_ endpoint: Endpoint, options: ConnectionOptions) async -> Result<ProbeReport, WireError> {
        do {
            return .success(try await probe(endpoint, options: options))
        } catch {
            return .failure(error)
        }
    }

    public static func probe(_ endpoint: Endpoint, options: ConnectionOptions, pings: Int = 5,
                             loop: IOLoop = .shared) async throws(WireError) -> ProbeReport {
        let connection = Connection(endpoint: endpoint, options: options, loop: loop)
        defer { connection.close() }
        let clock = ContinuousClock()
        let started = clock.now
        let session = try await connection.connect()
        let connectTime = clock.now - started

        var samples: [Duration] = []
        for _ in 0..<max(1, pings) {
            let sent = clock.now
            let reply = try await connection.send(RESPCommand("PING"))
            samples.append(clock.now - sent)
            if let message = reply.errorMessage {
                throw WireError.handshakeFailed(endpoint, message: "PING answered \(message)")
            }
        }
        samples.sort()

        let info = try await connection.send(RESPCommand("INFO", "server"))
        let server = InfoText.fields(info.string ?? "")
        let replication = InfoText.fields(try await connection.send(RESPCommand("INFO", "replication")).string ?? "")
        let mode = server["redis_mode"] ?? session.mode ?? "standalone"
        var clusterState: String?
        if mode == "cluster" {
            let clusterInfo = try await connection.send(RESPCommand("CLUSTER", "INFO"))
            clusterState = InfoText.fields(clusterInfo.string ?? "")["cluster_state"]
        }
        let isValkey = server["server_name"] == "valkey"
        return ProbeReport(
            endpoint: endpoint, connectTime: connectTime, roundTrip: samples[samples.count / 2], pings: samples.count,
            session: session,
            serverName: isValkey ? "valkey" : "redis",
            serverVersion: (isValkey ? server["valkey_version"] : nil) ?? server["redis_version"] ?? session.version ?? "?",
            mode: mode,
            role: mode == "sentinel" ? "sentinel" : (replication["role"] ?? session.role ?? "?"),
            clusterState: clusterState,
            tls: options.tls, user: options.credentials.user, readOnly: options.readOnly)
    }
}
