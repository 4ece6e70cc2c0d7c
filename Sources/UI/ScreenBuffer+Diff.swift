extension ScreenBuffer {
    /// Consecutive cells of one row that a driver must write. A run never starts on the
    /// trailing half of a wide grapheme; the driver skips `isContinuation` cells.
    public struct Run: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var cells: [Cell]
    }

    /// The runs that turn `previous` into this buffer. With no previous frame, or one of a
    /// different size, every row is one run (a full redraw). Changes separated by a few
    /// unchanged cells are merged, since a cursor move costs about as much as those cells.
    public func diff(from previous: ScreenBuffer?) -> [Run] {
        guard let previous, previous.size == size else {
            return (0..<height).map { y in
                Run(row: y, column: 0, cells: Array(cells[(y * width)..<((y + 1) * width)]))
            }
        }
        var runs: [Run] = []
        let mergeGap = 3
        for y in 0..<height {
            let row = y * width
            var changed = (0..<width).map { cells[row + $0] != previous.cells[row + $0] }
            // Keep wide graphemes whole: a change to either half rewrites the leading cell.
            for x in 0..<width where changed[x] {
                if self[x, y].isContinuation || previous[x, y].isContinuation, x > 0 { changed[x - 1] = true }
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
                if end < width, self[end, y].isContinuation { end += 1 }
                runs.append(Run(row: y, column: x, cells: Array(cells[(y * width + x)..<(y * width + end)])))
                x = end
            }
        }
        return runs
    }
}
