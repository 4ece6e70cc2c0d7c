/// One column of a `Table`.
public struct TableColumn: Sendable, Hashable {
    public var title: String
    /// The column is hidden rather than drawn narrower than this.
    public var minWidth: Int
    /// Never wider than this (`nil`: as wide as its widest cell).
    public var maxWidth: Int?
    public var alignment: Alignment
    /// When the table is too narrow, the columns with the lowest priority are hidden first.
    public var priority: Int
    /// Takes the width left over once every column has its natural width.
    public var expands: Bool

    public init(_ title: String, minWidth: Int? = nil, maxWidth: Int? = nil, alignment: Alignment = .left,
                priority: Int = 0, expands: Bool = false) {
        self.title = title
        self.minWidth = max(1, minWidth ?? CharacterWidth.of(title))
        self.maxWidth = maxWidth
        self.alignment = alignment
        self.priority = priority
        self.expands = expands
    }
}

/// One row of a `Table`: a text per column and the style of the whole row.
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    public var style: Style

    public init(_ cells: [String], style: Style = .plain) {
        self.cells = cells
        self.style = style
    }
}

/// A table whose columns degrade with the width: text is truncated down to each column's
/// minimum, then whole columns are hidden, lowest priority first.
public struct Table: Sendable, Hashable {
    /// Where a visible column lands.
    public struct Placement: Sendable, Hashable {
        public var column: Int
        public var x: Int
        public var width: Int
    }

    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// The highlighted row, kept in view when the table scrolls.
    public var selectedRow: Int?
    public var headerStyle: Style
    public var selectedStyle: Style
    /// Blank cells between columns.
    public var spacing: Int

    public init(columns: [TableColumn], rows: [TableRow], selectedRow: Int? = nil,
                headerStyle: Style = Style(bold: true, underline: true), selectedStyle: Style = .reverse,
                spacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.spacing = spacing
    }

    /// The natural width of a column: its widest cell or title, within its bounds.
    func naturalWidth(_ index: Int) -> Int {
        let column = columns[index]
        let widest = rows.reduce(CharacterWidth.of(column.title)) { widest, row in
            max(widest, index < row.cells.count ? CharacterWidth.of(row.cells[index]) : 0)
        }
        return min(max(widest, column.minWidth), column.maxWidth ?? Int.max)
    }

    /// The visible columns and their positions (relative to x = 0) for a table `width` wide.
    public func layout(width: Int) -> [Placement] {
        let constraints = columns.indices.map { index in
            LayoutConstraint(minimum: columns[index].minWidth, weight: 0, priority: columns[index].priority)
        }
        var widths = Layout.sizes(constraints, total: width, spacing: spacing)
        let kept = widths.indices.filter { widths[$0] > 0 }
        var spare = width - widths.reduce(0, +) - max(0, kept.count - 1) * spacing
        // Grow towards natural widths, most important columns first.
        for index in kept.sorted(by: { columns[$0].priority > columns[$1].priority || (columns[$0].priority == columns[$1].priority && $0 < $1) }) {
            let grow = min(spare, naturalWidth(index) - widths[index])
            if grow > 0 { widths[index] += grow; spare -= grow }
        }
        for index in kept where columns[index].expands && spare > 0 {
            let grow = min(spare, (columns[index].maxWidth ?? Int.max) - widths[index])
            if grow > 0 { widths[index] += grow; spare -= grow }
        }
        var x = 0
        return kept.map { index in
            defer { x += widths[index] + spacing }
            return Placement(column: index, x: x, width: widths[index])
        }
    }

    /// The first row shown in `visibleRows` lines so that the selection stays in view.
    public func firstVisibleRow(visibleRows: Int) -> Int {
        guard let selectedRow, visibleRows > 0 else { return 0 }
        return max(0, selectedRow - visibleRows + 1)
    }

    /// Draws the header on the first line of `rect` and as many rows as fit below it;
    /// returns where the columns went (`layout(width: rect.width)`), for drawing over them.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, glyphs: Glyphs) -> [Placement] {
        guard !rect.isEmpty else { return [] }
        let placements = layout(width: rect.width)
        for placement in placements {
            let column = columns[placement.column]
            buffer.put(text: column.title, at: Point(x: rect.x + placement.x, y: rect.y), width: placement.width,
                       alignment: column.alignment, style: headerStyle, ellipsis: glyphs.ellipsis, clip: rect)
        }
        let visible = rect.height - 1
        let first = firstVisibleRow(visibleRows: visible)
        for line in 0..<max(0, visible) {
            let index = first + line
            guard index < rows.count else { break }
            let row = rows[index]
            let y = rect.y + 1 + line
            let style = index == selectedRow ? selectedStyle : row.style
            if index == selectedRow { buffer.fill(rect.row(1 + line), style: style) }
            for placement in placements {
                let text = placement.column < row.cells.count ? row.cells[placement.column] : ""
                buffer.put(text: text, at: Point(x: rect.x + placement.x, y: y), width: placement.width,
                           alignment: columns[placement.column].alignment, style: style,
                           ellipsis: glyphs.ellipsis, clip: rect)
            }
        }
        return placements
    }
}
