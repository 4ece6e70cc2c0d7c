import ClusterModel
import UI

/// Screen 4: the timeline, newest first: time, kind, what happened.
struct EventsView {
    var state: InspectorState

    /// The events shown, newest first, filtered.
    static func rows(_ state: InspectorState) -> [ClusterEvent] {
        let filter = state.filter(for: .events)
        let newestFirst = state.events.reversed()
        guard !filter.isEmpty else { return Array(newestFirst) }
        return newestFirst.filter {
            "\($0.kind.rawValue) \(Formatting.kebab($0.kind.rawValue)) \($0.message)".lowercased().contains(filter)
        }
    }

    /// Problems in red, recoveries in green, the rest plain: the kind's name says it too.
    static func style(for kind: ClusterEvent.Kind) -> Style {
        switch kind {
        case .failover, .nodeFailed, .nodeUnreachable, .nodePossiblyFailing: return ScreenStyle.problem
        case .nodeRecovered, .nodeReachable: return Style(foreground: .green)
        case .slotOpened, .slotsMoved, .clusterStateChanged: return Style(foreground: .yellow)
        default: return .plain
        }
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let events = Self.rows(state)
        if events.isEmpty {
            let text = state.events.isEmpty
                ? "no events yet: changes between polls (failovers, fail?/fail, slot moves, epoch bumps…) appear here"
                : "no event matches the filter “\(state.filters[.events] ?? "")”"
            ScreenStyle.line(text, in: rect, y: rect.y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
            return
        }
        let selected = min(state.selected(on: .events), events.count - 1)
        let table = Table(columns: [
            TableColumn("time", minWidth: 8, priority: 90),
            TableColumn("kind", minWidth: 22, maxWidth: 22, priority: 50),
            TableColumn("event", minWidth: 60, priority: 100, expands: true),
        ], rows: events.map { event in
            TableRow([Formatting.clock(event.time, utcOffsetSeconds: state.utcOffsetSeconds),
                      Formatting.kebab(event.kind.rawValue),
                      ScreenStyle.text(event.message, glyphs)], style: Self.style(for: event.kind))
        }, selectedRow: selected)
        table.render(into: &buffer, in: rect, glyphs: glyphs)
    }
}
