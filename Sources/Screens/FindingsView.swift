import ClusterModel
import UI

/// Screen 5: the findings, worst first, and for the selected one its explanation, the
/// slots and nodes it concerns, and the fix with its exact commands.
struct FindingsView {
    var state: InspectorState

    static func rows(_ state: InspectorState) -> [Finding] {
        let filter = state.filter(for: .findings)
        guard !filter.isEmpty else { return state.findings }
        return state.findings.filter {
            "\($0.severity.rawValue) \($0.kind.rawValue) \($0.title) \($0.explanation)".lowercased().contains(filter)
        }
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let findings = Self.rows(state)
        guard state.snapshot != nil else {
            ScreenStyle.line("waiting for the first poll…", in: rect, y: rect.y, glyphs: glyphs, into: &buffer)
            return
        }
        if findings.isEmpty {
            let text = state.findings.isEmpty ? "no findings: nothing to fix"
                : "no finding matches the filter “\(state.filters[.findings] ?? "")”"
            ScreenStyle.line(text, in: rect, y: rect.y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
            return
        }
        let selected = min(state.selected(on: .findings), findings.count - 1)
        // Wide terminals: list and details side by side; otherwise the list on top.
        let list: Rect, detail: Rect
        if rect.width >= 140 {
            let parts = Layout.columns(rect, [.flexible(minimum: 40, weight: 2), .flexible(minimum: 40, weight: 3)], spacing: 2)
            (list, detail) = (parts[0], parts[1])
        } else {
            let listHeight = min(findings.count + 1, max(3, rect.height / 3))
            let parts = Layout.rows(rect, [.fixed(listHeight), .flexible(minimum: 0)], spacing: 1)
            (list, detail) = (parts[0], parts[1])
        }
        Table(columns: [
            TableColumn("sev", minWidth: 4, priority: 90),
            TableColumn("finding", minWidth: 50, priority: 100, expands: true),
            TableColumn("kind", minWidth: 16, priority: 10),
        ], rows: findings.map { finding in
            TableRow([Formatting.severity(finding.severity), ScreenStyle.text(finding.title, glyphs), finding.kind.rawValue],
                     style: Formatting.style(for: finding.severity))
        }, selectedRow: selected).render(into: &buffer, in: list, glyphs: glyphs)
        renderDetail(findings[selected], into: &buffer, in: detail)
    }

    private func renderDetail(_ finding: Finding, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let glyphs = state.glyphs
        var lines: [(String, Style)] = [("\(Formatting.severity(finding.severity))  \(finding.title)",
                                         Formatting.style(for: finding.severity))]
        for line in TextWrap.lines(ScreenStyle.text(finding.explanation, glyphs), width: rect.width) {
            lines.append((line, .plain))
        }
        if !finding.slots.isEmpty {
            lines.append(("slots: \(finding.slots.compactDescription) (\(finding.slots.slotCount))", .plain))
        }
        let addresses = finding.nodes.compactMap { state.snapshot?.node($0)?.address.description }
            + finding.addresses.map(\.description)
        if !addresses.isEmpty {
            lines.append(("nodes: " + Array(Set(addresses)).sorted().joined(separator: ", "), .plain))
        }
        lines.append(("", .plain))
        if let fix = finding.fix {
            lines.append(("Fix: " + ScreenStyle.text(fix.summary, glyphs), ScreenStyle.heading))
            for command in fix.commands { lines.append(("  $ " + command, .plain)) }
            lines.append(("Not run from here yet: this inspector only reads.", ScreenStyle.muted))
        } else {
            lines.append(("No automatic fix: see the explanation.", ScreenStyle.muted))
        }
        var y = rect.y
        for (text, style) in lines {
            y = ScreenStyle.line(text, in: rect, y: y, style: style, glyphs: glyphs, into: &buffer)
        }
    }
}
