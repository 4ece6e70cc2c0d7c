import ClusterModel

/// The numbers behind "is it healthy?" for Sentinel groups: the verdict from the
/// findings, then per group the master the sentinels name and how many agree.
struct SentinelSummary {
    var verdict: String
    var severity: Severity?
    var parts: [String]

    init(snapshot: SentinelSnapshot) {
        severity = snapshot.findings.map(\.severity).max()
        let critical = snapshot.findings.filter { $0.severity == .critical }.count
        let warnings = snapshot.findings.filter { $0.severity == .warning }.count
        switch severity {
        case .critical?:
            verdict = "CRITICAL: \(ClusterSummary.plural(critical, "critical problem"))"
                + (warnings > 0 ? ", \(ClusterSummary.plural(warnings, "warning"))" : "")
        case .warning?:
            verdict = "DEGRADED: \(ClusterSummary.plural(warnings, "warning"))"
        case .info?, nil:
            verdict = snapshot.groups.isEmpty ? "NO GROUPS" : "HEALTHY"
        }
        var parts: [String] = []
        for group in snapshot.groups {
            let named = group.opinions.filter { $0.master != nil }
            let agreeing = named.filter { $0.master == group.namedMaster }.count
            let master = group.namedMaster?.description ?? "none named"
            parts.append("\(group.name): master \(master), named by \(agreeing)/\(group.opinions.count) sentinels")
        }
        let answering = snapshot.sentinels.filter { $0.failure == nil }.count
        parts.append("\(answering)/\(snapshot.sentinels.count) sentinels answer")
        let nodes = snapshot.groups.flatMap(\.dataNodes) + snapshot.unattachedNodes
        let reachable = nodes.filter { $0.reachability.isReachable }.count
        parts.append("\(reachable)/\(nodes.count) data nodes answer")
        self.parts = parts
    }
}
