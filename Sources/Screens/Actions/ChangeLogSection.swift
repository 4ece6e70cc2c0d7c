import UI

/// The top of the Log screen once an action has run: the mutating commands this session
/// sent, each with its node and reply, newest last (the oldest cut when they do not fit).
struct ChangeLogSection {
    var lines: [String]
    var glyphs: Glyphs

    /// Draws in `rect`; returns the row after the section.
    func render(into buffer: inout ScreenBuffer, in rect: Rect) -> Int {
        var y = ScreenStyle.line("Changes sent this session (\(lines.count) command(s), each with its reply):",
                                 in: rect, y: rect.y, style: ScreenStyle.heading, glyphs: glyphs, into: &buffer)
        let room = max(0, rect.maxY - y - 1)
        let hidden = max(0, lines.count - room)
        if hidden > 0 && room > 0 {
            y = ScreenStyle.line("  … \(hidden + 1) earlier", in: rect, y: y, style: ScreenStyle.muted, glyphs: glyphs, into: &buffer)
        }
        for line in lines.suffix(hidden > 0 ? max(0, room - 1) : room) {
            let failed = line.contains("-> (error)") || line.contains("-> (no reply)")
            y = ScreenStyle.line("  " + Self.replyFirst(line), in: rect, y: y, style: failed ? ScreenStyle.problem : .plain, glyphs: glyphs,
                                 into: &buffer)
        }
        return y + 1
    }

    /// `TIME ENDPOINT COMMAND -> REPLY` (the command log's line) as
    /// `TIME ENDPOINT REPLY ← COMMAND`: the reply stays visible when a long command is cut.
    static func replyFirst(_ line: String) -> String {
        guard let arrow = line.ranges(of: " -> ").last else { return line }
        let head = line[..<arrow.lowerBound].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard head.count == 3 else { return line }
        return "\(head[0]) \(head[1]) \(line[arrow.upperBound...]) ← \(head[2])"
    }
}
