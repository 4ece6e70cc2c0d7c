import ClusterModel
import UI

/// The Overview's picture of a cluster when the terminal has room for it: the 16384 slots
/// squeezed into one strip (each cell marked as on the slot map: the owning shard's letter
/// in its colour, `?` unassigned, `!` open, `#` disputed, `x` failing) and one line per
/// shard: its master, slots, keys, how many replicas are up and their worst lag.
struct OverviewShards {
    var snapshot: ClusterSnapshot
    var glyphs: Glyphs

    /// Lines taken besides the shard rows: the heading and the strip.
    static let fixedLines = 2

    /// Draws from row `y`, using at most `lines` rows (at least `fixedLines + 1`); returns
    /// the next free row.
    func render(into buffer: inout ScreenBuffer, in rect: Rect, y top: Int, lines: Int) -> Int {
        let status = SlotStatus(snapshot)
        let masters = status.palette.masters
        let stripWidth = max(1, rect.width - 2)
        let perCell = (clusterSlotCount + stripWidth - 1) / stripWidth
        let cells = (clusterSlotCount + perCell - 1) / perCell
        let scale = perCell == 1 ? "1 slot per cell" : "\(perCell) slots per cell"
        var y = ScreenStyle.line("Slots (\(scale)) and shards (\(masters.count))", in: rect, y: top,
                                 style: ScreenStyle.heading, glyphs: glyphs, into: &buffer)
        strip(status, cells: cells, perCell: perCell, in: rect, y: y, into: &buffer)
        y += 1
        let room = max(0, lines - Self.fixedLines)
        let shown = masters.count <= room ? masters.count : max(0, room - 1)
        let rows = masters.prefix(shown).enumerated().map { index, master in row(index, master) }
        let addressWidth = rows.map { CharacterWidth.of($0.address) }.max() ?? 0
        for row in rows {
            let address = row.address + String(repeating: " ", count: addressWidth - CharacterWidth.of(row.address))
            y = ScreenStyle.line("  \(row.mark)  \(address)  \(row.facts)", in: rect, y: y, style: row.style,
                                 glyphs: glyphs, into: &buffer)
        }
        if shown < masters.count {
            y = ScreenStyle.line("  … and \(masters.count - shown) more on \(InspectorScreen.nodes.numberKey) Nodes",
                                 in: rect, y: y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
        }
        return y
    }

    private func strip(_ status: SlotStatus, cells: Int, perCell: Int, in rect: Rect, y: Int,
                       into buffer: inout ScreenBuffer) {
        guard y >= rect.y && y < rect.maxY else { return }
        for cell in 0..<cells {
            let slots = (cell * perCell)..<min(clusterSlotCount, (cell + 1) * perCell)
            let (character, style) = status.cell(slots)
            buffer.put(character: character, at: Point(x: rect.x + 2 + cell, y: y), style: style, clip: rect)
        }
    }

    /// One shard: "127.0.0.1:7000", "5461 slots · 1.2k keys · 1/1 replicas up · lag 0B".
    private func row(_ index: Int, _ master: NodeID) -> (mark: Character, address: String, facts: String, style: Style) {
        let node = snapshot.node(master)
        let replicas = snapshot.replicas(of: master)
        let up = replicas.filter { $0.reachability.isReachable && $0.replication?.linkUp == true }.count
        var facts = ["\(snapshot.slots(of: master).slotCount) slots"]
        if let keys = node?.keys { facts.append("\(Formatting.count(keys)) keys") }
        facts.append(replicas.isEmpty ? "no replica" : "\(up)/\(replicas.count) replicas up")
        let lags = replicas.compactMap { $0.replication?.lagBytes }
        if let worst = lags.max() { facts.append("lag \(Formatting.bytes(worst))") }
        var style = Style.plain
        if let node, !node.reachability.isReachable {
            facts.insert("master unreachable (\(Formatting.reachability(node.reachability)))", at: 0)
            style = ScreenStyle.problem
        } else if let node, node.failure.state != .ok || node.flags.isFailing {
            facts.insert("master flagged \(node.failure.state == .ok ? "failing" : node.failure.state.rawValue)", at: 0)
            style = ScreenStyle.problem
        } else if replicas.isEmpty || up < replicas.count {
            style = Style(foreground: .yellow)
        }
        return (ShardPalette.mark(index), node?.address.description ?? master.short,
                facts.joined(separator: ScreenStyle.separator(glyphs)), style)
    }
}
