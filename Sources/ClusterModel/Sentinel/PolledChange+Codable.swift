/// The JSON shape of a polled change, flat for scripts:
/// `{"time": …, "group": "mymaster", "address": {…}, "change": "role", "from": "slave", "to": "master"}`,
/// `{"change": "unreachable", "reason": "timeout", "message": "timed out"}`,
/// `{"change": "resync", "fromOffset": 500, "toOffset": 100}`, … (`name` is the `change` word).
extension PolledChange {
    private enum Keys: String, CodingKey {
        case time, group, address, change, from, to, following, master, promoted, fromOffset, toOffset, reason, message, role
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        time = try container.decode(Timestamp.self, forKey: .time)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        self.address = try container.decode(NodeAddress.self, forKey: .address)
        func address(_ key: Keys) throws -> NodeAddress? { try container.decodeIfPresent(NodeAddress.self, forKey: key) }
        func failure() throws -> PollFailure {
            let reason = try container.decode(String.self, forKey: .reason)
            return PollFailure(reason: reason, message: try container.decodeIfPresent(String.self, forKey: .message) ?? reason)
        }
        let word = try container.decode(String.self, forKey: .change)
        switch word {
        case "role":
            kind = .role(from: try container.decodeIfPresent(String.self, forKey: .from),
                         to: try container.decode(String.self, forKey: .to), following: try address(.following))
        case "following": kind = .following(from: try address(.from), to: try address(.to))
        case "replid": kind = .replicationID(promoted: try container.decode(Bool.self, forKey: .promoted))
        case "resync":
            kind = .resync(fromOffset: try container.decode(Int64.self, forKey: .fromOffset),
                           toOffset: try container.decode(Int64.self, forKey: .toOffset))
        case "link-down": kind = .linkDown(master: try address(.master))
        case "link-up": kind = .linkUp(master: try address(.master))
        case "unreachable": kind = .unreachable(try failure())
        case "reachable":
            kind = .reachable(role: try container.decodeIfPresent(String.self, forKey: .role), following: try address(.following))
        case "sentinel-unreachable": kind = .sentinelUnreachable(try failure())
        case "sentinel-reachable": kind = .sentinelReachable
        case "names-master": kind = .namedMaster(from: try address(.from), to: try address(.to))
        default:
            throw DecodingError.dataCorruptedError(forKey: .change, in: container,
                                                   debugDescription: "unknown polled change \(word)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(time, forKey: .time)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(address, forKey: .address)
        try container.encode(name, forKey: .change)
        func failure(_ failure: PollFailure) throws {
            try container.encode(failure.reason, forKey: .reason)
            try container.encode(failure.description, forKey: .message)
        }
        switch kind {
        case .role(let from, let to, let following):
            try container.encodeIfPresent(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encodeIfPresent(following, forKey: .following)
        case .following(let from, let to), .namedMaster(let from, let to):
            try container.encodeIfPresent(from, forKey: .from)
            try container.encodeIfPresent(to, forKey: .to)
        case .replicationID(let promoted): try container.encode(promoted, forKey: .promoted)
        case .resync(let from, let to):
            try container.encode(from, forKey: .fromOffset)
            try container.encode(to, forKey: .toOffset)
        case .linkDown(let master), .linkUp(let master): try container.encodeIfPresent(master, forKey: .master)
        case .unreachable(let reason), .sentinelUnreachable(let reason): try failure(reason)
        case .reachable(let role, let following):
            try container.encodeIfPresent(role, forKey: .role)
            try container.encodeIfPresent(following, forKey: .following)
        case .sentinelReachable: break
        }
    }
}
