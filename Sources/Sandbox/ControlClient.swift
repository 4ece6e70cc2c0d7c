/// How the control helper reaches one server: address, credentials and TLS material.
public struct ControlEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// Sent as AUTH (with `user` if set). Passed to redis-cli via `REDISCLI_AUTH`, never argv.
    public var password: String?
    public var user: String?
    /// When set, connect with TLS, trusting its CA and presenting its client certificate.
    public var tls: TestCertificates?

    public init(host: String = "127.0.0.1", port: Int, password: String? = nil, user: String? = nil,
                tls: TestCertificates? = nil) {
        self.host = host
        self.port = port
        self.password = password
        self.user = user
        self.tls = tls
    }
}

/// The single place where the sandbox talks to servers. Today it runs `redis-cli` as a
/// subprocess (a hung server cannot hang the caller: every call has a deadline); it is meant
/// to switch to Wire once that library lands, without changing its callers.
struct ControlClient: Sendable {
    let cliPath: String

    /// Runs one command; returns redis-cli's raw output (trailing newline trimmed).
    /// Throws `SandboxError.commandFailed` when the server replies with an error or is unreachable.
    func run(_ endpoint: ControlEndpoint, _ args: [String], timeout: Double = 10) async throws -> String {
        var argv = ["-h", endpoint.host, "-p", String(endpoint.port), "-e"]
        if let user = endpoint.user { argv += ["--user", user] }
        if let tls = endpoint.tls {
            argv += ["--tls", "--cacert", tls.caCertificate, "--cert", tls.clientCertificate, "--key", tls.clientKey]
        }
        var environment: [String: String] = [:]
        if let password = endpoint.password { environment["REDISCLI_AUTH"] = password }
        let result = try await Subprocess.run(cliPath, argv + args, environment: environment, timeout: timeout)
        let output = result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
        let looksLikeError = output.hasPrefix("ERR ") || output.hasPrefix("WRONGPASS") || output.hasPrefix("NOAUTH")
            || output.hasPrefix("NOPERM") || output.hasPrefix("Could not connect") || output.hasPrefix("Error:")
            // redis-cli carries on as the default user after a failed AUTH; the caller asked for
            // these credentials, so that is a failure.
            || result.stderr.contains("AUTH failed")
        guard result.exitCode == 0 && !looksLikeError else {
            throw SandboxError.commandFailed(
                command: "redis-cli -p \(endpoint.port) \(args.joined(separator: " "))",
                exitStatus: result.exitCode, output: (output + " " + result.stderr).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return output
    }
}

import Foundation
