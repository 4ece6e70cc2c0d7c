import ClusterModel

/// The numbers behind "is it healthy?", derived from a snapshot and its findings.
struct ClusterSummary {
    var verdict: String
    var severity: Severity?
    var state: String
    var slotsOK = 0
    var slotsPFail = 0
    var slotsFail = 0
    var unassigned = 0
    var open = 0
    var masters = 0
    var replicas = 0
    var reachable = 0
    var nodes = 0
    var epoch: String

    init(snapshot: ClusterSnapshot, findings: [Finding]) {
        let failureOfIndex: [FailureState] = snapshot.nodes.map {
            $0.flags.contains(.fail) ? .failed : $0.flags.contains(.possiblyFailing) ? .possiblyFailing : $0.failure.state
        }
        for run in snapshot.slotOwners.runs {
            if run.owner == SlotMap.unowned || Int(run.owner) >= failureOfIndex.count {
                unassigned += run.range.count
                continue
            }
            switch failureOfIndex[Int(run.owner)] {
            case .ok: slotsOK += run.range.count
            case .possiblyFailing: slotsPFail += run.range.count
            case .failed: slotsFail += run.range.count
            }
        }
        open = Set(snapshot.openSlots.map(\.slot)).count
        masters = snapshot.masters.count
        replicas = snapshot.replicas.count
        nodes = snapshot.nodes.count
        reachable = snapshot.nodes.filter(\.reachability.isReachable).count
        epoch = snapshot.currentEpoch.map { "\($0)" } ?? "?"
        switch snapshot.clusterState {
        case .some(.ok): state = "ok"
        case .some(.fail): state = "fail"
        case .some(.other(let text)): state = text
        case nil: state = "unknown"
        }
        severity = findings.map(\.severity).max()
        let critical = findings.filter { $0.severity == .critical }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        switch severity {
        case .critical?:
            verdict = "CRITICAL: \(Self.plural(critical, "critical problem"))"
                + (warnings > 0 ? ", \(Self.plural(warnings, "warning"))" : "")
        case .warning?:
            verdict = "DEGRADED: \(Self.plural(warnings, "warning"))"
        case .info?, nil:
            verdict = state == "ok" ? "HEALTHY" : "NOT OK"
        }
    }

    /// "1 warning", "2 warnings".
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The numbers under the verdict, as parts to join on one line (or flow over several).
    var parts: [String] {
        var parts = ["cluster_state \(state)", "slots \(slotsOK) ok"]
        if slotsPFail > 0 { parts[1] += ", \(slotsPFail) pfail" }
        if slotsFail > 0 { parts[1] += ", \(slotsFail) fail" }
        parts[1] += ", \(unassigned) unassigned"
        if open > 0 { parts[1] += ", \(open) open" }
        parts.append("epoch \(epoch)")
        parts.append("\(masters) masters, \(replicas) replicas")
        parts.append("\(reachable)/\(nodes) nodes answer")
        return parts
    }
}
