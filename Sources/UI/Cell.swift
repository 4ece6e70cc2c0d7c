/// One cell of a `ScreenBuffer`: a grapheme (which may carry combining marks) and its style.
///
/// A wide grapheme occupies two cells: the first has `width == 2` and holds the grapheme,
/// the second has `width == 0` and is only a placeholder the driver never writes.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var style: Style
    /// 1 for a normal cell, 2 for the leading half of a wide grapheme, 0 for its trailing half.
    public var width: UInt8

    public init(_ character: Character = " ", style: Style = .plain, width: UInt8 = 1) {
        self.character = character
        self.style = style
        self.width = width
    }

    public static let blank = Cell()

    /// True for the placeholder that follows a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}
