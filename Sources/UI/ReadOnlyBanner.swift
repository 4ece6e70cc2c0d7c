/// The read-only banner: one row, drawn first on every frame while read-only mode is on.
public struct ReadOnlyBanner: Sendable, Hashable {
    public init() {}

    /// The banner text; the marker carries the meaning without colour.
    public func text(glyphs: Glyphs) -> String {
        glyphs.isUnicode ? "READ-ONLY — actions are disabled" : "READ-ONLY - actions are disabled"
    }

    /// Draws on the first row of `rect`, centred, in reverse video so it shows without colour.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        let style = Style(foreground: .black, background: .yellow, bold: true, reverse: true)
        buffer.put(text: text(glyphs: glyphs), at: Point(x: line.x, y: line.y), width: line.width,
                   alignment: .center, style: style, ellipsis: glyphs.ellipsis, clip: line)
    }
}
