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
        buffer.fill(line)
        var x = line.x
        for screen in InspectorScreen.allCases {
            let selected = screen == current
            let label = selected ? "[\(screen.numberKey) \(screen.title)]" : " \(screen.numberKey) \(screen.title) "
            let width = CharacterWidth.of(label)
            if x + width > line.maxX { break }
            x = buffer.put(text: label, at: Point(x: x, y: line.y),
                           style: selected ? Style(bold: true, reverse: true) : .plain, clip: line)
        }
        let room = line.maxX - x - 2
        guard room >= 8 else { return }
        let shown = TextFitting.truncate(right, toWidth: room, ellipsis: glyphs.ellipsis)
        buffer.put(text: shown, at: Point(x: line.maxX - CharacterWidth.of(shown), y: line.y), style: .bold, clip: line)
    }
}
