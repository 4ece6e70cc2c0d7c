import RESP

/// What the server told us while the connection was set up.
public struct SessionInfo: Sendable, Hashable {
    /// 3 after a successful `HELLO 3`, else 2.
    public var protocolVersion: Int
    /// `redis` or `valkey` (from HELLO; nil on RESP2 fallback).
    public var server: String?
    public var version: String?
    /// `standalone`, `cluster` or `sentinel`.
    public var mode: String?
    /// `master` or `replica`.
    public var role: String?
    /// The server's client id for this connection.
    public var connectionID: Int64?

    public init(protocolVersion: Int, server: String? = nil, version: String? = nil,
                mode: String? = nil, role: String? = nil, connectionID: Int64? = nil) {
        self.protocolVersion = protocolVersion
        self.server = server
        self.version = version
        self.mode = mode
        self.role = role
        self.connectionID = connectionID
    }
}

/// The connection handshake as a pure state machine: it names the commands to send
/// and judges their replies; the connection does the I/O.
///
/// `HELLO 3 [AUTH user pass] [SETNAME name]`; when the server does not know HELLO
/// (`-ERR unknown command`, before 6.0), refuses RESP3 (`-NOPROTO`) or the ACL user may
/// not run it (`-NOPERM`), it falls back to RESP2 with `AUTH` + `CLIENT SETNAME` pipelined.
/// An error reply to `CLIENT SETNAME` is ignored (the name is cosmetic) unless it is `NOAUTH`.
struct Handshake {
    enum Step: Equatable {
        case send([RESPCommand])
        case done(SessionInfo)
        case fail(WireError)
    }

    private enum Stage { case hello, resp2 }

    let endpoint: Endpoint
    let options: ConnectionOptions
    private var stage: Stage = .hello
    private var resp2Commands: [RESPCommand] = []

    init(endpoint: Endpoint, options: ConnectionOptions) {
        self.endpoint = endpoint
        self.options = options
    }

    /// The first step.
    mutating func start() -> Step {
        if options.preferRESP3 {
            stage = .hello
            var hello = ["HELLO", "3"]
            if let password = options.credentials.password {
                hello += ["AUTH", options.credentials.user ?? "default", password]
            }
            if let name = options.clientName { hello += ["SETNAME", name] }
            return .send([RESPCommand(hello)])
        }
        return startRESP2()
    }

    private mutating func startRESP2() -> Step {
        stage = .resp2
        resp2Commands = []
        if let password = options.credentials.password {
            if let user = options.credentials.user {
                resp2Commands.append(RESPCommand("AUTH", user, password))
            } else {
                resp2Commands.append(RESPCommand("AUTH", password))
            }
        }
        if let name = options.clientName { resp2Commands.append(RESPCommand("CLIENT", "SETNAME", name)) }
        return resp2Commands.isEmpty ? .done(SessionInfo(protocolVersion: 2)) : .send(resp2Commands)
    }

    /// Judges the replies to the commands of the last `.send`.
    mutating func receive(_ replies: [RESPValue]) -> Step {
        switch stage {
        case .hello:
            guard let reply = replies.first else { return .fail(.unexpectedReply(endpoint)) }
            guard let message = reply.errorMessage else { return .done(Self.sessionInfo(fromHello: reply)) }
            if message.uppercased().hasPrefix("NOPROTO") { return startRESP2() }
            let error = ServerError(message: message)
            switch error {
            case .unknownCommand:
                return startRESP2()
            case .noPerm:
                // An ACL user without +hello: AUTH + CLIENT SETNAME may still be allowed.
                return startRESP2()
            default:
                return .fail(failure(error, message: message))
            }

        case .resp2:
            for (command, reply) in zip(resp2Commands, replies) {
                guard let message = reply.errorMessage else { continue }
                let error = ServerError(message: message)
                if command.name == "AUTH" {
                    // Old servers without a password configured: the connection works anyway.
                    let lower = message.lowercased()
                    if lower.contains("without any password configured") || lower.contains("no password is set") { continue }
                    return .fail(failure(error, message: message))
                }
                // CLIENT SETNAME is cosmetic: only an authentication failure matters.
                if case .noAuth = error { return .fail(.authenticationRequired(endpoint)) }
            }
            return .done(SessionInfo(protocolVersion: 2))
        }
    }

    private func failure(_ error: ServerError, message: String) -> WireError {
        switch error {
        case .noAuth: return .authenticationRequired(endpoint)
        case .wrongPass: return .wrongPassword(endpoint, user: options.credentials.user)
        case .noPerm: return .permissionDenied(endpoint, message: message)
        case .loading: return .loading(endpoint)
        default: return .handshakeFailed(endpoint, message: message)
        }
    }

    /// Reads `server`, `version`, `proto`, `id`, `mode`, `role` from a HELLO reply (map or flat array).
    static func sessionInfo(fromHello reply: RESPValue) -> SessionInfo {
        var info = SessionInfo(protocolVersion: 3)
        for pair in reply.pairs ?? [] {
            guard let key = pair.key.string?.lowercased() else { continue }
            switch key {
            case "server": info.server = pair.value.string
            case "version": info.version = pair.value.string
            case "proto": info.protocolVersion = pair.value.integer.map { Int($0) } ?? 3
            case "id": info.connectionID = pair.value.integer
            case "mode": info.mode = pair.value.string
            case "role": info.role = pair.value.string
            default: break
            }
        }
        return info
    }
}
