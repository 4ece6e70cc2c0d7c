/// A one-key "break something" drill of `slotscope demo`, run on the demo's own sandbox
/// servers (never offered on a real cluster). The cluster view and the Sentinel group's
/// view each offer their own list; a key means one drill per view.
public enum DemoDrill: String, Sendable, Hashable {
    /// SIGKILL a cluster master by PID: its replica takes over (failover events).
    case killMaster
    /// SIGSTOP a cluster replica; a second press (or a timer) sends SIGCONT.
    case stopNode
    /// Leave a slot half-migrated, with keys on both sides: a finding that `f` fixes.
    case openSlot
    /// Delete slots from every node's view: unserved slots, cluster_state:fail, fixed by `f`.
    case unassignSlots
    /// SIGKILL the Sentinel group's current master by PID: the sentinels fail over
    /// (+sdown, +odown, +switch-master).
    case killGroupMaster
    /// SIGSTOP one sentinel; a second press (or a timer) sends SIGCONT.
    case stopSentinel

    /// The drills of the cluster view.
    public static let cluster: [DemoDrill] = [.killMaster, .stopNode, .openSlot, .unassignSlots]
    /// The drills of the Sentinel group's view (the same keys, on the group's servers).
    public static let sentinel: [DemoDrill] = [.killGroupMaster, .stopSentinel]

    /// The key that runs it (uppercase: the number keys choose screens).
    public var key: Character {
        switch self {
        case .killMaster, .killGroupMaster: return "K"
        case .stopNode, .stopSentinel: return "S"
        case .openSlot: return "O"
        case .unassignSlots: return "U"
        }
    }

    /// The help text.
    public var help: String {
        switch self {
        case .killMaster: return "drill: kill a master"
        case .stopNode: return "drill: stop/continue a node"
        case .openSlot: return "drill: open a slot"
        case .unassignSlots: return "drill: unassign slots"
        case .killGroupMaster: return "drill: kill the group's master"
        case .stopSentinel: return "drill: stop/continue a sentinel"
        }
    }
}
