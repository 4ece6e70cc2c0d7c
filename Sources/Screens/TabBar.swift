import UI

/// The top line of every screen: the numbered tabs (the current one highlighted and
/// bracketed, so it shows without colour) and, on the right, the target and poll state.
struct TabBar {
    static let height = 1

    var current: InspectorScreen
    var right: String

    func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        buffer.fill(line, style: Style(underline: false))
        let rightWidth = CharacterWidth.of(right)
        var x = line.x
        for screen in InspectorScreen.allCases {
            let selected = screen == current
            let label = selected ? "[\(screen.numberKey) \(screen.title)]" : " \(screen.numberKey) \(screen.title) "
            let width = CharacterWidth.of(label)
            if x + width > line.maxX { break }
            x = buffer.put(text: label, at: Point(x: x, y: line.y),
                           style: selected ? Style(bold: true, reverse: true) : .plain, clip: line)
        }
        if rightWidth > 0 && x + 2 + rightWidth <= line.maxX {
            buffer.put(text: right, at: Point(x: line.maxX - rightWidth, y: line.y), style: .dim, clip: line)
        }
    }
}
