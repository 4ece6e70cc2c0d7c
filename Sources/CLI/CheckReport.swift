import ClusterModel
import Foundation
import Operations

/// The result of `slotscope check`: a summary line, the findings worst first, and the
/// exit code (0 healthy or notes only, 1 warnings or worse).
struct CheckReport: Codable, Sendable {
    /// Bumped when a key is renamed or removed; new keys may appear within a version.
    static let schemaVersion = "slotscope.check/1"

    struct Summary: Codable, Sendable {
        var nodes: Int
        var masters: Int
        var replicas: Int
        var reachable: Int
        /// Nodes known only from other nodes' views (e.g. with --single-endpoint).
        var notPolled: Int
        var slotsServed: Int
        var clusterState: String?
        var currentEpoch: UInt64?
        var critical: Int
        var warnings: Int
        var notes: Int
        var pollMilliseconds: Int
    }

    var schema = CheckReport.schemaVersion
    var target: String
    var healthy: Bool
    var exitCode: Int32
    var summary: Summary
    var findings: [Finding]

    init(target: String, cycle: PollCycle, findings unsorted: [Finding]) {
        let snapshot = cycle.snapshot
        let sorted = unsorted.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        let critical = sorted.filter { $0.severity == .critical }.count
        let warnings = sorted.filter { $0.severity == .warning }.count
        self.target = target
        findings = sorted
        healthy = critical + warnings == 0
        exitCode = healthy ? 0 : 1
        summary = Summary(
            nodes: snapshot.nodes.count, masters: snapshot.masters.count, replicas: snapshot.replicas.count,
            reachable: snapshot.nodes.filter { $0.reachability == .reachable }.count,
            notPolled: snapshot.nodes.filter { $0.reachability == .notPolled }.count,
            slotsServed: clusterSlotCount - snapshot.unassignedSlots.reduce(0) { $0 + $1.count },
            clusterState: snapshot.clusterState.map { "\($0)" }, currentEpoch: snapshot.currentEpoch,
            critical: critical, warnings: warnings, notes: sorted.count - critical - warnings,
            pollMilliseconds: Int(cycle.duration.wholeMilliseconds))
    }

    /// The human report (ASCII only: it runs in probes, pipes and dumb terminals).
    var text: String {
        var lines: [String] = []
        let state = summary.clusterState.map { ", cluster_state:\($0)" } ?? ""
        let epoch = summary.currentEpoch.map { ", current epoch \($0)" } ?? ""
        lines.append("Cluster at \(target): \(summary.nodes) nodes (\(summary.masters) masters, \(summary.replicas) replicas, "
            + "\(summary.reachable) reachable), \(summary.slotsServed) of \(clusterSlotCount) slots served\(state)\(epoch); "
            + "checked in \(summary.pollMilliseconds) ms")
        if summary.notPolled > 0 {
            lines.append("Inspected through \(target) only: \(summary.notPolled) node\(summary.notPolled == 1 ? "" : "s") not polled; "
                + "what is shown for them is what the polled nodes report.")
        }
        for finding in findings {
            lines.append("")
            lines.append("[\(finding.severity.rawValue.uppercased())] \(finding.title)")
            lines.append("    " + finding.explanation)
            if let fix = finding.fix {
                lines.append("    fix: " + fix.summary)
                for command in fix.commands { lines.append("      $ " + command) }
            }
        }
        lines.append("")
        if findings.isEmpty {
            lines.append("OK: no problems found.")
        } else if healthy {
            lines.append("OK: no problems; \(summary.notes) note\(summary.notes == 1 ? "" : "s").")
        } else {
            lines.append("\(summary.critical + summary.warnings) problem\(summary.critical + summary.warnings == 1 ? "" : "s") "
                + "(\(summary.critical) critical, \(summary.warnings) warning\(summary.warnings == 1 ? "" : "s")) "
                + "and \(summary.notes) note\(summary.notes == 1 ? "" : "s").")
        }
        return lines.joined(separator: "\n")
    }
}

/// JSON with stable, sorted keys, as every `--json` output of slotscope is written.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
