import ClusterModel
import UI

/// The `enter` panel: everything known about the selected node, event or finding, in a box
/// over the lower half of the screen (the right part on wide terminals), so the list
/// stays in view above or beside it.
struct DetailsPanel {
    var state: InspectorState

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let box: Rect
        if rect.width >= 140 {
            let width = rect.width * 2 / 5
            box = Rect(x: rect.maxX - width, y: rect.y, width: width, height: rect.height)
        } else {
            let height = max(6, rect.height / 2)
            box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        }
        guard box.width >= 10, box.height >= 3 else { return }
        buffer.fill(box)
        buffer.drawBox(box, glyphs: glyphs, title: "Details (esc closes)", titleStyle: .bold)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        var y = inner.y
        for (text, style) in lines(width: inner.width) {
            y = ScreenStyle.line(text, in: inner, y: y, style: style, glyphs: glyphs, into: &buffer)
        }
    }

    /// The selected item's lines, or why there is none.
    func lines(width: Int) -> [(String, Style)] {
        switch state.screen {
        case .nodes:
            let rows = NodeRow.rows(state)
            guard !rows.isEmpty, let snapshot = state.snapshot else { return [("no node selected", ScreenStyle.muted)] }
            return nodeLines(rows[min(state.selected(on: .nodes), rows.count - 1)], snapshot: snapshot, width: width)
        case .events:
            let rows = EventsView.rows(state)
            guard !rows.isEmpty else { return [("no event selected", ScreenStyle.muted)] }
            return eventLines(rows[min(state.selected(on: .events), rows.count - 1)], width: width)
        case .findings:
            let rows = FindingsView.rows(state)
            guard !rows.isEmpty else { return [("no finding selected", ScreenStyle.muted)] }
            return FindingsView.detailLines(rows[min(state.selected(on: .findings), rows.count - 1)], width: width,
                                            state: state)
        default:
            return [("nothing to detail on this screen", ScreenStyle.muted)]
        }
    }

    private func nodeLines(_ row: NodeRow, snapshot: ClusterSnapshot, width: Int) -> [(String, Style)] {
        let node = row.node
        var lines: [(String, Style)] = [(node.address.description + (node.hostname.map { " (\($0))" } ?? ""),
                                         ScreenStyle.heading)]
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            for (index, line) in TextWrap.lines(value, width: max(10, width - 14)).enumerated() {
                lines.append((TextFitting.fit(index == 0 ? label : "", width: 14, alignment: .left, ellipsis: "~") + line, .plain))
            }
        }
        add("id", node.id.description)
        add("dialed as", row.dialed)
        var role = node.isMaster ? "master" : node.isReplica ? "replica" : "unknown"
        if let master = node.masterID {
            role += " of " + (snapshot.node(master)?.address.description ?? master.short)
        }
        add("role", role)
        add("flags", node.flags.description)
        add("state", Formatting.reachability(node.reachability))
        if node.failure.state != .ok {
            add("failure", "\(node.failure.state.rawValue): fail? from \(node.failure.possiblyFailing.count), "
                + "fail from \(node.failure.failed.count) of \(node.failure.observers) observers")
        }
        if node.isMaster { add("slots", "\(snapshot.slots(of: node.id).compactDescription) (\(snapshot.slots(of: node.id).slotCount))") }
        add("config epoch", String(node.configEpoch))
        add("keys", node.keys.map { String($0) })
        add("memory", node.usedMemory.map { Formatting.bytes($0) + (node.maxMemory.map { $0 > 0 ? " of " + Formatting.bytes($0) : "" } ?? "") })
        add("version", node.displayVersion)
        if let replication = node.replication {
            add("link", replication.linkUp.map { $0 ? "up" : "down" + (replication.linkDownSeconds.map { " for \($0)s" } ?? "") })
            add("offset", replication.offset.map { String($0) })
            add("lag", LagGauge.label(bytes: replication.lagBytes, seconds: replication.lagSeconds))
        } else {
            add("offset", node.masterReplOffset.map { String($0) })
        }
        add("data age", node.dataAge(at: state.now).map { Formatting.age(milliseconds: $0) })
        for problem in node.problems { add("problem", problem) }
        return lines
    }

    private func eventLines(_ event: ClusterEvent, width: Int) -> [(String, Style)] {
        let time = Formatting.clock(event.time, utcOffsetSeconds: state.utcOffsetSeconds)
        var lines: [(String, Style)] = [("\(time)  \(Formatting.kebab(event.kind.rawValue))",
                                         EventsView.style(for: event.kind))]
        for line in TextWrap.lines(ScreenStyle.text(event.message, state.glyphs), width: width) { lines.append((line, .plain)) }
        let addresses = event.nodes.map { id in state.snapshot?.node(id)?.address.description ?? id.short }
        if !addresses.isEmpty { lines.append(("nodes: " + addresses.joined(separator: ", "), .plain)) }
        if !event.slots.isEmpty { lines.append(("slots: \(event.slots.compactDescription) (\(event.slots.slotCount))", .plain)) }
        return lines
    }
}
