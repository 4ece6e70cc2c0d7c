import ClusterModel
import Operations

/// The result of `slotscope check --sentinel`: a summary line per group, the findings
/// worst first, and the same exit codes as the cluster check (0 healthy or notes only,
/// 1 warnings or worse; 2 is thrown earlier, when no sentinel answers).
struct SentinelCheckReport: Codable, Sendable {
    static let schemaVersion = "slotscope.sentinel-check/1"

    struct GroupSummary: Codable, Sendable {
        var name: String
        /// The master most sentinels name.
        var master: String?
        var dataNodes: Int
        var reachableDataNodes: Int
        /// Sentinels whose GET-MASTER-ADDR-BY-NAME names `master`, of those that know the group.
        var sentinelsAgreeing: Int
        var sentinelsKnowing: Int
        /// False for a replication group no sentinel watches (found from a data node).
        var monitored: Bool
        /// Every data node: master first, then replicas.
        var nodes: [NodeSummary]
    }

    /// One data node: its role, whom it follows, its link and lag, or why it was not read.
    struct NodeSummary: Codable, Sendable {
        var address: String
        /// `master` or `replica`; nil when unknown.
        var role: String?
        var following: String?
        var linkUp: Bool?
        var lagBytes: Int64?
        var lagSeconds: Int64?
        /// Why it could not be read; nil when it answered (or was not asked).
        var unreachable: String?

        init(_ node: DataNodeState) {
            address = node.address.description
            role = node.role.map { $0 == "slave" ? "replica" : $0 }
            following = node.isMaster ? nil : node.following?.description
            linkUp = node.isMaster ? nil : node.linkUp
            lagBytes = node.lagBytes
            lagSeconds = node.isMaster ? nil : node.lagSeconds
            if case .unreachable(let failure) = node.reachability { unreachable = failure.description }
        }

        var text: String {
            if let unreachable { return "\(address)  unreachable: \(unreachable)" }
            guard role == "replica" else { return "\(address)  \(role ?? "role unknown")" }
            var parts = ["replica of \(following ?? "?")"]
            if let linkUp { parts.append("link \(linkUp ? "up" : "down")") }
            if lagBytes != nil || lagSeconds != nil {
                parts.append("lag \(lagBytes.map { "\($0) bytes" } ?? "? bytes"), \(lagSeconds.map { "\($0) s" } ?? "? s")")
            }
            return "\(address)  " + parts.joined(separator: ", ")
        }
    }

    struct Summary: Codable, Sendable {
        var sentinels: Int
        var reachableSentinels: Int
        var groups: [GroupSummary]
        var critical: Int
        var warnings: Int
        var notes: Int
        var pollMilliseconds: Int
    }

    var schema = SentinelCheckReport.schemaVersion
    var target: String
    var healthy: Bool
    var exitCode: Int32
    var summary: Summary
    var findings: [SentinelFinding]

    init(target: String, cycle: SentinelPollCycle) {
        let snapshot = cycle.snapshot
        // The builder already sorts worst first, stable within a severity.
        findings = snapshot.findings
        let critical = findings.filter { $0.severity == .critical }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        self.target = target
        healthy = critical + warnings == 0
        exitCode = healthy ? 0 : 1
        let groups = snapshot.groups.map { group in
            GroupSummary(name: group.name, master: group.namedMaster?.description, dataNodes: group.dataNodes.count,
                         reachableDataNodes: group.dataNodes.filter { $0.reachability == .reachable }.count,
                         sentinelsAgreeing: group.opinions.filter { $0.master != nil && $0.master == group.namedMaster }.count,
                         sentinelsKnowing: group.opinions.count, monitored: group.unmonitored != true,
                         nodes: group.dataNodes.map(NodeSummary.init))
        }
        summary = Summary(
            sentinels: snapshot.sentinels.count,
            reachableSentinels: snapshot.sentinels.filter { $0.failure == nil }.count,
            groups: groups, critical: critical, warnings: warnings, notes: findings.count - critical - warnings,
            pollMilliseconds: Int(cycle.duration.wholeMilliseconds))
    }

    /// The human report (ASCII only, like the cluster check).
    var text: String {
        var lines: [String] = []
        if summary.sentinels == 0 {
            lines.append("Replication group via \(target): no sentinel watches it; checked in \(summary.pollMilliseconds) ms")
        } else {
            lines.append("Sentinels via \(target): \(summary.sentinels) sentinels (\(summary.reachableSentinels) reachable), "
                + "\(summary.groups.count) group\(summary.groups.count == 1 ? "" : "s"); checked in \(summary.pollMilliseconds) ms")
        }
        for group in summary.groups {
            if group.monitored {
                lines.append("  \(group.name): master \(group.master ?? "unknown") named by \(group.sentinelsAgreeing)/"
                    + "\(group.sentinelsKnowing) sentinels; \(group.dataNodes) data nodes (\(group.reachableDataNodes) reachable)")
            } else {
                lines.append("  master \(group.master ?? "unknown"), no sentinel; \(group.dataNodes) data nodes "
                    + "(\(group.reachableDataNodes) reachable)")
            }
            for node in group.nodes { lines.append("    " + node.text) }
        }
        let unmonitored = Set(summary.groups.filter { !$0.monitored }.map(\.name))
        for finding in findings {
            lines.append("")
            // An unmonitored group's name is its master's address, which the title already gives.
            let scope = finding.group.flatMap { name in unmonitored.contains(name) ? nil : "\(name): " } ?? ""
            lines.append("[\(finding.severity.rawValue.uppercased())] \(scope)\(finding.title)")
            lines.append("    " + finding.explanation)
            if let fix = finding.fix {
                lines.append("    fix: " + fix)
                for command in finding.commands { lines.append("      $ " + command) }
            }
        }
        lines.append("")
        let problems = summary.critical + summary.warnings
        if findings.isEmpty {
            lines.append("OK: no problems found.")
        } else if healthy {
            lines.append("OK: no problems; \(summary.notes) note\(summary.notes == 1 ? "" : "s").")
        } else {
            lines.append("\(problems) problem\(problems == 1 ? "" : "s") (\(summary.critical) critical, "
                + "\(summary.warnings) warning\(summary.warnings == 1 ? "" : "s")) and \(summary.notes) note\(summary.notes == 1 ? "" : "s").")
        }
        return lines.joined(separator: "\n")
    }
}
