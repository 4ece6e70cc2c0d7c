import ClusterModel
import UI

/// Screen 5: the findings, worst first, and for the selected one its explanation, the
/// slots and nodes it concerns, and the fix with its exact commands.
struct FindingsView {
    var state: InspectorState

    static func rows(_ state: InspectorState) -> [FindingRow] {
        let filter = state.filter(for: .findings)
        let all = state.findingRows
        guard !filter.isEmpty else { return all }
        return all.filter { $0.searchText.contains(filter) }
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let findings = Self.rows(state)
        guard state.hasData else {
            ScreenStyle.line("waiting for the first poll…", in: rect, y: rect.y, glyphs: glyphs, into: &buffer)
            return
        }
        if findings.isEmpty {
            let text = state.findingRows.isEmpty ? "no findings: nothing to fix"
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
            TableRow([Formatting.severity(finding.severity), ScreenStyle.text(finding.title, glyphs), finding.kind],
                     style: Formatting.style(for: finding.severity))
        }, selectedRow: selected).render(into: &buffer, in: list, glyphs: glyphs)
        renderDetail(findings[selected], into: &buffer, in: detail)
    }

    private func renderDetail(_ finding: FindingRow, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let glyphs = state.glyphs
        var y = rect.y
        for (text, style) in Self.detailLines(finding, width: rect.width, state: state) {
            y = ScreenStyle.line(text, in: rect, y: y, style: style, glyphs: glyphs, into: &buffer)
        }
    }

    /// The explanation, what it concerns and the fix, wrapped to `width`.
    static func detailLines(_ finding: FindingRow, width: Int, state: InspectorState) -> [(String, Style)] {
        let glyphs = state.glyphs
        var lines: [(String, Style)] = [("\(Formatting.severity(finding.severity))  \(finding.title)",
                                         Formatting.style(for: finding.severity))]
        for line in TextWrap.lines(ScreenStyle.text(finding.explanation, glyphs), width: width) {
            lines.append((line, .plain))
        }
        if let group = finding.group { lines.append(("group: \(group)", .plain)) }
        if !finding.slots.isEmpty {
            lines.append(("slots: \(finding.slots.compactDescription) (\(finding.slots.slotCount))", .plain))
        }
        if !finding.addresses.isEmpty {
            lines.append(("nodes: " + finding.addresses.joined(separator: ", "), .plain))
        }
        lines.append(("", .plain))
        if let fix = finding.fixSummary {
            for line in TextWrap.lines("Fix: " + ScreenStyle.text(fix, glyphs), width: width) {
                lines.append((line, ScreenStyle.heading))
            }
            for command in finding.commands { lines.append(("  $ " + command, .plain)) }
            lines.append((Self.whereItRuns(finding, state), ScreenStyle.muted))
        } else {
            lines.append(("No automatic fix: see the explanation.", ScreenStyle.muted))
        }
        return lines
    }

    /// Whether the fix can be run from here, in one line.
    static func whereItRuns(_ finding: FindingRow, _ state: InspectorState) -> String {
        if state.isReplay { return "A replay: nothing is run from here." }
        guard finding.repairedByFix else { return "f does not repair this one: the commands above are for a shell." }
        if state.readOnly { return "Read-only mode: nothing is run from here." }
        return "f shows the plan that repairs it (with every other finding f repairs) and asks before it runs."
    }
}
