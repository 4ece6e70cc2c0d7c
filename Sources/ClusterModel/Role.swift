import RESP

/// The ROLE reply in its three forms.
public enum RoleReply: Hashable, Sendable, Codable {
    /// A replica as the master lists it in ROLE.
    public struct Replica: Hashable, Sendable, Codable {
        public var address: NodeAddress
        public var offset: Int64
    }

    case master(offset: Int64, replicas: [Replica])
    /// `state` is `connect`, `connecting`, `sync`, `connected`, or a newer word.
    case replica(master: NodeAddress, state: String, offset: Int64)
    case sentinel(masterNames: [String])
    /// A role word this version does not know, kept verbatim.
    case unknown(String)

    static let command = "ROLE"

    public init(reply: RESPValue) throws(ModelParseError) {
        if let message = reply.errorMessage {
            throw ModelParseError(command: Self.command, text: message, reason: "server replied with an error")
        }
        guard let parts = reply.elements, let role = parts.first?.string else {
            throw ModelParseError(command: Self.command, reason: "expected [role, …]")
        }
        func bad(_ reason: String) -> ModelParseError { ModelParseError(command: Self.command, text: role, reason: reason) }
        switch role {
        case "master":
            guard parts.count >= 3, let offset = parts[1].integer, let list = parts[2].elements else {
                throw bad("expected [master, offset, replicas]")
            }
            var replicas: [Replica] = []
            for item in list {
                guard let fields = item.elements, fields.count >= 3, let host = fields[0].string,
                      let port = fields[1].integer, let offset = fields[2].integer else { throw bad("malformed replica") }
                replicas.append(Replica(address: NodeAddress(host: host, port: Int(port)), offset: offset))
            }
            self = .master(offset: offset, replicas: replicas)
        case "slave", "replica":
            guard parts.count >= 5, let host = parts[1].string, let port = parts[2].integer,
                  let state = parts[3].string, let offset = parts[4].integer else {
                throw bad("expected [slave, host, port, state, offset]")
            }
            self = .replica(master: NodeAddress(host: host, port: Int(port)), state: state, offset: offset)
        case "sentinel":
            self = .sentinel(masterNames: (parts.count > 1 ? parts[1].elements ?? [] : []).compactMap(\.string))
        default:
            self = .unknown(role)
        }
    }
}
