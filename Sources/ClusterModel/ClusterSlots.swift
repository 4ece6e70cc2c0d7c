import RESP

/// One endpoint of a CLUSTER SLOTS entry: where clients are sent for the range.
public struct SlotEndpoint: Hashable, Sendable, Codable {
    /// IP or hostname per `cluster-preferred-endpoint-type`; `?` when unknown, `""` when the node has no IP yet.
    public var endpoint: String
    public var port: Int
    /// Node id (6.2+; absent on 6.0).
    public var id: NodeID?
    /// 7.0+ metadata map (`ip`, `hostname`), every entry kept.
    public var metadata: [AuxField]

    public init(endpoint: String, port: Int, id: NodeID? = nil, metadata: [AuxField] = []) {
        self.endpoint = endpoint; self.port = port; self.id = id; self.metadata = metadata
    }

    /// True for `?` (unknown-endpoint) and an empty endpoint.
    public var isUnknown: Bool { endpoint == "?" || endpoint.isEmpty }
    public var ip: String? { metadata.first { $0.key == "ip" }?.value }
    public var hostname: String? { metadata.first { $0.key == "hostname" }?.value }
    /// The address a client would be redirected to, or nil if the endpoint is unknown.
    public var address: NodeAddress? { isUnknown ? nil : NodeAddress(host: endpoint, port: port) }
}

/// One entry of CLUSTER SLOTS: a slot range, its master and replicas.
public struct SlotAssignment: Hashable, Sendable, Codable {
    public var range: SlotRange
    public var master: SlotEndpoint
    public var replicas: [SlotEndpoint]
    public init(range: SlotRange, master: SlotEndpoint, replicas: [SlotEndpoint]) {
        self.range = range; self.master = master; self.replicas = replicas
    }
}

/// The CLUSTER SLOTS reply.
public struct ClusterSlots: Hashable, Sendable, Codable {
    public var assignments: [SlotAssignment]
    public init(assignments: [SlotAssignment]) { self.assignments = assignments }

    static let command = "CLUSTER SLOTS"

    /// Parses RESP2 or RESP3 CLUSTER SLOTS (with or without the 7.0 metadata map).
    public init(reply: RESPValue) throws(ModelParseError) {
        if let message = reply.errorMessage {
            throw ModelParseError(command: Self.command, text: message, reason: "server replied with an error")
        }
        guard let items = reply.elements else { throw ModelParseError(command: Self.command, reason: "expected an array") }
        var result: [SlotAssignment] = []
        for (index, item) in items.enumerated() {
            let number = index + 1
            guard let parts = item.elements, parts.count >= 3,
                  let start = parts[0].integer, let end = parts[1].integer,
                  SlotRange.isValidSlot(Int(start)), SlotRange.isValidSlot(Int(end)), start <= end else {
                throw ModelParseError(command: Self.command, line: number, reason: "expected [start, end, master, replicas…]")
            }
            var endpoints: [SlotEndpoint] = []
            for part in parts[2...] {
                guard let endpoint = Self.endpoint(part) else {
                    throw ModelParseError(command: Self.command, line: number, reason: "malformed endpoint")
                }
                endpoints.append(endpoint)
            }
            result.append(SlotAssignment(range: SlotRange(Int(start), Int(end)), master: endpoints[0],
                                         replicas: Array(endpoints.dropFirst())))
        }
        assignments = result
    }

    static func endpoint(_ value: RESPValue) -> SlotEndpoint? {
        guard let parts = value.elements, parts.count >= 2, let port = parts[1].integer else { return nil }
        let host: String
        if case .null = parts[0].withoutAttributes { host = "?" } else { guard let h = parts[0].string else { return nil }; host = h }
        let id = parts.count > 2 ? parts[2].string.flatMap { $0.isEmpty ? nil : NodeID($0) } : nil
        var metadata: [AuxField] = []
        if parts.count > 3, let pairs = parts[3].pairs {
            for pair in pairs {
                metadata.append(AuxField(key: pair.key.string ?? "", value: pair.value.string ?? pair.value.integer.map { "\($0)" } ?? ""))
            }
        }
        return SlotEndpoint(endpoint: host, port: Int(port), id: id, metadata: metadata)
    }
}
