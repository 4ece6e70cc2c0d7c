import ClusterModel

/// Whether a Sentinel group has settled on a new master, read from one snapshot: which
/// sentinels name it, and which data nodes follow it with their link up.
public struct SentinelFailoverStatus: Hashable, Sendable {
    public var newMaster: NodeAddress
    /// The new master reports `role:master` itself.
    public var masterConfirmed: Bool
    /// Sentinels that answered, and those of them that name the new master.
    public var sentinelsAsked: [NodeAddress]
    public var sentinelsAgreeing: [NodeAddress]
    /// Data nodes other than the new master that answered or were expected to, and those that
    /// replicate it with the link up.
    public var replicasAsked: [NodeAddress]
    public var replicasFollowing: [NodeAddress]
    /// What is not settled yet, one line each.
    public var problems: [String]

    public var isSettled: Bool { problems.isEmpty }

    /// `expected`: the data nodes that answered before the failover. Each of them other than
    /// the new master must answer and follow it too; right after `+switch-master` the group's
    /// lists may not name the old master at all yet, which is not the same as settled.
    public static func read(_ snapshot: SentinelSnapshot, masterName: String, newMaster: NodeAddress,
                            expected: [NodeAddress] = []) -> SentinelFailoverStatus {
        let group = snapshot.group(masterName)
        let opinions = (group?.opinions ?? []).filter { $0.master != nil }
        let agreeing = opinions.filter { $0.master == newMaster }.map(\.sentinel)
        let master = group?.node(newMaster)
        let confirmed = master?.reachability.isReachable == true && master?.roleFromNode == true && master?.isMaster == true
        let others = (group?.dataNodes ?? []).filter { $0.address != newMaster && $0.reachability.isReachable }
        let following = others.filter { $0.following == newMaster && $0.linkUp == true && !$0.isMaster }.map(\.address)
        var problems: [String] = []
        if !confirmed { problems.append("\(newMaster) does not report role:master") }
        for opinion in opinions where opinion.master != newMaster {
            problems.append("sentinel \(opinion.sentinel) still names \(opinion.master.map(\.description) ?? "no master")")
        }
        for node in others where !following.contains(node.address) {
            let what = node.isMaster ? "still reports role:master"
                : node.following != newMaster ? "follows \(node.following.map(\.description) ?? "no master")"
                : "has its replication link down"
            problems.append("\(node.address) \(what)")
        }
        let answering = Set(others.map(\.address))
        var missing: [NodeAddress] = []
        for address in expected where address != newMaster && !answering.contains(address) && !missing.contains(address) {
            missing.append(address)
            let listed = group?.node(address) != nil
            problems.append("\(address) " + (listed ? "does not answer" : "is not listed in the group yet"))
        }
        return SentinelFailoverStatus(newMaster: newMaster, masterConfirmed: confirmed,
                                      sentinelsAsked: opinions.map(\.sentinel), sentinelsAgreeing: agreeing,
                                      replicasAsked: others.map(\.address) + missing, replicasFollowing: following,
                                      problems: problems)
    }
}
