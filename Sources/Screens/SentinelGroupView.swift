import ClusterModel
import UI

/// Screen 4 for Sentinel groups: per group, every sentinel's opinion side by side (one
/// column each) with the values that differ from the majority marked `≠` (`!=` in ASCII)
/// and in red, then the data nodes with role, link, offsets and lag.
struct SentinelGroupView {
    var state: InspectorState
    var snapshot: SentinelSnapshot

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        if snapshot.groups.isEmpty {
            ScreenStyle.line("the sentinels monitor no group", in: rect, y: rect.y, style: ScreenStyle.muted,
                             glyphs: glyphs, into: &buffer)
            return
        }
        var y = rect.y
        for group in snapshot.groups {
            guard y < rect.maxY else { break }
            y = render(group, into: &buffer, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)) + 1
        }
    }

    /// Draws one group from the top of `rect`; returns the row after it.
    private func render(_ group: SentinelGroup, into buffer: inout ScreenBuffer, in rect: Rect) -> Int {
        let glyphs = state.glyphs
        let opinions = SentinelOpinionTable(group: group, sentinels: snapshot.sentinels, glyphs: glyphs)
        let masters = Set(group.opinions.compactMap(\.master))
        var heading = "\(group.name): master \(group.namedMaster?.description ?? "none named")"
        heading += " (\(group.opinions.filter { $0.master != nil && $0.master == group.namedMaster }.count)"
            + "/\(opinions.sentinels.count) sentinels)"
        let disagree = opinions.disagreements > 0
        if masters.count > 1 {
            heading += " \(opinions.unequal) \(masters.count) MASTERS NAMED"
        } else if disagree {
            heading += " \(opinions.unequal) \(opinions.disagreements) field\(opinions.disagreements == 1 ? "" : "s") differ"
        } else {
            heading += ", all agree"
        }
        var y = ScreenStyle.line(heading, in: rect, y: rect.y, style: disagree ? ScreenStyle.problem : ScreenStyle.heading,
                                 glyphs: glyphs, into: &buffer)
        let tableHeight = min(opinions.rows.count + 1, rect.maxY - y)
        opinions.render(into: &buffer, in: Rect(x: rect.x, y: y, width: rect.width, height: tableHeight))
        y += tableHeight
        guard y + 2 < rect.maxY else { return y }
        y += 1
        let nodesHeight = min(group.dataNodes.count + 1, rect.maxY - y)
        renderNodes(group, into: &buffer, in: Rect(x: rect.x, y: y, width: rect.width, height: nodesHeight))
        return y + nodesHeight
    }

    static let nodeColumns: [TableColumn] = [
        TableColumn("data node", minWidth: 15, maxWidth: 28, priority: 100),
        TableColumn("role", minWidth: 7, priority: 95),
        TableColumn("state", minWidth: 7, priority: 80),
        TableColumn("follows", minWidth: 14, priority: 50),
        TableColumn("link", minWidth: 4, priority: 90),
        TableColumn("offset", minWidth: 7, alignment: .right, priority: 45),
        TableColumn("lag", minWidth: 14, maxWidth: 36, priority: 70, expands: true),
        TableColumn("prio", minWidth: 4, alignment: .right, priority: 30),
        TableColumn("listed", minWidth: 6, priority: 35),
        TableColumn("note", minWidth: 12, priority: 85, expands: true),
    ]

    private func renderNodes(_ group: SentinelGroup, into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        let total = snapshot.sentinels.count
        let rows = group.dataNodes.map { node -> TableRow in
            let isNamed = node.address == group.namedMaster
            var notes: [String] = []
            if isNamed { notes.append("named master") }
            if node.isMaster && !isNamed { notes.append("also claims master") }
            if node.wasPromoted == true && node.isMaster { notes.append("promoted") }
            if !node.roleFromNode { notes.append("role as sentinels say") }
            let role = node.role.map { $0 == "slave" ? "replica" : $0 } ?? "?"
            let link = node.linkUp.map { $0 ? "up" : "DOWN" } ?? "-"
            let problem = !node.reachability.isReachable && node.reachability != .notPolled
                || node.linkUp == false || (node.isMaster && !isNamed)
            return TableRow([node.address.description, role, Formatting.reachability(node.reachability),
                             node.following?.description ?? "-", link, node.offset.map { String($0) } ?? "-",
                             node.isMaster ? "" : "lag", node.priority.map { String($0) } ?? "-",
                             "\(node.listedBy.count)/\(total)", notes.joined(separator: ", ")],
                            style: problem ? ScreenStyle.problem : .plain)
        }
        let table = Table(columns: Self.nodeColumns, rows: rows)
        table.render(into: &buffer, in: rect, glyphs: glyphs)
        guard let lag = table.layout(width: rect.width).first(where: { Self.nodeColumns[$0.column].title == "lag" })
        else { return }
        for (line, node) in group.dataNodes.prefix(max(0, rect.height - 1)).enumerated() where !node.isMaster {
            let area = Rect(x: rect.x + lag.x, y: rect.y + 1 + line, width: lag.width, height: 1)
            buffer.fill(area)
            LagGauge.gauge(bytes: node.lagBytes, seconds: node.lagSeconds).render(into: &buffer, in: area, glyphs: glyphs)
        }
    }
}
