import ClusterModel

/// One finding as the Findings and Overview screens show it, from a cluster `Finding` or a
/// `SentinelFinding`: severity, a title, the explanation, what it concerns and the fix.
public struct FindingRow: Sendable, Hashable {
    public var severity: Severity
    /// The stable kind name ("open-slot-half-migrated", "split-brain").
    public var kind: String
    public var title: String
    public var explanation: String
    public var slots: [SlotRange]
    /// Addresses of the nodes or sentinels it concerns, sorted.
    public var addresses: [String]
    /// The Sentinel group it is about, if any.
    public var group: String?
    public var fixSummary: String?
    public var commands: [String]
    /// Whether `f` (`slotscope fix`) repairs this kind of finding.
    public var repairedByFix = false

    init(_ finding: Finding, snapshot: ClusterSnapshot?) {
        severity = finding.severity
        kind = finding.kind.rawValue
        title = finding.title
        explanation = finding.explanation
        slots = finding.slots
        let named = finding.nodes.compactMap { snapshot?.node($0)?.address.description }
        addresses = Array(Set(named + finding.addresses.map(\.description))).sorted()
        fixSummary = finding.fix?.summary
        commands = finding.fix?.commands ?? []
        repairedByFix = FindingKind.repairedByFix.contains(finding.kind)
    }

    init(_ finding: SentinelFinding) {
        severity = finding.severity
        kind = finding.kind.rawValue
        title = finding.title
        explanation = finding.explanation
        slots = []
        addresses = Array(Set(finding.addresses.map(\.description))).sorted()
        group = finding.group
        fixSummary = finding.fix
        commands = finding.commands
    }

    /// What `/` matches against, lowercased.
    var searchText: String { "\(severity.rawValue) \(kind) \(title) \(explanation)".lowercased() }
}

extension InspectorState {
    /// Every finding, worst first: the cluster's, or the Sentinel groups'.
    public var findingRows: [FindingRow] {
        if let sentinel { return sentinel.findings.map(FindingRow.init) }
        return findings.map { FindingRow($0, snapshot: snapshot) }
    }
}
