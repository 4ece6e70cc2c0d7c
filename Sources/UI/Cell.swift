/// One cell of a `ScreenBuffer`: a grapheme (which may carry combining marks) and its style.
///
/// A wide grapheme occupies two cells: the first has `width == 2` and holds the grapheme,
/// the second has `width == 0` and is only a placeholder the driver never writes.
///
/// A cell is a plain 12-byte value (no reference inside): a frame of 17,500 cells is
/// created, copied and compared without reference counting. The grapheme is kept as its
/// one Unicode scalar, or, for the rare grapheme of several scalars, as a number from
/// `GraphemeTable`.
public struct Cell: Sendable, Hashable {
    /// The scalar's value, or `GraphemeTable.firstCode + n` for the table's grapheme n.
    private var code: UInt32
    public var style: Style
    /// 1 for a normal cell, 2 for the leading half of a wide grapheme, 0 for its trailing half.
    public var width: UInt8

    public init(_ character: Character = " ", style: Style = .plain, width: UInt8 = 1) {
        code = GraphemeTable.shared.code(for: character)
        self.style = style
        self.width = width
    }

    /// A one-cell printable ASCII character (the common case of `put(text:)`).
    init(ascii: UInt8, style: Style) {
        code = UInt32(ascii)
        self.style = style
        width = 1
    }

    public static let blank = Cell()

    public var character: Character {
        get { GraphemeTable.shared.character(for: code) }
        set { code = GraphemeTable.shared.code(for: newValue) }
    }

    /// The grapheme's only scalar; nil when it has several (e.g. a letter with combining
    /// marks). Drivers use it to write the common case without looking at a `Character`.
    public var scalar: Unicode.Scalar? {
        code < GraphemeTable.firstCode ? Unicode.Scalar(code) : nil
    }

    /// True for the placeholder that follows a wide grapheme.
    public var isContinuation: Bool { width == 0 }
}
