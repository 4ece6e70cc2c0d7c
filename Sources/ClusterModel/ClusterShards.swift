import RESP

/// One node of a CLUSTER SHARDS entry (7.0+).
public struct ShardNode: Hashable, Sendable, Codable {
    public enum Health: Hashable, Sendable, Codable { case online, failed, loading, other(String) }
    public enum Role: Hashable, Sendable, Codable { case master, replica, other(String) }

    public var id: NodeID
    public var port: Int?
    public var tlsPort: Int?
    public var ip: String
    public var endpoint: String
    public var hostname: String?
    public var role: Role
    public var replicationOffset: Int64?
    public var health: Health
    /// Every field the server sent that is not one of the above, as text.
    public var otherFields: [AuxField]
}

/// One shard of CLUSTER SHARDS: its slots and its nodes.
public struct Shard: Hashable, Sendable, Codable {
    public var slots: [SlotRange]
    public var nodes: [ShardNode]
    public var otherFields: [AuxField]
}

/// The CLUSTER SHARDS reply; RESP2 flat arrays and RESP3 maps give the same model.
public struct ClusterShards: Hashable, Sendable, Codable {
    public var shards: [Shard]

    static let command = "CLUSTER SHARDS"

    public init(reply: RESPValue) throws(ModelParseError) {
        if let message = reply.errorMessage {
            throw ModelParseError(command: Self.command, text: message, reason: "server replied with an error")
        }
        guard let items = reply.elements else { throw ModelParseError(command: Self.command, reason: "expected an array") }
        var shards: [Shard] = []
        for (index, item) in items.enumerated() {
            let number = index + 1
            guard let pairs = item.pairs else {
                throw ModelParseError(command: Self.command, line: number, reason: "expected a map of slots and nodes")
            }
            var shard = Shard(slots: [], nodes: [], otherFields: [])
            for pair in pairs {
                switch pair.key.string {
                case "slots":
                    let bounds = (pair.value.elements ?? []).compactMap(\.integer)
                    guard bounds.count % 2 == 0 else {
                        throw ModelParseError(command: Self.command, line: number, reason: "odd number of slot bounds")
                    }
                    for k in stride(from: 0, to: bounds.count, by: 2) {
                        shard.slots.append(SlotRange(Int(bounds[k]), Int(bounds[k + 1])))
                    }
                case "nodes":
                    for nodeValue in pair.value.elements ?? [] {
                        guard let node = Self.node(nodeValue) else {
                            throw ModelParseError(command: Self.command, line: number, reason: "malformed node map")
                        }
                        shard.nodes.append(node)
                    }
                default:
                    shard.otherFields.append(AuxField(key: pair.key.string ?? "", value: text(pair.value)))
                }
            }
            shards.append(shard)
        }
        self.shards = shards
    }

    static func node(_ value: RESPValue) -> ShardNode? {
        guard let pairs = value.pairs else { return nil }
        var node = ShardNode(id: NodeID(""), port: nil, tlsPort: nil, ip: "", endpoint: "", hostname: nil,
                             role: .other(""), replicationOffset: nil, health: .other(""), otherFields: [])
        var sawID = false
        for pair in pairs {
            let value = pair.value
            switch pair.key.string {
            case "id": node.id = NodeID(value.string ?? ""); sawID = true
            case "port": node.port = value.integer.map(Int.init)
            case "tls-port": node.tlsPort = value.integer.map(Int.init)
            case "ip": node.ip = value.string ?? ""
            case "endpoint": node.endpoint = value.string ?? ""
            case "hostname": node.hostname = value.string
            case "role":
                let role = value.string ?? ""
                node.role = role == "master" ? .master : role == "replica" || role == "slave" ? .replica : .other(role)
            case "replication-offset": node.replicationOffset = value.integer
            case "health":
                let health = value.string ?? ""
                node.health = health == "online" ? .online : health == "failed" ? .failed
                    : health == "loading" ? .loading : .other(health)
            default: node.otherFields.append(AuxField(key: pair.key.string ?? "", value: text(value)))
            }
        }
        return sawID ? node : nil
    }
}

/// A scalar reply as text (for fields kept verbatim).
func text(_ value: RESPValue) -> String {
    if let string = value.string { return string }
    if let integer = value.integer { return String(integer) }
    if case .double(let d) = value.withoutAttributes { return String(d) }
    if case .null = value.withoutAttributes { return "" }
    return String(describing: value)
}
