/// One flag of a CLUSTER NODES line. Known flags are static members; any other
/// text survives as its own flag (a newer server never breaks parsing).
public struct NodeFlag: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let myself = NodeFlag(rawValue: "myself")
    public static let master = NodeFlag(rawValue: "master")
    public static let replica = NodeFlag(rawValue: "slave")
    /// `fail?`: this observer cannot reach the node (PFAIL).
    public static let possiblyFailing = NodeFlag(rawValue: "fail?")
    /// `fail`: a majority of masters agreed the node is down.
    public static let fail = NodeFlag(rawValue: "fail")
    public static let handshake = NodeFlag(rawValue: "handshake")
    public static let noAddress = NodeFlag(rawValue: "noaddr")
    public static let noFailover = NodeFlag(rawValue: "nofailover")
    public static let noFlags = NodeFlag(rawValue: "noflags")

    /// Flags this version of Slotscope knows, in bit order.
    public static let known: [NodeFlag] = [.myself, .master, .replica, .possiblyFailing, .fail,
                                           .handshake, .noAddress, .noFailover, .noFlags]
    public var description: String { rawValue }
}

/// The flag set of one node as one observer reports it: known flags as bits,
/// unknown ones kept as raw text.
public struct NodeFlags: Hashable, Sendable, CustomStringConvertible, Codable {
    @usableFromInline var bits: UInt16
    /// Flags this version does not know, verbatim.
    public var unknown: [String]

    public init(_ flags: [NodeFlag] = []) {
        bits = 0
        unknown = []
        for flag in flags { insert(flag) }
    }

    init(bits: UInt16, unknown: [String]) { self.bits = bits; self.unknown = unknown }

    public func contains(_ flag: NodeFlag) -> Bool {
        if let index = NodeFlag.known.firstIndex(of: flag) { return bits & (1 << index) != 0 }
        return unknown.contains(flag.rawValue)
    }

    public mutating func insert(_ flag: NodeFlag) {
        if let index = NodeFlag.known.firstIndex(of: flag) { bits |= 1 << index }
        else if !unknown.contains(flag.rawValue) { unknown.append(flag.rawValue) }
    }

    public mutating func remove(_ flag: NodeFlag) {
        if let index = NodeFlag.known.firstIndex(of: flag) { bits &= ~(1 << index) }
        else { unknown.removeAll { $0 == flag.rawValue } }
    }

    /// Every flag, known ones first in server order, then unknown ones.
    public var all: [NodeFlag] {
        NodeFlag.known.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element)
            + unknown.map(NodeFlag.init(rawValue:))
    }

    public var isMaster: Bool { contains(.master) }
    public var isReplica: Bool { contains(.replica) }
    /// `fail?` or `fail`.
    public var isFailing: Bool { bits & (1 << 3 | 1 << 4) != 0 }

    /// The comma list as the server writes it.
    public var description: String { all.map(\.rawValue).joined(separator: ",") }

    /// Parses one flag token (between commas) and adds it.
    mutating func insert(token: UnsafeBufferPointer<UInt8>) {
        let bit = NodeFlags.knownBit(token)
        if bit != 0 { bits |= bit } else if !token.isEmpty { insert(NodeFlag(rawValue: String(decoding: token, as: UTF8.self))) }
    }

    /// The bit of a known flag token, or 0.
    static func knownBit(_ token: UnsafeBufferPointer<UInt8>) -> UInt16 {
        switch token.count {
        case 4: return equalsASCII(token, "fail") ? 1 << 4 : 0
        case 5: return equalsASCII(token, "slave") ? 1 << 2 : equalsASCII(token, "fail?") ? 1 << 3 : 0
        case 6: return equalsASCII(token, "myself") ? 1 << 0 : equalsASCII(token, "master") ? 1 << 1 : equalsASCII(token, "noaddr") ? 1 << 6 : 0
        case 9: return equalsASCII(token, "handshake") ? 1 << 5 : 0
        case 7: return equalsASCII(token, "noflags") ? 1 << 8 : 0
        case 10: return equalsASCII(token, "nofailover") ? 1 << 7 : 0
        default: return 0
        }
    }
}
