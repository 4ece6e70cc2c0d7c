import ClusterModel
import UI

/// Screen 2: per shard its master then its replicas, one row each; columns hide by
/// priority as the terminal narrows, the lag bar is drawn over its column.
struct NodesView {
    var state: InspectorState

    static let columns: [TableColumn] = [
        TableColumn("", minWidth: 1, maxWidth: 1, priority: 85),
        TableColumn("node", minWidth: 19, maxWidth: 48, priority: 100, expands: true),
        TableColumn("via", minWidth: 15, priority: 65),
        TableColumn("id", minWidth: 8, maxWidth: 8, priority: 40),
        TableColumn("role", minWidth: 7, priority: 90),
        TableColumn("state", minWidth: 7, priority: 95),
        TableColumn("flags", minWidth: 5, maxWidth: 18, priority: 50),
        TableColumn("link", minWidth: 4, priority: 45),
        TableColumn("slots", minWidth: 5, alignment: .right, priority: 70),
        TableColumn("keys", minWidth: 5, alignment: .right, priority: 60),
        TableColumn("mem", minWidth: 6, alignment: .right, priority: 35),
        TableColumn("ver", minWidth: 11, priority: 20),
        TableColumn("offset", minWidth: 8, alignment: .right, priority: 25),
        TableColumn("lag", minWidth: 14, maxWidth: 40, priority: 55, expands: true),
        TableColumn("age", minWidth: 3, alignment: .right, priority: 30),
    ]

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        if state.mode == .sentinel {
            ScreenStyle.notACluster("Nodes", in: rect, glyphs: glyphs, into: &buffer)
            return
        }
        guard let snapshot = state.snapshot else {
            ScreenStyle.line("waiting for the first poll…", in: rect, y: rect.y, glyphs: glyphs, into: &buffer)
            return
        }
        let rows = NodeRow.rows(state)
        let selected = rows.isEmpty ? nil : min(state.selected(on: .nodes), rows.count - 1)
        let area = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        // Only the rows in view are formatted (the layout depends on the columns, not on
        // the cells): at 200 nodes most rows are off screen. Same scrolling as `Table`.
        let visibleRows = max(0, area.height - 1)
        let first = selected.map { max(0, $0 - visibleRows + 1) } ?? 0
        let shown = rows[min(first, rows.count)..<min(rows.count, first + visibleRows)]
        // The "via" column only when some node is dialed under another address.
        let kept = Self.columns.indices.filter { !state.dialed.isEmpty || Self.columns[$0].title != "via" }
        let table = Table(columns: kept.map { Self.columns[$0] },
                          rows: shown.map { row in
                              let full = tableRow(row, snapshot: snapshot)
                              return TableRow(kept.map { full.cells[$0] }, style: full.style)
                          },
                          selectedRow: selected.map { $0 - first })
        if rows.isEmpty {
            table.render(into: &buffer, in: Rect(x: area.x, y: area.y, width: area.width, height: 1), glyphs: glyphs)
            ScreenStyle.line("no node matches the filter “\(state.filters[.nodes] ?? "")”", in: area, y: area.y + 1,
                             style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
            return
        }
        let placements = table.render(into: &buffer, in: area, glyphs: glyphs)
        guard let lag = placements.first(where: { table.columns[$0.column].title == "lag" }) else { return }
        for line in 0..<visibleRows {
            let index = first + line
            guard index < rows.count, let gauge = gauge(rows[index].node, selected: index == selected) else { continue }
            gauge.render(into: &buffer, in: Rect(x: area.x + lag.x, y: area.y + 1 + line, width: lag.width, height: 1),
                         glyphs: glyphs)
        }
    }

    private func tableRow(_ row: NodeRow, snapshot: ClusterSnapshot) -> TableRow {
        let node = row.node
        let glyphs = state.glyphs
        let address = (row.isReplica ? ScreenStyle.replicaPrefix(glyphs) : "") + node.address.description
            + (node.hostname.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
        var flags = node.flags.all.filter { $0 != .master && $0 != .replica && $0 != .myself }.map(\.rawValue)
        flags += node.flags.unknown
        if node.failure.state != .ok && !flags.contains(node.failure.state.rawValue) {
            flags.append(node.failure.state.rawValue + "(\(node.failure.state == .failed ? node.failure.failed.count : node.failure.possiblyFailing.count))")
        }
        if node.isLoading { flags.append("loading") }
        let link: String
        if let replication = node.replication, let up = replication.linkUp {
            link = up ? "up" : "down"
        } else {
            link = node.failure.linkDown.isEmpty ? "-" : "bus down"
        }
        let slots = node.isMaster ? "\(snapshot.slots(of: node.id).slotCount)" : ""
        let age = node.dataAge(at: state.now).map { Formatting.age(milliseconds: $0) } ?? "never"
        let offset = node.replication?.offset ?? node.masterReplOffset
        var cells: [String] = [row.shardMark.map(String.init) ?? "", ScreenStyle.text(address, glyphs), row.dialed ?? ""]
        cells.append(node.id.short)
        cells.append(node.isMaster ? "master" : node.isReplica ? "replica" : "?")
        cells.append(Formatting.reachability(node.reachability))
        cells.append(flags.isEmpty ? "-" : flags.joined(separator: ","))
        cells.append(link)
        cells.append(slots)
        cells.append(node.keys.map(Formatting.count) ?? "-")
        cells.append(node.usedMemory.map(Formatting.bytes) ?? "-")
        cells.append(node.displayVersion ?? "-")
        cells.append(offset.map { String($0) } ?? "-")
        cells.append(lagText(node) ?? "")
        cells.append(age)
        let problem = !node.reachability.isReachable || node.failure.state != .ok || node.flags.isFailing
        return TableRow(cells, style: problem ? ScreenStyle.problem : .plain)
    }

    private func lagText(_ node: NodeState) -> String? {
        guard let replication = node.replication else { return nil }
        return LagGauge.label(bytes: replication.lagBytes, seconds: replication.lagSeconds)
    }

    private func gauge(_ node: NodeState, selected: Bool) -> Gauge? {
        guard let replication = node.replication else { return nil }
        return LagGauge.gauge(bytes: replication.lagBytes, seconds: replication.lagSeconds, selected: selected)
    }
}
