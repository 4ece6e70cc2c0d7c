import ClusterModel
import UI

/// Screen 3: the 16384 slots as a grid, each cell the mark of the shard that owns its
/// slots (in that shard's colour), problems marked with their own character; the cursor's
/// cell reversed, with its slot, owner and keys below, then the legend.
struct SlotMapView {
    var state: InspectorState

    /// Lines under the grid: two about the cursor, two of legend.
    static let infoLines = 2
    static let legendLines = 2
    static let chromeLines = infoLines + legendLines

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        if state.mode == .sentinel {
            ScreenStyle.notACluster("The slot map", in: rect, glyphs: glyphs, into: &buffer)
            return
        }
        guard let snapshot = state.snapshot else {
            ScreenStyle.line("waiting for the first poll…", in: rect, y: rect.y, glyphs: glyphs, into: &buffer)
            return
        }
        let status = SlotStatus(snapshot)
        let grid = SlotGrid(area: Size(width: rect.width, height: rect.height - Self.chromeLines))
        let gridRows = min(grid.rows, max(0, rect.height - Self.chromeLines))
        let cursorCell = grid.cell(of: state.slotCursor)
        // Scroll so the cursor's row is visible when the grid is taller than the room.
        let firstRow = max(0, min(cursorCell.row - gridRows + 1, grid.rows - gridRows))
        for line in 0..<gridRows {
            let row = firstRow + line
            let y = rect.y + line
            let label = String(row * grid.slotsPerRow)
            buffer.put(text: label, at: Point(x: rect.x, y: y), width: SlotGrid.labelWidth - 1, alignment: .right,
                       style: .dim, ellipsis: glyphs.ellipsis, clip: rect)
            for column in 0..<grid.columns {
                let slots = grid.slots(column: column, row: row)
                if slots.isEmpty { break }
                let (character, cellStyle) = status.cell(slots)
                var style = cellStyle
                if column == cursorCell.column && row == cursorCell.row {
                    style = Style(foreground: style.foreground, bold: true, reverse: true)
                }
                buffer.put(character: character, at: Point(x: rect.x + SlotGrid.labelWidth + column, y: y),
                           style: style, clip: rect)
            }
        }
        var y = rect.y + gridRows
        let per = grid.slotsPerCell == 1 ? "1 slot/cell" : "\(grid.slotsPerCell) slots/cell"
        for (text, style) in cursorLines(snapshot, status: status, grid: grid) {
            y = ScreenStyle.line(text, in: rect, y: y, style: style, glyphs: glyphs, into: &buffer)
        }
        let shards = status.palette.masters.enumerated().map { index, master in
            let node = snapshot.node(master)
            return "\(ShardPalette.mark(index)) \(node?.address.description ?? master.short) (\(snapshot.slots(of: master).slotCount))"
        }
        y = ScreenStyle.line(shards.joined(separator: "  "), in: rect, y: y, glyphs: glyphs, into: &buffer)
        let marks = [SlotMark.unassigned, .open, .disputed, .failing].map(\.legend) + [per]
        ScreenStyle.line(marks.joined(separator: "  "), in: rect, y: y, style: .dim, glyphs: glyphs, into: &buffer)
    }

    /// "slot 1234  owner A 10.0.0.1:6379 (id)  keys …" and what is wrong with it, if anything.
    private func cursorLines(_ snapshot: ClusterSnapshot, status: SlotStatus, grid: SlotGrid) -> [(String, Style)] {
        let slot = state.slotCursor
        let separator = ScreenStyle.separator(state.glyphs)
        var first = "slot \(slot)"
        var keys = "keys n/a"
        if let owner = snapshot.owner(ofSlot: slot), let node = snapshot.node(owner) {
            let shard = status.shard[slot] >= 0 ? "\(ShardPalette.mark(status.shard[slot])) " : ""
            first += separator + "owner \(shard)\(node.address) (\(owner.short))"
            if let reading = state.cursorKeys, reading.slot == slot, reading.node == node.address {
                keys = reading.keys.map { "keys \($0)" } ?? "keys ? (owner did not answer)"
            } else if let counted = node.slotKeyCounts?.first(where: { $0.slot == slot }) {
                keys = "keys \(counted.keys)"
            } else if let total = node.keys {
                keys = "keys n/a (owner has \(total))"
            }
        } else {
            first += separator + "no owner"
            keys = "keys unreachable (CLUSTERDOWN)"
        }
        first += separator + keys
        let cell = grid.slots(column: grid.cell(of: slot).column, row: grid.cell(of: slot).row)
        var second = cell.count > 1 ? "cell \(cell.lowerBound)-\(cell.upperBound - 1)" : "cell \(slot)"
        var style = Style.dim
        switch status.mark[slot] {
        case .normal: second += ": served"
        case .failing: second += ": owner failing or unreachable"; style = ScreenStyle.problem
        case .unassigned: second += ": slot \(slot) unassigned"; style = ScreenStyle.problem
        case .disputed: second += ": nodes disagree about the owner"; style = ScreenStyle.problem
        case .open:
            style = ScreenStyle.problem
            if let open = snapshot.openSlots.first(where: { $0.slot == slot }) {
                let migrating = open.migrating.compactMap { snapshot.node($0.node)?.address.description }
                let importing = open.importing.compactMap { snapshot.node($0.node)?.address.description }
                second += ": open, migrating on \(migrating.isEmpty ? "none" : migrating.joined(separator: ","))"
                    + ", importing on \(importing.isEmpty ? "none" : importing.joined(separator: ","))"
            }
        }
        let worst = status.summary(cell).mark
        if worst > status.mark[slot] { second += separator + "this cell also has: " + worst.legend }
        return [(first, .plain), (second, style)]
    }
}
