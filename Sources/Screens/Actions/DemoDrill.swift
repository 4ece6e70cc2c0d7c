/// A one-key "break something" drill of `slotscope demo`, run on the demo's own sandbox
/// servers (never offered on a real cluster).
public enum DemoDrill: String, Sendable, Hashable, CaseIterable {
    /// SIGKILL a master by PID: its replica takes over (failover events).
    case killMaster
    /// SIGSTOP a replica; a second press (or a timer) sends SIGCONT.
    case stopNode
    /// Leave a slot half-migrated, with keys on both sides: a finding that `f` fixes.
    case openSlot
    /// Delete slots from every node's view: unserved slots, cluster_state:fail, fixed by `f`.
    case unassignSlots

    /// The key that runs it (uppercase: the number keys choose screens).
    public var key: Character {
        switch self {
        case .killMaster: return "K"
        case .stopNode: return "S"
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
        }
    }
}
