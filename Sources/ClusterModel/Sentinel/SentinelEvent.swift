/// What kind of instance an event is about.
public enum SentinelInstanceKind: Hashable, Sendable, Codable, CustomStringConvertible {
    case master
    /// A replica (`slave` on the wire).
    case replica
    case sentinel
    /// A word a newer server may use.
    case other(String)

    init(word: Substring) {
        switch word {
        case "master": self = .master
        case "slave", "replica": self = .replica
        case "sentinel": self = .sentinel
        default: self = .other(String(word))
        }
    }

    public var description: String {
        switch self {
        case .master: return "master"
        case .replica: return "slave"
        case .sentinel: return "sentinel"
        case .other(let word): return word
        }
    }
}

/// The instance an event is about: `<kind> <name> <ip> <port>`.
public struct SentinelInstance: Hashable, Sendable, Codable, CustomStringConvertible {
    public var kind: SentinelInstanceKind
    /// The group name for a master, `ip:port` for a replica, the run id for a sentinel.
    public var name: String
    public var address: NodeAddress

    public init(kind: SentinelInstanceKind, name: String, address: NodeAddress) {
        self.kind = kind
        self.name = name
        self.address = address
    }

    public var description: String { "\(kind) \(name) \(address)" }
}

/// `#quorum 2/2`: how many sentinels agreed the master is down, and how many are needed.
public struct QuorumCount: Hashable, Sendable, Codable {
    public var agreeing: Int
    public var required: Int
}

/// `+switch-master <name> <old-ip> <old-port> <new-ip> <new-port>`.
public struct MasterSwitch: Hashable, Sendable, Codable {
    public var from: NodeAddress
    public var to: NodeAddress
}

/// One message a sentinel published, typed. Fields that do not apply are nil;
/// what could not be understood stays in `extra`, and `payload` is always the
/// text as received.
public struct SentinelEvent: Hashable, Sendable, Codable, CustomStringConvertible {
    public var type: SentinelEventType
    /// The instance the event is about, when the payload names one.
    public var instance: SentinelInstance?
    /// The monitored group: from `@ <name> …`, or the instance itself for master events.
    /// Nil for `+new-epoch`, `+vote-for-leader` and `±tilt`, which name no master.
    public var masterName: String?
    public var masterAddress: NodeAddress?
    /// `+new-epoch <epoch>` and `+vote-for-leader <runid> <epoch>`.
    public var epoch: Int64?
    /// `+vote-for-leader <runid> <epoch>`: the run id voted for.
    public var leaderRunID: String?
    /// `+odown … #quorum 2/2`.
    public var quorum: QuorumCount?
    public var masterSwitch: MasterSwitch?
    /// `±role-change … new reported role is master`.
    public var newReportedRole: String?
    /// Trailing text not understood above (`#tilt mode entered`, `+set`'s option and value…).
    public var extra: String?
    /// The payload exactly as received.
    public var payload: String

    public init(type: SentinelEventType, instance: SentinelInstance? = nil, masterName: String? = nil,
                masterAddress: NodeAddress? = nil, epoch: Int64? = nil, leaderRunID: String? = nil,
                quorum: QuorumCount? = nil, masterSwitch: MasterSwitch? = nil, newReportedRole: String? = nil,
                extra: String? = nil, payload: String) {
        self.type = type
        self.instance = instance
        self.masterName = masterName
        self.masterAddress = masterAddress
        self.epoch = epoch
        self.leaderRunID = leaderRunID
        self.quorum = quorum
        self.masterSwitch = masterSwitch
        self.newReportedRole = newReportedRole
        self.extra = extra
        self.payload = payload
    }

    /// The event with the parts that legitimately differ between sentinels removed
    /// (quorum count, raw payload): equal identities are one logical event.
    public var identity: SentinelEvent {
        var copy = self
        copy.quorum = nil
        copy.payload = ""
        return copy
    }

    public var description: String { "\(type) \(payload)" }
}
