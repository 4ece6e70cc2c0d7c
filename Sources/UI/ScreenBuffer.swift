/// An in-memory grid of styled cells. Views draw into it; the terminal driver flushes it
/// (only the cells that changed since the previous frame); tests read it back as text.
public struct ScreenBuffer: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    public var size: Size { Size(width: width, height: height) }
    public var bounds: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`; blank outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` from `point` on one row, left to right, and returns the column after the
    /// last cell written. Nothing is drawn outside `clip` (default: the whole buffer); a wide
    /// grapheme that does not fit entirely is replaced by spaces for its visible half.
    /// Control characters and lone combining marks take no cell and are dropped.
    @discardableResult
    public mutating func put(text: some StringProtocol, at point: Point, style: Style = .plain,
                             clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var x = point.x
        guard point.y >= area.y, point.y < area.maxY else { return x + CharacterWidth.of(text) }
        // Fast path: printable ASCII, one cell a byte, no grapheme breaking (most text).
        if Self.printableASCIICount(text) != nil {
            return putASCII(text.utf8, x: x, y: point.y, style: style, area: area)
        }
        for character in text {
            let w = CharacterWidth.of(character)
            if w == 0 { continue }
            if x >= area.maxX { break }
            if x < area.x || x + w > area.maxX {
                // Partly visible wide grapheme: blank the visible cells rather than split it.
                for column in max(x, area.x)..<min(x + w, area.maxX) {
                    setCell(Cell(" ", style: style), x: column, y: point.y)
                }
            } else {
                setCell(Cell(character, style: style, width: UInt8(w)), x: x, y: point.y)
            }
            x += w
        }
        return x
    }

    /// The number of bytes of `text` when all are printable ASCII (one cell each); nil otherwise.
    static func printableASCIICount(_ text: some StringProtocol) -> Int? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }

    /// Writes printable ASCII `bytes` from column `x` of row `y` (inside `area`), a cell each;
    /// returns the column after the last.
    private mutating func putASCII(_ bytes: some Collection<UInt8>, x start: Int, y: Int, style: Style, area: Rect) -> Int {
        let end = start + bytes.count
        let first = max(start, area.x), last = min(end, area.maxX)
        // Where the cursor stops: after the text, or at the clip's right edge.
        let stop = min(end, max(start, area.maxX))
        guard first < last else { return stop }
        prepareRun(y: y, from: first, to: last)
        let row = y * width
        cells.withUnsafeMutableBufferPointer { cells in
            var x = start
            for byte in bytes {
                if x >= last { break }
                if x >= first { cells[row + x] = Cell(ascii: byte, style: style) }
                x += 1
            }
        }
        return stop
    }

    /// Before cells `from..<to` of row `y` are overwritten in place: a wide grapheme cut by
    /// either end loses its other half too (what `setCell` does cell by cell).
    private mutating func prepareRun(y: Int, from: Int, to: Int) {
        breakWide(x: from, y: y)
        if to - 1 != from { breakWide(x: to - 1, y: y) }
    }

    /// Writes one character the caller knows takes one cell (a grid mark, a bar block) at
    /// `point`, inside `clip`: no string to build, measure or break into graphemes.
    public mutating func put(character: Character, at point: Point, style: Style = .plain, clip: Rect? = nil) {
        let area = (clip ?? bounds).intersection(bounds)
        guard area.contains(point) else { return }
        setCell(Cell(character, style: style), x: point.x, y: point.y)
    }

    /// Writes `text` fitted into `width` cells (truncated with `ellipsis`, padded, aligned).
    /// Pass `glyphs.ellipsis`, so ASCII mode never shows `…`.
    @discardableResult
    public mutating func put(text: String, at point: Point, width: Int, alignment: Alignment = .left,
                             style: Style = .plain, ellipsis: Character, clip: Rect? = nil) -> Int {
        // The padding is written as blank cells rather than built into a new string: this
        // runs for every table cell of every frame.
        guard width > 0 else { return point.x }
        // Fast path: printable ASCII that fits (most table cells): measured once, no cut.
        if let count = Self.printableASCIICount(text), count <= width {
            let gap = width - count
            let left = alignment == .left ? 0 : alignment == .right ? gap : gap / 2
            let area = (clip ?? bounds).intersection(bounds)
            if point.y >= area.y, point.y < area.maxY {
                blank(from: point.x, count: left, y: point.y, style: style, clip: clip)
                _ = putASCII(text.utf8, x: point.x + left, y: point.y, style: style, area: area)
                blank(from: point.x + left + count, count: gap - left, y: point.y, style: style, clip: clip)
            }
            return point.x + width
        }
        let cut = TextFitting.truncate(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - CharacterWidth.of(cut))
        let left = alignment == .left ? 0 : alignment == .right ? gap : gap / 2
        blank(from: point.x, count: left, y: point.y, style: style, clip: clip)
        let end = put(text: cut, at: Point(x: point.x + left, y: point.y), style: style, clip: clip)
        blank(from: point.x + left + (width - gap), count: gap - left, y: point.y, style: style, clip: clip)
        return max(end, point.x + width)
    }

    /// Writes `count` blank cells from column `x` of row `y`, within `clip`.
    private mutating func blank(from x: Int, count: Int, y: Int, style: Style, clip: Rect?) {
        guard count > 0 else { return }
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return }
        let first = max(x, area.x), last = min(x + count, area.maxX)
        guard first < last else { return }
        prepareRun(y: y, from: first, to: last)
        let space = Cell(ascii: 0x20, style: style)
        let row = y * width
        cells.withUnsafeMutableBufferPointer { cells in
            for column in first..<last { cells[row + column] = space }
        }
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let w = CharacterWidth.of(character)
        let cell = Cell(character, style: style)
        for y in area.y..<area.maxY {
            if w == 1 {
                for x in area.x..<area.maxX { setCell(cell, x: x, y: y) }
            } else {
                put(text: String(repeating: String(character), count: area.width), at: Point(x: area.x, y: y),
                    style: style, clip: area)
            }
        }
    }

    /// Blanks the whole buffer.
    public mutating func clear() {
        cells = Array(repeating: .blank, count: width * height)
    }

    /// Changes only the style of the cells in `rect` (e.g. to highlight a selected row).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * width + x].style = style }
        }
    }

    /// Stores one cell, keeping wide graphemes whole: overwriting either half of a wide
    /// grapheme blanks its other half.
    mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let span = cell.width == 2 ? 2 : 1
        guard x + span <= width else { return }
        for column in x..<(x + span) { breakWide(x: column, y: y) }
        cells[y * width + x] = cell
        if span == 2 { cells[y * width + x + 1] = Cell(" ", style: cell.style, width: 0) }
    }

    /// If `(x, y)` is half of a wide grapheme, replaces both halves with spaces.
    private mutating func breakWide(x: Int, y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.width == 0, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
            cells[index] = Cell(" ", style: cell.style)
        } else if cell.width == 2, x + 1 < width {
            cells[index] = Cell(" ", style: cell.style)
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
    }
}
