extension ScreenBuffer {
    /// Draws a frame around the edge of `rect` with an optional title in its top border.
    /// Rectangles smaller than 2×2 draw nothing.
    public mutating func drawBox(_ rect: Rect, glyphs: Glyphs, style: Style = .plain, title: String? = nil,
                                 titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        drawHorizontalLine(y: rect.y, from: rect.x + 1, width: rect.width - 2, glyphs: glyphs, style: style)
        drawHorizontalLine(y: bottom, from: rect.x + 1, width: rect.width - 2, glyphs: glyphs, style: style)
        drawVerticalLine(x: rect.x, from: rect.y + 1, height: rect.height - 2, glyphs: glyphs, style: style)
        drawVerticalLine(x: right, from: rect.y + 1, height: rect.height - 2, glyphs: glyphs, style: style)
        put(text: String(glyphs.topLeft), at: Point(x: rect.x, y: rect.y), style: style)
        put(text: String(glyphs.topRight), at: Point(x: right, y: rect.y), style: style)
        put(text: String(glyphs.bottomLeft), at: Point(x: rect.x, y: bottom), style: style)
        put(text: String(glyphs.bottomRight), at: Point(x: right, y: bottom), style: style)
        if let title, rect.width > 4 {
            let label = TextFitting.truncate(" \(title) ", toWidth: rect.width - 2, ellipsis: glyphs.ellipsis)
            put(text: label, at: Point(x: rect.x + 1, y: rect.y), style: titleStyle ?? style)
        }
    }

    public mutating func drawHorizontalLine(y: Int, from x: Int, width: Int, glyphs: Glyphs, style: Style = .plain) {
        fill(Rect(x: x, y: y, width: width, height: 1), with: glyphs.horizontal, style: style)
    }

    public mutating func drawVerticalLine(x: Int, from y: Int, height: Int, glyphs: Glyphs, style: Style = .plain) {
        fill(Rect(x: x, y: y, width: 1, height: height), with: glyphs.vertical, style: style)
    }
}
