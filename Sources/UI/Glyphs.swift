/// The characters used for lines, blocks and truncation. The caller chooses the set:
/// `.unicode` when the locale is UTF-8, `.ascii` otherwise or with `--ascii`.
public struct Glyphs: Sendable, Hashable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeLeft: Character   // ├
    public var teeRight: Character  // ┤
    /// Partial blocks from 1/8 to 8/8 of a cell, for gauges with sub-cell precision.
    public var eighths: [Character]
    /// Light, medium and dark shade.
    public var shades: [Character]
    /// Marks text cut short.
    public var ellipsis: Character
    public var isUnicode: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
        bottomLeft: "└", bottomRight: "┘", teeLeft: "├", teeRight: "┤",
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        shades: ["░", "▒", "▓"], ellipsis: "…", isUnicode: true)

    /// Plain 7-bit fallback: a gauge has no sub-cell steps, so every eighth but the last is empty.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
        bottomLeft: "+", bottomRight: "+", teeLeft: "+", teeRight: "+",
        eighths: [" ", " ", " ", " ", " ", " ", " ", "#"],
        shades: [".", ".", "#"], ellipsis: "~", isUnicode: false)

    /// A full block (`█` or `#`).
    public var full: Character { eighths[7] }
    /// The background of an empty gauge (`░` or `.`).
    public var empty: Character { shades[0] }
}
