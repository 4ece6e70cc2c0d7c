// The JSON shapes of the snapshot (Resources/schemas/snapshot.schema.json): plain values a
// script can read, rather than Swift's default encoding of bit sets and enums.

/// Flags as the server writes them: `["master", "fail?"]`, unknown ones included.
extension NodeFlags {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self).map(NodeFlag.init(rawValue:)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(all.map(\.rawValue))
    }
}

/// `{"state": "reachable"}`, `{"state": "not-polled"}` or
/// `{"state": "unreachable", "reason": "timeout", "message": "timed out"}`.
extension Reachability {
    private enum Keys: String, CodingKey { case state, reason, message }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        switch try container.decode(String.self, forKey: .state) {
        case "reachable": self = .reachable
        case "not-polled": self = .notPolled
        default:
            let reason = try container.decode(String.self, forKey: .reason)
            let message = try container.decodeIfPresent(String.self, forKey: .message) ?? reason
            self = .unreachable(PollFailure(reason: reason, message: message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .reachable: try container.encode("reachable", forKey: .state)
        case .notPolled: try container.encode("not-polled", forKey: .state)
        case .unreachable(let failure):
            try container.encode("unreachable", forKey: .state)
            try container.encode(failure.reason, forKey: .reason)
            try container.encode(failure.detail ?? failure.description, forKey: .message)
        }
    }
}

extension PollFailure {
    /// The kind, as a stable word: timeout, refused, authentication, tls, dns, no-permission, protocol, other.
    public var reason: String {
        switch self {
        case .timeout: return "timeout"
        case .refused: return "refused"
        case .authentication: return "authentication"
        case .tls: return "tls"
        case .dns: return "dns"
        case .noPermission: return "no-permission"
        case .protocolError: return "protocol"
        case .other: return "other"
        }
    }

    /// The text a failure carries (the server's or the connection layer's words), if any.
    var detail: String? {
        switch self {
        case .timeout, .refused: return nil
        case .authentication(let m), .tls(let m), .dns(let m), .noPermission(let m), .protocolError(let m), .other(let m): return m
        }
    }

    /// Rebuilds a failure from its JSON form.
    init(reason: String, message: String) {
        switch reason {
        case "timeout": self = .timeout
        case "refused": self = .refused
        case "authentication": self = .authentication(message)
        case "tls": self = .tls(message)
        case "dns": self = .dns(message)
        case "no-permission": self = .noPermission(message)
        case "protocol": self = .protocolError(message)
        default: self = .other(message)
        }
    }
}
