import ClusterModel
import UI

/// Screen 1: the verdict on one line, the numbers behind it, the worst findings, when there
/// is room the slots and shards (`OverviewShards`) or the Sentinel groups
/// (`OverviewSentinelGroups`), and the last events.
struct OverviewView {
    var state: InspectorState

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let findings = state.findingRows
        let summary: (verdict: String, severity: Severity?, healthy: Bool, parts: [String])
        if let sentinel = state.sentinel {
            let s = SentinelSummary(snapshot: sentinel)
            summary = (s.verdict, s.severity, s.verdict == "HEALTHY", s.parts)
        } else if let snapshot = state.snapshot {
            let s = ClusterSummary(snapshot: snapshot, findings: state.findings)
            summary = (s.verdict, s.severity, s.verdict == "HEALTHY", s.parts)
        } else {
            ScreenStyle.line("waiting for the first poll of \(state.target)…", in: rect, y: rect.y, glyphs: glyphs,
                             into: &buffer)
            return
        }
        let verdictStyle: Style = switch summary.severity {
        case .critical?: Style(foreground: .red, bold: true, reverse: true)
        case .warning?: Style(foreground: .yellow, bold: true, reverse: true)
        default: summary.healthy ? ScreenStyle.good : ScreenStyle.problem
        }
        var y = rect.y
        let verdict = summary.verdict + (findings.first.map { $0.severity > .info ? " — \($0.title)" : "" } ?? "")
        y = ScreenStyle.line(verdict,
                             in: rect, y: y, style: verdictStyle, glyphs: glyphs, into: &buffer)
        for line in ScreenStyle.flow(summary.parts, separator: ScreenStyle.separator(glyphs), width: rect.width) {
            y = ScreenStyle.line(line, in: rect, y: y, glyphs: glyphs, into: &buffer)
        }
        y += 1
        let remaining = rect.maxY - y
        guard remaining > 2 else { return }
        // Findings get up to half of what is left (at least their heading and one line).
        let findingRows = min(max(2, findings.count + 1), max(2, remaining / 2))
        y = ScreenStyle.line("Findings, worst first (\(findings.count))", in: rect, y: y,
                             style: ScreenStyle.heading, glyphs: glyphs, into: &buffer)
        if findings.isEmpty {
            y = ScreenStyle.line("  none: nothing to fix", in: rect, y: y, style: ScreenStyle.muted, glyphs: glyphs,
                                 into: &buffer)
        } else {
            let shown = findingRows - 1
            for (index, finding) in findings.prefix(shown).enumerated() {
                let more = findings.count - shown
                let text = index == shown - 1 && more > 0
                    ? "  … and \(more + 1) more on \(InspectorScreen.findings.numberKey) Findings"
                    : "  \(Formatting.severity(finding.severity))  \(finding.title)"
                let style = index == shown - 1 && more > 0 ? ScreenStyle.muted : Formatting.style(for: finding.severity)
                y = ScreenStyle.line(text,
                                     in: rect, y: y, style: style, glyphs: glyphs, into: &buffer)
            }
        }
        y += 1
        // The picture (shards, or Sentinel groups) gets what is left after room for the events
        // (heading and up to three) and a blank line; with events to show, at most half of it.
        let eventLines = min(state.events.count, 3) + 1
        let left = rect.maxY - y
        let room = min(left - eventLines - 1, state.events.isEmpty ? left : max(OverviewShards.fixedLines + 1, left / 2))
        if room > OverviewShards.fixedLines {
            if let sentinel = state.sentinel {
                y = OverviewSentinelGroups(snapshot: sentinel, glyphs: glyphs).render(into: &buffer, in: rect, y: y,
                                                                                     lines: room) + 1
            } else if let snapshot = state.snapshot {
                y = OverviewShards(snapshot: snapshot, glyphs: glyphs).render(into: &buffer, in: rect, y: y, lines: room) + 1
            }
        }
        guard y < rect.maxY else { return }
        y = ScreenStyle.line("Last events (\(state.events.count))", in: rect, y: y, style: ScreenStyle.heading,
                             glyphs: glyphs, into: &buffer)
        if state.events.isEmpty {
            ScreenStyle.line("  no changes seen since Slotscope started", in: rect, y: y, style: ScreenStyle.muted,
                             glyphs: glyphs, into: &buffer)
            return
        }
        for event in state.events.reversed().prefix(max(0, rect.maxY - y)) {
            let time = Formatting.clock(event.time, utcOffsetSeconds: state.utcOffsetSeconds)
            y = ScreenStyle.line("  \(time)  \(event.message)", in: rect, y: y,
                                 style: EventsView.style(for: event.kind), glyphs: glyphs, into: &buffer)
        }
    }
}
