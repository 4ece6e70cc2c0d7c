import ClusterModel
import UI

/// How the 16384 slots are laid out in the slot map's grid area: `slotsPerCell` slots per
/// cell (a power of two), `columns` cells per row, a row label on the left.
public struct SlotGrid: Sendable, Hashable {
    public var slotsPerCell: Int
    public var columns: Int
    public var rows: Int
    /// Width of the row labels ("16320 ").
    public static let labelWidth = 6

    /// The densest grid (fewest slots per cell) that fits `area`.
    public init(area: Size) {
        let usable = max(1, area.width - Self.labelWidth)
        columns = usable >= 16 ? usable / 8 * 8 : usable
        let height = max(1, area.height)
        var perCell = 1
        while perCell < clusterSlotCount && Self.rowCount(perCell, columns) > height { perCell *= 2 }
        slotsPerCell = perCell
        rows = Self.rowCount(perCell, columns)
    }

    static func rowCount(_ perCell: Int, _ columns: Int) -> Int {
        let cells = (clusterSlotCount + perCell - 1) / perCell
        return (cells + columns - 1) / columns
    }

    /// Slots per row.
    public var slotsPerRow: Int { slotsPerCell * columns }

    /// The cell (column, row) that holds `slot`.
    public func cell(of slot: Int) -> (column: Int, row: Int) {
        let index = slot / slotsPerCell
        return (index % columns, index / columns)
    }

    /// The slots in the cell at `column`, `row` (empty past the last slot).
    public func slots(column: Int, row: Int) -> Range<Int> {
        let start = (row * columns + column) * slotsPerCell
        return min(start, clusterSlotCount)..<min(start + slotsPerCell, clusterSlotCount)
    }

    /// The grid for a terminal of `size`: the body minus the tab bar and the slot map's
    /// info and legend lines (`SlotMapView` lays it out the same way).
    public static func forTerminal(_ size: Size, readOnly: Bool) -> SlotGrid {
        let body = AppFrame(size: size, readOnly: readOnly).body
        return SlotGrid(area: Size(width: body.width, height: body.height - TabBar.height - SlotMapView.chromeLines))
    }
}

/// What the slot map marks in a cell, worst first; each has a character so it reads
/// without colour.
public enum SlotMark: Int, Sendable, Hashable, Comparable {
    case normal = 0
    /// Owned by a master the cluster flags `fail?` or `fail`, or that Slotscope cannot read.
    case failing
    /// Migrating or importing.
    case open
    /// The nodes disagree about the owner.
    case disputed
    /// No master serves it.
    case unassigned

    public static func < (a: SlotMark, b: SlotMark) -> Bool { a.rawValue < b.rawValue }

    /// The cell character (`nil`: the owning shard's mark).
    public var character: Character? {
        switch self {
        case .normal: return nil
        case .failing: return "x"
        case .open: return "!"
        case .disputed: return "#"
        case .unassigned: return "?"
        }
    }

    public var legend: String {
        switch self {
        case .normal: return ""
        case .failing: return "x failing"
        case .open: return "! open"
        case .disputed: return "# disputed"
        case .unassigned: return "? unassigned"
        }
    }
}

/// Per slot: the owning shard and its mark, computed once per frame from a snapshot.
public struct SlotStatus: Sendable {
    /// Shard index per slot (-1: unowned).
    public private(set) var shard: [Int]
    public private(set) var mark: [SlotMark]
    public let palette: ShardPalette

    public init(_ snapshot: ClusterSnapshot) {
        palette = ShardPalette(snapshot: snapshot)
        shard = Array(repeating: -1, count: clusterSlotCount)
        mark = Array(repeating: .normal, count: clusterSlotCount)
        var failingOwner: [Bool] = []
        var shardOfNode: [Int] = []
        for node in snapshot.nodes {
            shardOfNode.append(palette.index(of: node.id) ?? -1)
            let failing = node.failure.state != .ok || node.flags.isFailing
                || { if case .unreachable = node.reachability { return true } else { return false } }()
            failingOwner.append(failing)
        }
        for run in snapshot.slotOwners.runs {
            let owner = Int(run.owner)
            for slot in run.range.start...run.range.end {
                if run.owner == SlotMap.unowned || owner >= shardOfNode.count {
                    mark[slot] = .unassigned
                } else {
                    shard[slot] = shardOfNode[owner]
                    if failingOwner[owner] { mark[slot] = .failing }
                }
            }
        }
        for disagreement in snapshot.slotDisagreements {
            for slot in disagreement.range.start...disagreement.range.end { mark[slot] = max(mark[slot], .disputed) }
        }
        for open in snapshot.openSlots where (0..<clusterSlotCount).contains(open.slot) {
            mark[open.slot] = max(mark[open.slot], .open)
        }
    }

    /// How a cell covering `slots` is drawn on the slot map and the Overview's strip: a
    /// problem's own character in red, else the owning shard's letter in its colour
    /// (underlined when several shards share the cell), `?` when no one owns any of it.
    public func cell(_ slots: Range<Int>) -> (character: Character, style: Style) {
        let summary = summary(slots)
        if let mark = summary.mark.character { return (mark, Style(foreground: .red, bold: true)) }
        guard summary.shard >= 0 else { return ("?", Style(foreground: .red, bold: true)) }
        var style = Style(foreground: ShardPalette.color(summary.shard))
        if summary.mixed { style.underline = true }
        return (ShardPalette.mark(summary.shard), style)
    }

    /// The worst mark in `slots` and the shard of its first owned slot (-1: none).
    public func summary(_ slots: Range<Int>) -> (mark: SlotMark, shard: Int, mixed: Bool) {
        var worst = SlotMark.normal
        var first = -1
        var mixed = false
        for slot in slots {
            worst = max(worst, mark[slot])
            if shard[slot] >= 0 {
                if first < 0 { first = shard[slot] } else if shard[slot] != first { mixed = true }
            }
        }
        return (worst, first, mixed)
    }
}
