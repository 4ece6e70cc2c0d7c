/// A change Slotscope saw between two polls of Sentinel-monitored groups, which no
/// sentinel published: a data node's role flip, a new replication history, a resync, a
/// replication link going down or up, a node or sentinel becoming unreachable or coming
/// back, a sentinel naming another master. Merged with the sentinels' own events, it
/// confirms (or contradicts) what they say, so a failover reads as one story.
public struct PolledChange: Hashable, Sendable, Codable {
    public enum Kind: Hashable, Sendable {
        /// The node reports another role (`role:slave` → `role:master`); `following` is
        /// the master it replicates from now (nil for a master).
        case role(from: String?, to: String, following: NodeAddress?)
        /// A replica now replicates from another master.
        case following(from: NodeAddress?, to: NodeAddress?)
        /// `master_replid` changed. `promoted`: the old id is now its `master_replid2`
        /// (it became a master and kept its history); otherwise a new history: a replica
        /// took its (new) master's, or the node resynced or restarted.
        case replicationID(promoted: Bool)
        /// The replication offset went backwards: a full resync from its master.
        case resync(fromOffset: Int64, toOffset: Int64)
        /// `master_link_status:down` on a replica of `master`.
        case linkDown(master: NodeAddress?)
        /// `master_link_status:up` again.
        case linkUp(master: NodeAddress?)
        /// The data node stopped answering the poll.
        case unreachable(PollFailure)
        /// The data node answers again, with the role it reports now.
        case reachable(role: String?, following: NodeAddress?)
        /// The sentinel stopped answering the poll.
        case sentinelUnreachable(PollFailure)
        /// The sentinel answers again.
        case sentinelReachable
        /// This sentinel (`address`) names another master for the group.
        case namedMaster(from: NodeAddress?, to: NodeAddress?)
    }

    /// The poll that saw it.
    public var time: Timestamp
    /// The monitored group it belongs to; nil for a sentinel's own reachability and for
    /// data nodes outside every known group.
    public var group: String?
    /// The data node or sentinel it is about.
    public var address: NodeAddress
    public var kind: Kind

    public init(time: Timestamp, group: String?, address: NodeAddress, kind: Kind) {
        self.time = time
        self.group = group
        self.address = address
        self.kind = kind
    }

    /// True for changes about a sentinel rather than a data node.
    public var isAboutSentinel: Bool {
        switch kind {
        case .sentinelUnreachable, .sentinelReachable, .namedMaster: return true
        default: return false
        }
    }

    /// The master the node replicates from after this change, when the change says.
    public var followsAfter: NodeAddress? {
        switch kind {
        case .role(_, "slave", let master), .following(_, let master), .reachable("slave", let master): return master
        default: return nil
        }
    }

    /// A short name for lines and JSON: `role`, `link-down`, `sentinel-unreachable`, …
    public var name: String {
        switch kind {
        case .role: return "role"
        case .following: return "following"
        case .replicationID: return "replid"
        case .resync: return "resync"
        case .linkDown: return "link-down"
        case .linkUp: return "link-up"
        case .unreachable: return "unreachable"
        case .reachable: return "reachable"
        case .sentinelUnreachable: return "sentinel-unreachable"
        case .sentinelReachable: return "sentinel-reachable"
        case .namedMaster: return "names-master"
        }
    }

    /// One plain sentence: `127.0.0.1:7002 @ mymaster: role slave → master`.
    public var summary: String {
        let subject = isAboutSentinel ? "sentinel \(address)" : "\(address)"
        let scope = group.map { " @ \($0)" } ?? ""
        func text(_ address: NodeAddress?) -> String { address?.description ?? "none" }
        let what: String
        switch kind {
        case .role(let from, let to, let following):
            what = "role \(from ?? "unknown") → \(to)" + (following.map { " of \($0)" } ?? "")
        case .following(let from, let to):
            what = "now replicates from \(text(to)) (was \(text(from)))"
        case .replicationID(let promoted):
            what = promoted ? "new replication ID, the old one kept as master_replid2 (promoted)"
                : "replication ID changed (a new history: it follows a new master, resynced or restarted)"
        case .resync(let from, let to):
            what = "replication offset went back from \(from) to \(to) (full resync)"
        case .linkDown(let master):
            what = "link to master \(text(master)) down"
        case .linkUp(let master):
            what = "link to master \(text(master)) up"
        case .unreachable(let failure):
            what = "unreachable: \(failure)"
        case .reachable(let role, let following):
            what = "reachable again" + (role.map { ", role \($0)" } ?? "") + (following.map { " of \($0)" } ?? "")
        case .sentinelUnreachable(let failure):
            what = "unreachable: \(failure)"
        case .sentinelReachable:
            what = "reachable again"
        case .namedMaster(let from, let to):
            what = "names \(text(to)) as master (was \(text(from)))"
        }
        return "\(subject)\(scope): \(what)"
    }
}
