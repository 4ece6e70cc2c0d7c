/// What a Sentinel rule found. Raw values are stable names for JSON and scripts.
/// Kept apart from `FindingKind` until that file can take these cases; see
/// `SentinelFinding.finding(as:)`.
public enum SentinelFindingKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Sentinels name different addresses as the master.
    case sentinelsDisagreeOnMaster = "sentinels-disagree-on-master"
    /// Sentinels report different config epochs for the group.
    case sentinelsDisagreeOnEpoch = "sentinels-disagree-on-epoch"
    /// More than one data node of a group reports `role:master`.
    case splitBrain = "split-brain"
    /// A node Sentinel lists as a replica still reports itself master (old master before `+convert-to-slave`).
    case replicaClaimsMaster = "replica-claims-master"
    /// A replica follows an address the sentinels do not name as master.
    case replicaFollowsUnknownMaster = "replica-follows-unknown-master"
    /// `SENTINEL CKQUORUM` says the quorum or the failover majority cannot be reached.
    case quorumUnreachable = "quorum-unreachable"
    /// Fewer sentinels than expected (known to each other, or reachable).
    case fewerSentinelsThanExpected = "fewer-sentinels-than-expected"
    case sentinelInTilt = "sentinel-in-tilt"
    /// Sentinels flag the master `s_down` or `o_down`.
    case masterDown = "master-down"
    case failoverInProgress = "failover-in-progress"
    case replicaLinkDown = "replica-link-down"
    case replicaLagging = "replica-lagging"
    /// Every replica has priority 0: no failover is possible.
    case noPromotableReplica = "no-promotable-replica"
    case masterWithoutReplicas = "master-without-replicas"
    case sentinelUnreachable = "sentinel-unreachable"
    /// A sentinel or node announced by name whose name does not resolve from here
    /// (the `Temporary failure in name resolution` of hostname-based deployments).
    case hostnameDoesNotResolve = "hostname-does-not-resolve"
    case nodeUnreachable = "node-unreachable"
    /// A reply could not be parsed or was refused.
    case unreadableReply = "unreadable-reply"
    /// A replication group no sentinel watches (found from a data node): a note.
    case noSentinels = "no-sentinels"
}

/// One problem (or fact) a Sentinel rule found. Same shape as `Finding`, with
/// the group it is about and the fix as text.
public struct SentinelFinding: Hashable, Sendable, Codable {
    public var severity: Severity
    public var kind: SentinelFindingKind
    /// The monitored group's name; nil for a finding about a sentinel as a whole.
    public var group: String?
    public var title: String
    public var explanation: String
    public var addresses: [NodeAddress]
    /// What to do, in one sentence; nil when nothing needs doing.
    public var fix: String?
    /// Exact commands that help (reads first).
    public var commands: [String]

    public init(severity: Severity, kind: SentinelFindingKind, group: String?, title: String, explanation: String,
                addresses: [NodeAddress] = [], fix: String? = nil, commands: [String] = []) {
        self.severity = severity
        self.kind = kind
        self.group = group
        self.title = title
        self.explanation = explanation
        self.addresses = addresses
        self.fix = fix
        self.commands = commands
    }

    /// The same finding in the cluster model's shape, for shared output code.
    /// `kind` is whatever `FindingKind` case the caller maps to (until Sentinel
    /// cases exist there); the fix becomes an `investigate` action.
    public func finding(as kind: FindingKind) -> Finding {
        Finding(severity: severity, kind: kind, title: title, explanation: explanation, addresses: addresses,
                fix: fix.map { SuggestedFix(action: .investigate(reason: $0), summary: $0, commands: commands) })
    }
}
