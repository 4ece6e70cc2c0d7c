/// A one-line horizontal bar, e.g. replication lag against a threshold. With Unicode glyphs
/// the bar has 1/8-cell precision; in ASCII it is whole `#` cells on `.`.
public struct Gauge: Sendable, Hashable {
    /// Filled fraction, clamped to 0...1.
    public var fraction: Double
    /// Text drawn right after the bar (e.g. "12 MiB 3.1s"); it takes room from the bar.
    public var label: String?
    public var style: Style
    public var emptyStyle: Style

    public init(fraction: Double, label: String? = nil, style: Style = .plain, emptyStyle: Style = .dim) {
        self.fraction = fraction.isFinite ? min(1, max(0, fraction)) : 0
        self.label = label
        self.style = style
        self.emptyStyle = emptyStyle
    }

    /// Draws on the first row of `rect`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let labelText = label.map { " " + $0 } ?? ""
        let labelWidth = min(CharacterWidth.of(labelText), rect.width)
        let barWidth = rect.width - labelWidth
        let eighths = Int((fraction * Double(barWidth * 8)).rounded())
        var x = rect.x
        for cell in 0..<barWidth {
            let filled = min(8, max(0, eighths - cell * 8))
            let point = Point(x: x, y: rect.y)
            // Bar glyphs take one cell each: no string to build and measure per cell.
            if filled == 8 {
                buffer.put(character: glyphs.full, at: point, style: style, clip: rect)
            } else if filled > 0 && glyphs.eighths[filled - 1] != " " {
                buffer.put(character: glyphs.eighths[filled - 1], at: point, style: style, clip: rect)
            } else {
                buffer.put(character: glyphs.empty, at: point, style: emptyStyle, clip: rect)
            }
            x += 1
        }
        if labelWidth > 0 {
            buffer.put(text: labelText, at: Point(x: x, y: rect.y), style: style, clip: rect)
        }
    }
}
