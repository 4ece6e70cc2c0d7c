/// The read-only banner: one row, drawn first on every frame while read-only mode is on.
public struct ReadOnlyBanner: Sendable, Hashable {
    /// Shown instead of the read-only text (a replay says it is one); nil: the usual text.
    public var customText: String?

    public init(text: String? = nil) { customText = text }

    /// The banner text; the marker carries the meaning without colour.
    public func text(glyphs: Glyphs) -> String {
        if let customText { return customText }
        return glyphs.isUnicode ? "READ-ONLY — actions are disabled" : "READ-ONLY - actions are disabled"
    }

    /// Reverse video (so it stands out without colour) of yellow on black: black on yellow.
    public static let style = Style(foreground: .yellow, background: .black, bold: true, reverse: true)

    /// Draws on the first row of `rect`, centred.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        let style = Self.style
        buffer.put(text: text(glyphs: glyphs), at: Point(x: line.x, y: line.y), width: line.width,
                   alignment: .center, style: style, ellipsis: glyphs.ellipsis, clip: line)
    }
}
