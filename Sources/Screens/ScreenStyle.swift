import UI

/// Small look decisions shared by the screens, with their ASCII fallbacks.
enum ScreenStyle {
    static func separator(_ glyphs: Glyphs) -> String { glyphs.isUnicode ? " · " : " | " }
    /// Marks a replica row under its master.
    static func replicaPrefix(_ glyphs: Glyphs) -> String { glyphs.isUnicode ? "└ " : "` " }
    static let heading = Style(bold: true)
    static let problem = Style(foreground: .red, bold: true)
    static let good = Style(foreground: .green, bold: true)
    static let muted = Style.dim

    /// `text` as it can be shown: with ASCII glyphs, the few non-ASCII marks that messages
    /// use are spelled in ASCII (the driver would show `?` for them).
    static func text(_ text: String, _ glyphs: Glyphs) -> String {
        guard !glyphs.isUnicode, !text.allSatisfy(\.isASCII) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "—", "–": result += "-"
            case "…": result += "..."
            case "→": result += "->"
            case "←": result += "<-"
            case "·": result += "|"
            case "×": result += "x"
            case "└": result += "`"
            default: result.append(character.isASCII ? character : "?")
            }
        }
        return result
    }

    /// `parts` joined by `separator` into as few lines of at most `width` cells as they fit.
    static func flow(_ parts: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in parts {
            if line.isEmpty {
                line = part
            } else if CharacterWidth.of(line + separator + part) <= width {
                line += separator + part
            } else {
                lines.append(line)
                line = part
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Writes `text` on row `y` of `rect`, cut to fit; returns the next row.
    @discardableResult
    static func line(_ text: String, in rect: Rect, y: Int, style: Style = .plain, glyphs: Glyphs,
                     into buffer: inout ScreenBuffer) -> Int {
        guard y >= rect.y && y < rect.maxY else { return y + 1 }
        buffer.put(text: Self.text(text, glyphs), at: Point(x: rect.x, y: y), width: rect.width, style: style,
                   ellipsis: glyphs.ellipsis, clip: rect)
        return y + 1
    }

    /// What a cluster-only screen says in Sentinel mode, pointing to the screen that applies.
    static func notACluster(_ screen: String, in rect: Rect, glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let replication = InspectorScreen.replication
        line("\(screen) shows Redis Cluster nodes; this is a Sentinel group.", in: rect, y: rect.y, glyphs: glyphs,
             into: &buffer)
        line("Its master, replicas and every sentinel's opinion are on \(replication.numberKey) \(replication.title).",
             in: rect, y: rect.y + 1, style: muted, glyphs: glyphs, into: &buffer)
    }
}
