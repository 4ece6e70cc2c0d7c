import ClusterModel
import Operations

/// The plan and the verdict of a Sentinel failover, as printed.
enum SentinelFailoverText {
    static func plan(_ plan: SentinelFailoverPlan) -> String {
        var lines = ["Plan: failover of \(plan.masterName) through Sentinel — 1 step on 1 sentinel",
                     "  1. \(plan.sentinel) " + plan.arguments.joined(separator: " "),
                     "     why: the sentinel promotes a replica of \(plan.masterName) without waiting for the master to fail, "
                        + "then reconfigures the other replicas and the other sentinels",
                     "Current master: \(plan.master)" + (plan.configEpoch.map { " (config epoch \($0))" } ?? "")]
        lines.append("Replicas, in the order Sentinel picks them:")
        for candidate in plan.candidates {
            let lag = candidate.lagBytes.map { ", \($0) bytes behind now" } ?? ""
            let facts = "priority \(candidate.priority.map(String.init) ?? "?"), offset \(candidate.offset.map(String.init) ?? "?") "
                + "as the sentinel last read it" + lag
            lines.append("  - \(candidate.address): \(facts)" + (candidate.excluded.map { " — not eligible: \($0)" } ?? ""))
        }
        if !plan.notes.isEmpty {
            lines.append("Choices:")
            lines += plan.notes.map { "  - " + $0 }
        }
        lines.append("Risks:")
        lines += plan.risks.map { "  - " + $0 }
        return lines.joined(separator: "\n")
    }

    static func verdict(_ status: SentinelFailoverStatus, oldMaster: NodeAddress, findings: [SentinelFinding]) -> [String] {
        var lines: [String] = []
        if status.isSettled {
            lines.append("Verified by a fresh poll: \(status.newMaster) is the master (was \(oldMaster)); "
                         + "\(status.sentinelsAgreeing.count)/\(status.sentinelsAsked.count) sentinels name it; "
                         + "\(status.replicasFollowing.count)/\(status.replicasAsked.count) replicas follow it with the link up"
                         + (status.replicasFollowing.contains(oldMaster) ? ", the old master among them." : "."))
        } else {
            lines.append("Switched to \(status.newMaster) (was \(oldMaster)), but not settled:")
            lines += status.problems.map { "  - " + $0 }
        }
        return lines + FailoverText.findingsNow(findings.map { ($0.severity, $0.title) })
    }
}
