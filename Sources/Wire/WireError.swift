import RESP

/// Why a request to a server failed, as one plain line: what happened and where.
///
/// Error *replies* to ordinary commands are not `WireError`s: they come back as
/// `RESPValue.error` values (classify them with `ServerError`) so pipelines stay in
/// step. Only the handshake turns `NOAUTH`/`WRONGPASS`/`NOPERM`/`LOADING` into errors.
public enum WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// getaddrinfo failed; `message` is gai_strerror's text.
    case dnsFailure(host: String, message: String)
    case connectionRefused(Endpoint)
    /// DNS, TCP connect or TLS handshake did not finish in time.
    case connectTimeout(Endpoint, stage: ConnectStage, after: Duration)
    /// Any other connect failure (`message` is strerror's text: "No route to host", …).
    case connectFailed(Endpoint, message: String)
    /// No (complete) reply within the request timeout. `command` is redacted.
    case readTimeout(Endpoint, command: String, after: Duration)
    case connectionReset(Endpoint)
    /// Another socket error after connecting (`message` is strerror's text).
    case socketError(Endpoint, message: String)
    /// A TLS failure after the handshake (`reason` from OpenSSL's error queue).
    case tlsFailure(Endpoint, reason: String)
    /// The server closed the connection while replies were outstanding.
    case connectionClosed(Endpoint)
    /// Plaintext client, TLS server: closed without replying, or answered with TLS bytes.
    case probablySpeaksTLS(Endpoint)
    /// TLS client, plaintext server: the answer to our ClientHello was not TLS.
    case doesNotSpeakTLS(Endpoint)
    case tlsHandshakeFailed(Endpoint, reason: String)
    case tlsVerificationFailed(Endpoint, reason: String)
    /// The local TLS setup is unusable (unreadable CA file, key not matching the cert, …).
    case tlsConfiguration(reason: String)
    /// The server requires a password (`-NOAUTH`).
    case authenticationRequired(Endpoint)
    /// `-WRONGPASS` (or `-ERR invalid password` on old servers).
    case wrongPassword(Endpoint, user: String?)
    /// `-NOPERM` during the handshake.
    case permissionDenied(Endpoint, message: String)
    /// `-LOADING` during the handshake: the server is loading its dataset.
    case loading(Endpoint)
    /// Some other error reply to the handshake.
    case handshakeFailed(Endpoint, message: String)
    /// A reply exceeded the configured `RESPLimits`.
    case replyTooLarge(Endpoint, RESPParseError)
    /// The byte stream is not valid RESP.
    case protocolError(Endpoint, RESPParseError)
    /// A reply arrived with no request waiting for it.
    case unexpectedReply(Endpoint)
    /// Refused by the read-only guard; nothing was written.
    case refusedInReadOnlyMode(command: String)
    /// A command without arguments.
    case emptyCommand
    /// The connection was closed by its owner.
    case closed
    /// The awaiting task was cancelled.
    case cancelled

    public enum ConnectStage: String, Sendable, Hashable {
        case dns = "resolving the host"
        case tcp = "connecting"
        case tls = "in the TLS handshake"
    }

    /// The endpoint involved, when there is one.
    public var endpoint: Endpoint? {
        switch self {
        case .connectionRefused(let e), .connectTimeout(let e, _, _), .connectFailed(let e, _),
             .readTimeout(let e, _, _), .connectionReset(let e), .socketError(let e, _), .tlsFailure(let e, _), .connectionClosed(let e),
             .probablySpeaksTLS(let e), .doesNotSpeakTLS(let e), .tlsHandshakeFailed(let e, _),
             .tlsVerificationFailed(let e, _), .authenticationRequired(let e), .wrongPassword(let e, _),
             .permissionDenied(let e, _), .loading(let e), .handshakeFailed(let e, _),
             .replyTooLarge(let e, _), .protocolError(let e, _), .unexpectedReply(let e):
            return e
        case .dnsFailure, .tlsConfiguration, .refusedInReadOnlyMode, .emptyCommand, .closed, .cancelled:
            return nil
        }
    }

    /// True for timeouts of any stage.
    public var isTimeout: Bool {
        switch self {
        case .connectTimeout, .readTimeout: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .dnsFailure(let host, let message):
            return "cannot resolve \(host): \(message)"
        case .connectionRefused(let e):
            return "cannot connect to \(e): connection refused"
        case .connectTimeout(let e, let stage, let after):
            if stage == .tls {
                return "cannot connect to \(e): timeout after \(after.shortText) in the TLS handshake (does this port speak TLS?)"
            }
            return "cannot connect to \(e): timeout after \(after.shortText) \(stage.rawValue)"
        case .connectFailed(let e, let message):
            return "cannot connect to \(e): \(message)"
        case .readTimeout(let e, let command, let after):
            return "no reply from \(e) to \(command) within \(after.shortText)"
        case .connectionReset(let e):
            return "connection to \(e) reset by the server"
        case .socketError(let e, let message):
            return "connection to \(e) failed: \(message)"
        case .tlsFailure(let e, let reason):
            return "\(e): TLS error: \(reason)"
        case .connectionClosed(let e):
            return "\(e) closed the connection before replying"
        case .probablySpeaksTLS(let e):
            return "\(e): the server closed the connection without replying: this port probably speaks TLS — add --tls"
        case .doesNotSpeakTLS(let e):
            return "\(e): TLS handshake failed: this port does not speak TLS — remove --tls"
        case .tlsHandshakeFailed(let e, let reason):
            return "\(e): TLS handshake failed: \(reason)"
        case .tlsVerificationFailed(let e, let reason):
            return "\(e): TLS certificate verification failed: \(reason) — use --cacert/--cacertdir, --sni, or --insecure"
        case .tlsConfiguration(let reason):
            return "TLS setup failed: \(reason)"
        case .authenticationRequired(let e):
            return "\(e) requires authentication (NOAUTH) — use --user/--pass, -a or REDISCLI_AUTH"
        case .wrongPassword(let e, let user):
            return "\(e) rejected the password for user \(user ?? "default") (WRONGPASS)"
        case .permissionDenied(let e, let message):
            return "\(e): permission denied: \(message)"
        case .loading(let e):
            return "\(e) is loading its dataset (LOADING)"
        case .handshakeFailed(let e, let message):
            return "\(e): connection setup failed: \(message)"
        case .replyTooLarge(let e, let error):
            return "\(e): \(error)"
        case .protocolError(let e, let error):
            return "\(e): \(error)"
        case .unexpectedReply(let e):
            return "\(e): protocol error: a reply arrived that no request was waiting for"
        case .refusedInReadOnlyMode(let command):
            return "refused in read-only mode: \(command) can change the server (started with --read-only)"
        case .emptyCommand:
            return "refused: empty command"
        case .closed:
            return "connection closed"
        case .cancelled:
            return "request cancelled"
        }
    }
}

extension Duration {
    /// `2s`, `500ms`, `1.5s`.
    var shortText: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        let tenths = (milliseconds + 50) / 100
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// Whole nanoseconds, saturating at zero.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole &+ UInt64(attoseconds / 1_000_000_000)
    }
}
