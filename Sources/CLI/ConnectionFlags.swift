import ArgumentParser

/// The connection flags every command shares, named as redis-cli names them.
public struct ConnectionFlags: ParsableArguments, Sendable {
    @Option(name: [.customShort("h"), .long], help: "Server hostname or IP (default: 127.0.0.1).")
    var host: String?

    @Option(name: [.customShort("p"), .long], help: "Server port (default: 6379).")
    var port: Int?

    @Option(name: [.customShort("u"), .customLong("uri")],
            help: "Server URI: redis://[user:password@]host[:port] or rediss://… for TLS.")
    var uri: String?

    @Option(name: [.customShort("a"), .customLong("pass")],
            help: "Password (visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file).")
    var password: String?

    @Option(name: .customLong("pass-file"), help: "Read the password from the first line of this file.")
    var passwordFile: String?

    @Flag(name: .customLong("askpass"), help: "Prompt for the password on the terminal.")
    var askPassword = false

    @Option(name: .customLong("user"), help: "ACL user name (Redis 6+).")
    var user: String?

    @Flag(name: .customLong("tls"), help: "Connect with TLS.")
    var tls = false

    @Option(name: .customLong("sni"), help: "Server name for TLS SNI and certificate checks.")
    var serverName: String?

    @Option(name: .customLong("cacert"), help: "CA certificate file to verify the server with.")
    var caCertificate: String?

    @Option(name: .customLong("cacertdir"), help: "Directory of trusted CA certificates.")
    var caCertificateDirectory: String?

    @Option(name: .customLong("cert"), help: "Client certificate to authenticate with.")
    var clientCertificate: String?

    @Option(name: .customLong("key"), help: "Private key of the client certificate.")
    var clientKey: String?

    @Flag(name: .customLong("insecure"), help: "Skip TLS certificate verification (unsafe).")
    var insecure = false

    @Flag(name: .customLong("read-only"),
          help: "Never change anything: refuse every command but reads (also SLOTSCOPE_READONLY=1).")
    var readOnly = false

    @Option(name: .customLong("timeout"), help: "Connect and reply timeout, e.g. 2s or 500ms.")
    var timeout: String = "2s"

    public init() {}
}

/// What the flags ask for, resolved and checked; secrets not yet read.
public struct ConnectionRequest: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String?
    public var passwordSource: PasswordSource?
    public var tls: TLSRequest?
    public var readOnly: Bool
    public var timeout: Duration

    /// TLS settings as the user gave them.
    public struct TLSRequest: Sendable, Equatable {
        public var serverName: String?
        public var caFile: String?
        public var caDirectory: String?
        public var certificateFile: String?
        public var keyFile: String?
        public var insecure: Bool
    }

    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

extension ConnectionFlags {
    /// Resolves flags, an optional positional `HOST:PORT` and the environment into one
    /// request. Precedence: positional address, then `-u`, then `-h`/`-p`, then defaults.
    public func resolve(address: String?, environment: [String: String]) throws(CLIError) -> ConnectionRequest {
        var host = "127.0.0.1"
        var port = 6379
        var user = self.user
        var passwordSource: PasswordSource?
        var useTLS = tls

        if let uri {
            let parsed = try RedisURI(uri)
            host = parsed.host
            port = parsed.port ?? port
            if user == nil { user = parsed.user }
            if let password = parsed.password { passwordSource = .uri(password) }
            useTLS = useTLS || parsed.tls
        }
        if let flagHost = self.host { host = flagHost }
        if let flagPort = self.port {
            guard (1...65535).contains(flagPort) else { throw CLIError.usage("-p \(flagPort) is not a port from 1 to 65535") }
            port = flagPort
        }
        if let address {
            let split = try HostPort.split(address, defaultPort: port)
            host = split.host.isEmpty ? host : split.host
            port = split.port ?? port
        }

        let explicitSources = [password != nil, passwordFile != nil, askPassword].filter { $0 }.count
        guard explicitSources <= 1 else {
            throw CLIError.usage("give the password one way only: -a/--pass, --pass-file or --askpass")
        }
        if let password { passwordSource = .commandLine(password) }
        if let passwordFile { passwordSource = .file(passwordFile) }
        if askPassword { passwordSource = .prompt }
        if passwordSource == nil, let fromEnvironment = environment["REDISCLI_AUTH"], !fromEnvironment.isEmpty {
            passwordSource = .environment(fromEnvironment)
        }

        let tlsFlagsGiven = serverName != nil || caCertificate != nil || caCertificateDirectory != nil
            || clientCertificate != nil || clientKey != nil || insecure
        if tlsFlagsGiven && !useTLS {
            throw CLIError.usage("TLS options (--sni, --cacert, --cacertdir, --cert, --key, --insecure) need --tls or a rediss:// URI")
        }
        if (clientCertificate == nil) != (clientKey == nil) {
            throw CLIError.usage("--cert and --key go together: give both or neither")
        }
        let tlsRequest = useTLS ? ConnectionRequest.TLSRequest(
            serverName: serverName, caFile: caCertificate, caDirectory: caCertificateDirectory,
            certificateFile: clientCertificate, keyFile: clientKey, insecure: insecure) : nil

        return ConnectionRequest(
            host: host, port: port, user: user, passwordSource: passwordSource, tls: tlsRequest,
            readOnly: readOnly || ReadOnlySetting.isOn(environment["SLOTSCOPE_READONLY"]),
            timeout: try DurationParsing.parse(timeout, flag: "--timeout"))
    }
}

extension ConnectionFlags {
    /// Whether the flags name a node (host, port or URI), so the root command has a target.
    var namesTarget: Bool { host != nil || port != nil || uri != nil }
}

/// `SLOTSCOPE_READONLY=1` (or true/yes/on) turns read-only mode on; nothing turns it off.
public enum ReadOnlySetting {
    public static func isOn(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(value)
    }
}
