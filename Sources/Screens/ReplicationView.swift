import ClusterModel
import UI

/// Screen 4: replication. For a cluster, per shard its master and replicas with link,
/// offsets and lag (bytes, seconds, bar); for Sentinel groups, `SentinelGroupView`.
struct ReplicationView {
    var state: InspectorState

    static let columns: [TableColumn] = [
        TableColumn("", minWidth: 1, maxWidth: 1, priority: 80),
        TableColumn("node", minWidth: 17, maxWidth: 40, priority: 100, expands: true),
        TableColumn("role", minWidth: 7, priority: 90),
        TableColumn("state", minWidth: 7, priority: 85),
        TableColumn("link", minWidth: 4, priority: 95),
        TableColumn("down", minWidth: 4, alignment: .right, priority: 40),
        TableColumn("offset", minWidth: 8, alignment: .right, priority: 60),
        TableColumn("lag", minWidth: 16, maxWidth: 48, priority: 70, expands: true),
    ]

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        if let sentinel = state.sentinel {
            SentinelGroupView(state: state, snapshot: sentinel).render(into: &buffer, in: rect)
            return
        }
        guard let snapshot = state.snapshot else {
            ScreenStyle.line("waiting for the first poll…", in: rect, y: rect.y, glyphs: glyphs, into: &buffer)
            return
        }
        let rows = NodeRow.make(snapshot, dialed: [:], filter: "")
        let replicas = rows.filter { $0.node.replication != nil }
        let down = replicas.filter { $0.node.replication?.linkUp == false }.count
        let worst = replicas.max { LagGauge.fraction($0.node) < LagGauge.fraction($1.node) }
        var parts = ["\(snapshot.masters.count) masters, \(snapshot.replicas.count) replicas",
                     down == 0 ? "every replica link up" : "\(down) replica link\(down == 1 ? "" : "s") DOWN"]
        if let worst, let replication = worst.node.replication {
            parts.append("most behind: \(worst.node.address) "
                + LagGauge.label(bytes: replication.lagBytes, seconds: replication.lagSeconds))
        }
        var y = rect.y
        for line in ScreenStyle.flow(parts, separator: ScreenStyle.separator(glyphs), width: rect.width) {
            y = ScreenStyle.line(line, in: rect, y: y, style: down > 0 ? ScreenStyle.problem : ScreenStyle.heading,
                                 glyphs: glyphs, into: &buffer)
        }
        let area = Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y)
        let table = Table(columns: Self.columns, rows: rows.map { tableRow($0, snapshot: snapshot) })
        table.render(into: &buffer, in: area, glyphs: glyphs)
        guard let lag = table.layout(width: area.width).first(where: { Self.columns[$0.column].title == "lag" }) else { return }
        for (line, row) in rows.prefix(max(0, area.height - 1)).enumerated() {
            guard let replication = row.node.replication else { continue }
            LagGauge.gauge(bytes: replication.lagBytes, seconds: replication.lagSeconds)
                .render(into: &buffer, in: Rect(x: area.x + lag.x, y: area.y + 1 + line, width: lag.width, height: 1),
                        glyphs: glyphs)
        }
    }

    private func tableRow(_ row: NodeRow, snapshot: ClusterSnapshot) -> TableRow {
        let node = row.node
        let glyphs = state.glyphs
        let address = (row.isReplica ? ScreenStyle.replicaPrefix(glyphs) : "") + node.address.description
        let replication = node.replication
        let link: String
        if let replication {
            link = replication.linkUp.map { $0 ? "up" : "DOWN" } ?? "?"
        } else {
            link = node.isMaster ? "\(snapshot.replicas(of: node.id).count) repl" : "-"
        }
        let down = replication?.linkDownSeconds.map { "\($0)s" } ?? ""
        let offset = (replication?.offset ?? node.masterReplOffset).map { String($0) } ?? "-"
        let role = node.isMaster ? "master" : node.isReplica ? "replica" : "?"
        let problem = !node.reachability.isReachable || replication?.linkUp == false || LagGauge.fraction(node) >= 1
        return TableRow([row.shardMark.map(String.init) ?? "", ScreenStyle.text(address, glyphs), role,
                         Formatting.reachability(node.reachability), link, down, offset,
                         replication?.syncing == true ? "syncing" : ""],
                        style: problem ? ScreenStyle.problem : .plain)
    }
}
