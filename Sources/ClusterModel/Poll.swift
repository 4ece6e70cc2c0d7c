import RESP

/// A wall-clock instant in milliseconds since the Unix epoch. The model never
/// reads a clock: the poller stamps every result.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var milliseconds: Int64
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.milliseconds < b.milliseconds }
    /// Milliseconds from `earlier` to this instant.
    public func milliseconds(since earlier: Timestamp) -> Int64 { milliseconds - earlier.milliseconds }
    public var description: String { "\(milliseconds)ms" }
}

/// Why a node could not be polled. The poller decides the case; the model only reports it.
public enum PollFailure: Hashable, Sendable, Codable, CustomStringConvertible {
    case timeout
    case refused
    /// NOAUTH / WRONGPASS / a failed HELLO AUTH.
    case authentication(String)
    case tls(String)
    /// Name resolution failed (`Temporary failure in name resolution`).
    case dns(String)
    case noPermission(String)
    /// The node answered with something that is not a cluster node's reply.
    case protocolError(String)
    case other(String)

    public var description: String {
        switch self {
        case .timeout: return "timed out"
        case .refused: return "connection refused"
        case .authentication(let m): return "authentication failed: \(m)"
        case .tls(let m): return "TLS failed: \(m)"
        case .dns(let m): return "name resolution failed: \(m)"
        case .noPermission(let m): return "no permission: \(m)"
        case .protocolError(let m): return "unexpected reply: \(m)"
        case .other(let m): return m
        }
    }
}

/// The replies one node gave in one poll cycle. Each is optional (not asked, or
/// not supported) and may itself be an error reply (`-LOADING`, `-NOPERM`).
public struct NodeReplies: Sendable {
    public var clusterNodes: RESPValue?
    public var clusterInfo: RESPValue?
    public var clusterSlots: RESPValue?
    public var info: RESPValue?
    public var clusterShards: RESPValue?
    /// Keys per slot on this node for slots that hold keys (from `CLUSTER COUNTKEYSINSLOT`
    /// or `CLUSTER SLOT-STATS`); nil when the poller did not count this cycle.
    public var slotKeyCounts: [SlotKeyCount]?

    public init(clusterNodes: RESPValue? = nil, clusterInfo: RESPValue? = nil, clusterSlots: RESPValue? = nil,
                info: RESPValue? = nil, clusterShards: RESPValue? = nil, slotKeyCounts: [SlotKeyCount]? = nil) {
        self.clusterNodes = clusterNodes
        self.clusterInfo = clusterInfo
        self.clusterSlots = clusterSlots
        self.info = info
        self.clusterShards = clusterShards
        self.slotKeyCounts = slotKeyCounts
    }
}

/// Number of keys one node holds in one slot.
public struct SlotKeyCount: Hashable, Sendable, Codable {
    public var slot: Int
    public var keys: Int
    public init(slot: Int, keys: Int) { self.slot = slot; self.keys = keys }
}

/// The outcome of polling one node once.
public struct NodePoll: Sendable {
    public enum Outcome: Sendable {
        case replied(NodeReplies)
        case failed(PollFailure)
    }

    /// The address as the cluster announces it (before any address map).
    public var address: NodeAddress
    /// The node id if the poller already knows it (e.g. from a previous cycle); helps name a node that failed.
    public var knownID: NodeID?
    /// When the replies arrived (or the attempt failed).
    public var time: Timestamp
    public var outcome: Outcome

    public init(address: NodeAddress, knownID: NodeID? = nil, time: Timestamp, outcome: Outcome) {
        self.address = address
        self.knownID = knownID
        self.time = time
        self.outcome = outcome
    }
}
