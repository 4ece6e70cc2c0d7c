/// The `?` screen, generated from a `KeyMap`: every available binding under its group.
public struct HelpView: Sendable {
    public var sections: [(group: String, entries: [(keys: String, help: String)])]
    public var title: String

    public init<Action>(keyMap: KeyMap<Action>, unicode: Bool, title: String = "Keys") {
        sections = keyMap.helpSections(unicode: unicode)
        self.title = title
    }

    /// The help as plain lines (group headings, then indented "keys  help" entries).
    public func lines() -> [String] {
        let keyWidth = sections.flatMap(\.entries).map { CharacterWidth.of($0.keys) }.max() ?? 0
        var result: [String] = []
        for section in sections {
            if !result.isEmpty { result.append("") }
            result.append(section.group)
            for entry in section.entries {
                result.append("  " + TextFitting.fit(entry.keys, width: keyWidth, alignment: .left, ellipsis: "~")
                              + "  " + entry.help)
            }
        }
        return result
    }

    /// Draws the help in a box filling `rect`; lines that do not fit are cut.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        buffer.fill(rect)
        buffer.drawBox(rect, glyphs: glyphs, title: title, titleStyle: .bold)
        let inner = rect.inset(by: 1)
        let headings = Set(sections.map(\.group))
        for (index, line) in lines().prefix(inner.height).enumerated() {
            buffer.put(text: line, at: Point(x: inner.x + 1, y: inner.y + index), width: inner.width - 1,
                       style: headings.contains(line) ? .bold : .plain, ellipsis: glyphs.ellipsis, clip: inner)
        }
    }
}
