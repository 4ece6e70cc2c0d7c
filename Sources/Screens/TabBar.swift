import UI

/// The top line of every screen: the numbered tabs (the current one highlighted and
/// bracketed, so it shows without colour) and, on the right, the target and poll state.
/// When the full titles would leave no room for the target, the short ones are used.
struct TabBar {
    static let height = 1
    /// Room kept for the target before falling back to short titles.
    static let targetRoom = 20

    var current: InspectorScreen
    var right: String

    static func label(_ screen: InspectorScreen, selected: Bool, short: Bool) -> String {
        let title = short ? screen.shortTitle : screen.title
        return selected ? "[\(screen.numberKey) \(title)]" : " \(screen.numberKey) \(title) "
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        buffer.fill(line)
        let full = InspectorScreen.allCases.reduce(0) { $0 + CharacterWidth.of(Self.label($1, selected: false, short: false)) }
        let short = full + Self.targetRoom > line.width
        var x = line.x
        for screen in InspectorScreen.allCases {
            let selected = screen == current
            let label = Self.label(screen, selected: selected, short: short)
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
