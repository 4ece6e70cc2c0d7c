import RESP
import Wire

extension ServerOptions {
    /// Wire options that reach a sandbox server started with these options: its password and
    /// TLS material, generous timeouts (a loaded 2-core machine), no client name.
    func connectionOptions(requestTimeout: Duration = .seconds(10)) -> ConnectionOptions {
        var tlsOptions = TLSOptions.disabled
        if let certificates = tls?.certificates {
            tlsOptions = TLSOptions(enabled: true, caFile: certificates.caCertificate,
                                    certFile: certificates.clientCertificate, keyFile: certificates.clientKey)
        }
        return ConnectionOptions(tls: tlsOptions, credentials: Credentials(password: password),
                                 connectTimeout: .seconds(5), requestTimeout: requestTimeout, clientName: nil)
    }
}

/// Short-lived Wire connections the scenario builders use for bulk work (pipelined writes),
/// where one redis-cli process per command would be too slow.
enum ScenarioWire {
    /// Runs `body` with a connection to 127.0.0.1:`port`, closing it afterwards.
    static func with<R: Sendable>(port: Int, options: ServerOptions, requestTimeout: Duration = .seconds(10),
                                  _ body: (Connection) async throws -> R) async throws -> R {
        let connection = Connection(endpoint: Endpoint(host: "127.0.0.1", port: port),
                                    options: options.connectionOptions(requestTimeout: requestTimeout))
        defer { connection.close() }
        return try await body(connection)
    }

    /// Pipelines `commands` in chunks of `chunk` and throws on the first error reply.
    static func pipelineExpectingSuccess(_ connection: Connection, _ commands: [RESPCommand],
                                         chunk: Int = 1000) async throws -> [RESPValue] {
        var replies: [RESPValue] = []
        for start in stride(from: 0, to: commands.count, by: chunk) {
            let part = Array(commands[start..<min(start + chunk, commands.count)])
            let answers = try await connection.pipeline(part)
            if let index = answers.firstIndex(where: \.isError) {
                throw SandboxError.commandFailed(command: "\(part[index]) on port \(connection.endpoint.port)",
                                                 exitStatus: 0, output: answers[index].errorMessage ?? "")
            }
            replies += answers
        }
        return replies
    }

    /// `SET key key` for each key on the node at `port`; with `asking`, each SET is preceded by
    /// `ASKING` (how a client writes into a slot the node is importing).
    static func setKeys(_ keys: [String], port: Int, options: ServerOptions, asking: Bool = false) async throws {
        guard !keys.isEmpty else { return }
        let commands = keys.flatMap { key in
            asking ? [RESPCommand("ASKING"), RESPCommand("SET", key, key)] : [RESPCommand("SET", key, key)]
        }
        _ = try await with(port: port, options: options) { try await pipelineExpectingSuccess($0, commands) }
    }
}
