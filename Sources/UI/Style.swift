/// A colour from the small palette every colour terminal has (the eight ANSI colours),
/// plus the terminal's own default. Views never depend on colour alone for meaning.
public enum PaletteColor: UInt8, Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one cell looks: colours and attributes. Drivers without colour keep the attributes.
public struct Style: Sendable, Hashable {
    public var foreground: PaletteColor
    public var background: PaletteColor
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(foreground: PaletteColor = .default, background: PaletteColor = .default,
                bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    /// Written out and inlinable: drivers compare the styles of neighbouring cells for
    /// every cell of a frame, in another module.
    @inlinable
    public static func == (lhs: Style, rhs: Style) -> Bool {
        lhs.foreground == rhs.foreground && lhs.background == rhs.background && lhs.bold == rhs.bold
            && lhs.reverse == rhs.reverse && lhs.dim == rhs.dim && lhs.underline == rhs.underline
    }

    /// The terminal's default look.
    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let reverse = Style(reverse: true)
    public static let dim = Style(dim: true)
}
