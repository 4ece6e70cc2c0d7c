import ClusterModel
import Operations

/// The lines a cluster failover prints while it runs and when it ends.
enum FailoverText {
    /// `  1.20 s  ` before a progress line.
    static func elapsed(_ duration: Duration) -> String {
        let text = ProgressPrinter.seconds(duration)
        return String(repeating: " ", count: max(0, 9 - text.count)) + text + "  "
    }

    /// Where the failover is, in one line.
    static func progress(_ status: FailoverStatus, plan: FailoverPlan) -> String {
        let replica = plan.replica.address.description
        guard status.promoted else { return "\(replica) is still a replica" }
        var parts = ["\(replica) reports role master, config epoch \(status.epoch.map(String.init) ?? "?") (was \(plan.masterEpoch))"]
        parts.append("\(status.agreeing.count)/\(status.asked.count) nodes agree it serves \(slots(plan))")
        switch status.oldMasterFollows {
        case true?: parts.append("old master \(plan.master.address) follows it")
        case false?: parts.append("old master \(plan.master.address) does not follow it yet")
        case nil: parts.append("old master \(plan.master.address) does not answer")
        }
        return parts.joined(separator: "; ")
    }

    /// The verdict from a fresh poll: roles, agreement, then every finding.
    static func verdict(_ status: FailoverStatus, plan: FailoverPlan, snapshot: ClusterSnapshot, findings: [Finding],
                        done: Bool) -> [String] {
        var lines: [String] = []
        if done {
            var text = "Verified by a fresh poll: \(plan.replica) is master of \(slots(plan)) with config epoch "
                + "\(status.epoch.map(String.init) ?? "?"); all \(status.asked.count) nodes read agree"
            switch status.oldMasterFollows {
            case true?: text += "; \(plan.master) is now its replica."
            default:
                let why = snapshot.node(plan.master.id).flatMap { node -> String? in
                    if case .unreachable(let failure) = node.reachability { return failure.description }
                    return nil
                } ?? "not read"
                text += "; \(plan.master) does not answer (\(why)): it becomes a replica when it is back."
            }
            lines.append(text)
        } else {
            lines.append("Not finished: " + progress(status, plan: plan) + ".")
        }
        return lines + findingsNow(findings.map { ($0.severity, $0.title) })
    }

    /// The verdict's last lines, for a cluster or a Sentinel group: what a fresh poll finds.
    static func findingsNow(_ findings: [(severity: Severity, title: String)]) -> [String] {
        guard !findings.isEmpty else { return ["Findings now: none."] }
        return ["Findings now:"] + findings.map { "  - [\($0.severity.rawValue)] \($0.title)" }
    }

    static func slots(_ plan: FailoverPlan) -> String {
        plan.slots.isEmpty ? "no slots" : "slots " + plan.slots.map(\.description).joined(separator: ",")
    }
}
