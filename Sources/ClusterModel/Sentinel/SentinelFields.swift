import RESP

/// The `key value key value …` record every SENTINEL MASTER/REPLICAS/SENTINELS
/// entry is made of: a RESP2 flat array or a RESP3 map, every value a string.
/// Fields stay in server order so unknown ones can be kept verbatim.
struct SentinelRecord {
    var fields: [AuxField]

    init(_ value: RESPValue, command: String, index: Int? = nil) throws(ModelParseError) {
        if let message = value.errorMessage {
            throw ModelParseError(command: command, line: index, text: message, reason: "server replied with an error")
        }
        guard let pairs = value.pairs else {
            throw ModelParseError(command: command, line: index, reason: "expected a map or an even flat array of fields")
        }
        var fields: [AuxField] = []
        fields.reserveCapacity(pairs.count)
        for pair in pairs {
            guard let key = pair.key.string else {
                throw ModelParseError(command: command, line: index, reason: "field name is not a string")
            }
            // Every value is a string today; take integers too and skip anything odder (a newer server).
            if let text = pair.value.string {
                fields.append(AuxField(key: key, value: text))
            } else if case .integer(let number) = pair.value.withoutAttributes {
                fields.append(AuxField(key: key, value: String(number)))
            }
        }
        self.fields = fields
    }

    subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    func int(_ key: String) -> Int64? { self[key].flatMap { Int64($0) } }

    /// `ip` and `port` as an address; nil when either is missing or the port is not a number.
    func address(host hostKey: String = "ip", port portKey: String = "port") -> NodeAddress? {
        guard let host = self[hostKey], let port = int(portKey), (0...65535).contains(port) else { return nil }
        return NodeAddress(host: host, port: Int(port))
    }

    /// Fields whose keys are not in `known`, in server order.
    func unknown(_ known: Set<String>) -> [AuxField] { fields.filter { !known.contains($0.key) } }

    /// The entries of a reply that is a list of records (MASTERS, REPLICAS, SENTINELS).
    static func list(_ value: RESPValue, command: String) throws(ModelParseError) -> [SentinelRecord] {
        if let message = value.errorMessage {
            throw ModelParseError(command: command, text: message, reason: "server replied with an error")
        }
        guard let items = value.withoutAttributes.sentinelListItems else {
            throw ModelParseError(command: command, reason: "expected an array of records")
        }
        var records: [SentinelRecord] = []
        for (index, item) in items.enumerated() {
            records.append(try SentinelRecord(item, command: command, index: index + 1))
        }
        return records
    }
}

extension RESPValue {
    /// Items of an array or set, not a map flattened (unlike `elements`).
    var sentinelListItems: [RESPValue]? {
        switch self {
        case .array(let items), .set(let items), .push(let items): return items
        case .attributed(_, let value): return value.sentinelListItems
        default: return nil
        }
    }
}
