extension ScreenBuffer {
    /// Consecutive cells of one row that a driver must write. A run never starts on the
    /// trailing half of a wide grapheme; the driver skips `isContinuation` cells.
    public struct Run: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var cells: [Cell]
    }

    /// Where a run lies, without its cells: a driver reads them from `cells` in place
    /// (`cells[row * width + column ..< row * width + column + count]`), so a full repaint
    /// copies no cell.
    public struct Span: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var count: Int

        public init(row: Int, column: Int, count: Int) {
            self.row = row
            self.column = column
            self.count = count
        }
    }

    /// The runs that turn `previous` into this buffer (see `spans(from:)`).
    public func diff(from previous: ScreenBuffer?) -> [Run] {
        spans(from: previous).map { span in
            let start = span.row * width + span.column
            return Run(row: span.row, column: span.column, cells: Array(cells[start..<(start + span.count)]))
        }
    }

    /// The spans that turn `previous` into this buffer. With no previous frame, or one of a
    /// different size, every row is one span (a full redraw). Changes separated by a few
    /// unchanged cells are merged, since a cursor move costs about as much as those cells.
    public func spans(from previous: ScreenBuffer?) -> [Span] {
        guard let previous, previous.size == size else {
            return (0..<height).map { Span(row: $0, column: 0, count: width) }
        }
        var spans: [Span] = []
        let mergeGap = 3
        var changed = [Bool](repeating: false, count: width)
        cells.withUnsafeBufferPointer { new in
            previous.cells.withUnsafeBufferPointer { old in
                for y in 0..<height {
                    let row = y * width
                    var any = false
                    for x in 0..<width {
                        changed[x] = new[row + x] != old[row + x]
                        any = any || changed[x]
                    }
                    guard any else { continue }
                    // Keep wide graphemes whole: a change to either half rewrites the leading cell.
                    for x in 1..<max(1, width) where changed[x] {
                        if new[row + x].isContinuation || old[row + x].isContinuation { changed[x - 1] = true }
                    }
                    var x = 0
                    while x < width {
                        guard changed[x] else { x += 1; continue }
                        var end = x + 1
                        var scan = end
                        while scan < width {
                            if changed[scan] { end = scan + 1; scan += 1; continue }
                            if scan - end >= mergeGap { break }
                            scan += 1
                        }
                        if end < width, new[row + end].isContinuation { end += 1 }
                        spans.append(Span(row: y, column: x, count: end - x))
                        x = end
                    }
                }
            }
        }
        return spans
    }
}
