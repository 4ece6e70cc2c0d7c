/// The parts every screen shares: the read-only banner (top row, whenever read-only mode is
/// on, even when the terminal is too small), the body, and the footer (bottom row).
public struct AppFrame: Sendable, Hashable {
    public var banner: Rect
    public var body: Rect
    public var footer: Rect

    /// Splits `size` for the given mode; the banner rectangle is empty when not read-only.
    public init(size: Size, readOnly: Bool) {
        let rows = Layout.rows(Rect(size: size), [
            .fixed(readOnly ? 1 : 0, priority: 3),
            .flexible(minimum: 0, priority: 1),
            .fixed(1, priority: 2),
        ])
        banner = rows[0]
        body = rows[1]
        footer = rows[2]
    }

    /// Draws a whole frame: banner, then either `body` or the too-small view, then the footer.
    /// `banner` replaces the read-only banner's text (e.g. a replay's), in the same style.
    public static func render(into buffer: inout ScreenBuffer, readOnly: Bool, banner: String? = nil, glyphs: Glyphs,
                              footer: FooterView, body: (inout ScreenBuffer, Rect) -> Void) {
        buffer.clear()
        let frame = AppFrame(size: buffer.size, readOnly: readOnly)
        if readOnly { ReadOnlyBanner(text: banner).render(into: &buffer, in: frame.banner, glyphs: glyphs) }
        if TooSmallView.isTooSmall(buffer.size) {
            let area = Rect(x: 0, y: frame.banner.maxY, width: buffer.width, height: buffer.height - frame.banner.height)
            TooSmallView().render(into: &buffer, in: area, size: buffer.size, glyphs: glyphs)
            return
        }
        body(&buffer, frame.body)
        footer.render(into: &buffer, in: frame.footer, glyphs: glyphs)
    }
}
