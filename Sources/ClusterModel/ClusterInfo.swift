import RESP

/// `cluster_state` as a node reports it.
public enum ClusterStateValue: Hashable, Sendable, Codable {
    case ok
    case fail
    case other(String)

    init(_ text: Substring) {
        self = text == "ok" ? .ok : text == "fail" ? .fail : .other(String(text))
    }
}

/// The CLUSTER INFO reply: typed well-known keys, and every key kept.
public struct ClusterInfo: Hashable, Sendable, Codable {
    public var state: ClusterStateValue
    public var slotsAssigned: Int?
    public var slotsOK: Int?
    public var slotsPFail: Int?
    public var slotsFail: Int?
    public var knownNodes: Int?
    public var size: Int?
    public var currentEpoch: UInt64?
    public var myEpoch: UInt64?
    /// Every `key:value` line, in server order (unknown keys included).
    public var fields: [AuxField]

    public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    static let command = "CLUSTER INFO"

    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: Self.command))
    }

    public init(text: String) throws(ModelParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) throws(ModelParseError) {
        var fields: [AuxField] = []
        var state: ClusterStateValue?
        var ints: [String: Int64] = [:]
        bytes.withUnsafeBufferPointer { b in
            var start = 0
            while start < b.count {
                var end = start
                while end < b.count && b[end] != UInt8(ascii: "\n") { end += 1 }
                var lineEnd = end
                if lineEnd > start && b[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                defer { start = end + 1 }
                guard lineEnd > start, b[start] != UInt8(ascii: "#"),
                      let colon = UnsafeBufferPointer(rebasing: b[start..<lineEnd]).firstIndex(of: UInt8(ascii: ":")) else { continue }
                let keyBytes = UnsafeBufferPointer(rebasing: b[start..<(start + colon)])
                let valueBytes = UnsafeBufferPointer(rebasing: b[(start + colon + 1)..<lineEnd])
                let key = String(decoding: keyBytes, as: UTF8.self)
                let value = String(decoding: valueBytes, as: UTF8.self)
                fields.append(AuxField(key: key, value: value))
                if key == "cluster_state" { state = ClusterStateValue(Substring(value)) }
                else if let number = parseInt(valueBytes) { ints[key] = number }
            }
        }
        guard let state else {
            throw ModelParseError(command: Self.command, text: String(decoding: bytes.prefix(80), as: UTF8.self),
                                  reason: "no cluster_state line")
        }
        self.state = state
        self.fields = fields
        slotsAssigned = ints["cluster_slots_assigned"].map(Int.init)
        slotsOK = ints["cluster_slots_ok"].map(Int.init)
        slotsPFail = ints["cluster_slots_pfail"].map(Int.init)
        slotsFail = ints["cluster_slots_fail"].map(Int.init)
        knownNodes = ints["cluster_known_nodes"].map(Int.init)
        size = ints["cluster_size"].map(Int.init)
        currentEpoch = ints["cluster_current_epoch"].flatMap { UInt64(exactly: $0) }
        myEpoch = ints["cluster_my_epoch"].flatMap { UInt64(exactly: $0) }
    }
}
