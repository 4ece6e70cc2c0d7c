import UI

/// Screen 6: what Slotscope sent. The inspector only reads, so it says that no change was
/// sent, then lists the reads of the last poll: the commands, each node, how it went.
struct LogView {
    var state: InspectorState

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let glyphs = state.glyphs
        var y = rect.y
        if let replay = state.replay {
            y = ScreenStyle.line("Replay of \(replay.source): nothing is sent to any server.", in: rect, y: y,
                                 style: ScreenStyle.heading, glyphs: glyphs, into: &buffer)
            ScreenStyle.line("The recording holds each poll's snapshot and events; the reads behind them are not kept.",
                             in: rect, y: y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
            return
        }
        if state.changeLog.isEmpty {
            y = ScreenStyle.line("No changes sent (read-only inspection): every command below only reads.",
                                 in: rect, y: y, style: ScreenStyle.heading, glyphs: glyphs, into: &buffer)
        } else {
            y = ChangeLogSection(lines: state.changeLog, glyphs: glyphs)
                .render(into: &buffer, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.height / 2))
        }
        guard let log = state.lastPoll else {
            ScreenStyle.line("no poll finished yet", in: rect, y: y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
            return
        }
        let time = Formatting.clock(log.time, utcOffsetSeconds: state.utcOffsetSeconds)
        y = ScreenStyle.line("Last poll \(time), \(log.durationMilliseconds) ms for all nodes, pipelined to each node:",
                             in: rect, y: y, glyphs: glyphs, into: &buffer)
        y = ScreenStyle.line("  " + log.commands.joined(separator: ", "), in: rect, y: y, glyphs: glyphs, into: &buffer)
        y += 1
        let hasDialed = log.entries.contains { $0.dialed != nil }
        var columns = [TableColumn("node", minWidth: 12, priority: 100, expands: true),
                       TableColumn("result", minWidth: 8, priority: 90)]
        if hasDialed { columns.insert(TableColumn("dialed", minWidth: 8, priority: 50), at: 1) }
        let rows = log.entries.map { entry in
            var cells = [entry.address, entry.outcome]
            if hasDialed { cells.insert(entry.dialed ?? "", at: 1) }
            let failed = !entry.outcome.hasSuffix("replies")
            return TableRow(cells, style: failed ? ScreenStyle.problem : .plain)
        }
        Table(columns: columns, rows: rows)
            .render(into: &buffer, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), glyphs: glyphs)
    }
}
