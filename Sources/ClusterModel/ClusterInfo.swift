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

    /// Keys with typed integer fields, in the order `init(bytes:)` reads them.
    static let intKeys: [StaticString] = ["cluster_slots_assigned", "cluster_slots_ok", "cluster_slots_pfail",
                                          "cluster_slots_fail", "cluster_known_nodes", "cluster_size",
                                          "cluster_current_epoch", "cluster_my_epoch"]

    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(bytes: reply.documentBytes(command: Self.command))
    }

    public init(text: String) throws(ModelParseError) {
        try self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) throws(ModelParseError) {
        var fields: [AuxField] = []
        var state: ClusterStateValue?
        // The typed values, by position in `ClusterInfo.intKeys`.
        var ints = [Int64?](repeating: nil, count: ClusterInfo.intKeys.count)
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let count = b.count
            var start = 0
            while start < count {
                let end = indexOfByte(UInt8(ascii: "\n"), base, from: start, end: count)
                var lineEnd = end
                if lineEnd > start && base[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                defer { start = end + 1 }
                guard lineEnd > start, base[start] != UInt8(ascii: "#") else { continue }
                let colon = indexOfByte(UInt8(ascii: ":"), base, from: start, end: lineEnd)
                guard colon < lineEnd else { continue }
                let keyBytes = UnsafeBufferPointer(start: base + start, count: colon - start)
                let valueBytes = UnsafeBufferPointer(start: base + colon + 1, count: lineEnd - colon - 1)
                let value = String(decoding: valueBytes, as: UTF8.self)
                fields.append(AuxField(key: String(decoding: keyBytes, as: UTF8.self), value: value))
                if equalsASCII(keyBytes, "cluster_state") { state = ClusterStateValue(Substring(value)); continue }
                for (k, name) in ClusterInfo.intKeys.enumerated() where equalsASCII(keyBytes, name) {
                    if let number = parseInt(valueBytes) { ints[k] = number }
                    break
                }
            }
        }
        guard let state else {
            throw ModelParseError(command: Self.command, text: String(decoding: bytes.prefix(80), as: UTF8.self),
                                  reason: "no cluster_state line")
        }
        self.state = state
        self.fields = fields
        slotsAssigned = ints[0].map(Int.init)
        slotsOK = ints[1].map(Int.init)
        slotsPFail = ints[2].map(Int.init)
        slotsFail = ints[3].map(Int.init)
        knownNodes = ints[4].map(Int.init)
        size = ints[5].map(Int.init)
        currentEpoch = ints[6].flatMap { UInt64(exactly: $0) }
        myEpoch = ints[7].flatMap { UInt64(exactly: $0) }
    }
}

/// The typed fields and `fields`, as `snapshot --json` documents them; in a recording
/// (`compactRecording`), the reply's `key:value` lines as one string, read back by the same
/// parser as a live reply.
extension ClusterInfo {
    private enum CodingKeys: String, CodingKey {
        case state, slotsAssigned, slotsOK, slotsPFail, slotsFail, knownNodes, size, currentEpoch, myEpoch, fields
    }

    public init(from decoder: any Decoder) throws {
        if decoder.userInfo[.compactRecording] as? Bool == true {
            let text = try decoder.singleValueContainer().decode(String.self)
            do {
                self = try ClusterInfo(text: text)
            } catch {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath,
                                                                        debugDescription: "CLUSTER INFO text: \(error)"))
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(ClusterStateValue.self, forKey: .state)
        slotsAssigned = try c.decodeIfPresent(Int.self, forKey: .slotsAssigned)
        slotsOK = try c.decodeIfPresent(Int.self, forKey: .slotsOK)
        slotsPFail = try c.decodeIfPresent(Int.self, forKey: .slotsPFail)
        slotsFail = try c.decodeIfPresent(Int.self, forKey: .slotsFail)
        knownNodes = try c.decodeIfPresent(Int.self, forKey: .knownNodes)
        size = try c.decodeIfPresent(Int.self, forKey: .size)
        currentEpoch = try c.decodeIfPresent(UInt64.self, forKey: .currentEpoch)
        myEpoch = try c.decodeIfPresent(UInt64.self, forKey: .myEpoch)
        fields = try c.decode([AuxField].self, forKey: .fields)
    }

    public func encode(to encoder: any Encoder) throws {
        if encoder.userInfo[.compactRecording] as? Bool == true {
            var c = encoder.singleValueContainer()
            try c.encode(fields.map { "\($0.key):\($0.value)\n" }.joined())
            return
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(slotsAssigned, forKey: .slotsAssigned)
        try c.encodeIfPresent(slotsOK, forKey: .slotsOK)
        try c.encodeIfPresent(slotsPFail, forKey: .slotsPFail)
        try c.encodeIfPresent(slotsFail, forKey: .slotsFail)
        try c.encodeIfPresent(knownNodes, forKey: .knownNodes)
        try c.encodeIfPresent(size, forKey: .size)
        try c.encodeIfPresent(currentEpoch, forKey: .currentEpoch)
        try c.encodeIfPresent(myEpoch, forKey: .myEpoch)
        try c.encode(fields, forKey: .fields)
    }
}
