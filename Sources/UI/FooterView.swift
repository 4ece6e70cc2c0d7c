/// The bottom line: key hints on the left (as many as fit, in order), a status text on the right.
public struct FooterView: Sendable, Hashable {
    public var hints: [KeyHint]
    public var status: String
    public var keyStyle: Style
    public var textStyle: Style

    public init(hints: [KeyHint], status: String = "", keyStyle: Style = Style(bold: true),
                textStyle: Style = .plain) {
        self.hints = hints
        self.status = status
        self.keyStyle = keyStyle
        self.textStyle = textStyle
    }

    /// Draws on the first row of `rect`. The status keeps priority over hints that would overlap it.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        buffer.fill(line, style: textStyle)
        let statusText = TextFitting.truncate(status, toWidth: line.width, ellipsis: glyphs.ellipsis)
        let statusWidth = CharacterWidth.of(statusText)
        let hintsEnd = line.maxX - (statusWidth > 0 ? statusWidth + 2 : 0)
        var x = line.x
        for hint in hints {
            let width = CharacterWidth.of(hint.key) + 1 + CharacterWidth.of(hint.help)
            if x + width > hintsEnd { break }
            x = buffer.put(text: hint.key, at: Point(x: x, y: line.y), style: keyStyle, clip: line)
            x = buffer.put(text: " " + hint.help, at: Point(x: x, y: line.y), style: textStyle, clip: line)
            x += 2
        }
        if statusWidth > 0 {
            buffer.put(text: statusText, at: Point(x: line.maxX - statusWidth, y: line.y), style: textStyle, clip: line)
        }
    }
}
