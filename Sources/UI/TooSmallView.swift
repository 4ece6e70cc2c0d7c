/// Shown instead of a screen when the terminal is smaller than `minimum`.
public struct TooSmallView: Sendable, Hashable {
    /// Below this, screens do not try to lay themselves out.
    public static let minimum = Size(width: 40, height: 10)

    public static func isTooSmall(_ size: Size) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }

    public init() {}

    /// Draws centred lines (as many as fit) telling the current and the needed size.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, size: Size, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let times = glyphs.isUnicode ? "×" : "x"
        let lines = [
            "terminal too small",
            "\(size.width)\(times)\(size.height), need \(Self.minimum.width)\(times)\(Self.minimum.height)",
            "q quits",
        ]
        let shown = Array(lines.prefix(rect.height))
        let top = rect.y + (rect.height - shown.count) / 2
        for (index, line) in shown.enumerated() {
            buffer.put(text: line, at: Point(x: rect.x, y: top + index), width: rect.width, alignment: .center,
                       style: index == 0 ? .bold : .plain, ellipsis: glyphs.ellipsis, clip: rect)
        }
    }
}
