import Testing
import TestSupport
@testable import UI

/// A nodes table like the Nodes screen's, with priorities deciding what survives narrow terminals.
private func nodesTable() -> Table {
    Table(columns: [
        TableColumn("address", minWidth: 14, maxWidth: 21, priority: 100),
        TableColumn("id", minWidth: 8, maxWidth: 8, priority: 40),
        TableColumn("role", minWidth: 6, priority: 90),
        TableColumn("flags", minWidth: 5, maxWidth: 24, priority: 30, expands: true),
        TableColumn("link", minWidth: 4, priority: 60),
        TableColumn("slots", minWidth: 5, alignment: .right, priority: 80),
        TableColumn("keys", minWidth: 4, alignment: .right, priority: 50),
        TableColumn("memory", minWidth: 6, alignment: .right, priority: 45),
        TableColumn("ops/s", minWidth: 5, alignment: .right, priority: 35),
        TableColumn("version", minWidth: 7, priority: 10),
        TableColumn("offset", minWidth: 6, alignment: .right, priority: 20),
        TableColumn("lag", minWidth: 5, alignment: .right, priority: 70),
        TableColumn("age", minWidth: 3, alignment: .right, priority: 25),
    ], rows: [
        TableRow(["10.244.3.239:6379", "07c37dfe", "master", "myself,master", "ok", "5461", "1204", "2.1M",
                  "312", "7.2.4", "982341", "0", "0s"]),
        TableRow(["10.244.3.240:6379", "e7d1eecc", "slave", "slave", "ok", "0", "1204", "2.0M",
                  "2", "7.2.4", "982100", "241B", "1s"]),
        TableRow(["10.244.3.241:6379", "67ed2db8", "master", "master,fail?", "down", "5462", "0", "-",
                  "-", "7.0.15", "-", "-", "timeout"]),
    ], selectedRow: 1)
}

@Suite struct TableTests {
    func visibleTitles(_ table: Table, width: Int) -> [String] {
        table.layout(width: width).map { table.columns[$0.column].title }
    }

    @Test func everyColumnShowsAtWideSizes() {
        let table = nodesTable()
        #expect(visibleTitles(table, width: 250).count == 13)
        #expect(visibleTitles(table, width: 120).count == 13)
    }

    @Test func lowPriorityColumnsHideFirstAsTheWidthShrinks() {
        let table = nodesTable()
        let at80 = visibleTitles(table, width: 80)
        #expect(!at80.contains("version"))
        #expect(at80.contains("address") && at80.contains("role") && at80.contains("slots") && at80.contains("lag"))
        let at50 = visibleTitles(table, width: 50)
        #expect(at50 == ["address", "role", "link", "slots", "keys", "memory", "lag"])  // minimums fill 50 exactly
        let at30 = visibleTitles(table, width: 30)
        #expect(at30 == ["address", "role", "slots"])
        // Shrinking never brings back a column hidden at a larger width.
        var previous = Set(table.columns.map(\.title))
        for width in stride(from: 250, through: 10, by: -5) {
            let now = Set(visibleTitles(table, width: width))
            #expect(now.isSubset(of: previous), "width \(width)")
            previous = now
            #expect(table.layout(width: width).map { $0.x + $0.width }.max() ?? 0 <= width)
        }
    }

    @Test(arguments: [250, 120, 80, 60, 40])
    func snapshots(width: Int) {
        var buffer = ScreenBuffer(width: width, height: 5)
        nodesTable().render(into: &buffer, in: buffer.bounds, glyphs: width >= 80 ? .unicode : .ascii)
        assertSnapshot(buffer.text(), named: "table-nodes-\(width)")
    }

    @Test func selectedRowStaysInViewAndIsHighlighted() {
        var table = nodesTable()
        table.selectedRow = 2
        var buffer = ScreenBuffer(width: 40, height: 2)  // header + one row
        table.render(into: &buffer, in: buffer.bounds, glyphs: .ascii)
        #expect(buffer.lines()[1].hasPrefix("10.244.3.241"))
        #expect(buffer[0, 1].style == .reverse)
        #expect(buffer[39, 1].style == .reverse)
    }
}

@Suite struct LayoutTests {
    @Test func flexiblePartsShareTheSpaceByWeight() {
        #expect(Layout.sizes([.fixed(10), .flexible(weight: 1), .flexible(weight: 3)], total: 50) == [10, 10, 30])
    }

    @Test func partsBelowTheirMinimumAreDroppedLowestPriorityFirst() {
        let parts: [LayoutConstraint] = [.flexible(minimum: 30, priority: 2), .flexible(minimum: 30, priority: 1)]
        #expect(Layout.sizes(parts, total: 70) == [35, 35])
        #expect(Layout.sizes(parts, total: 50) == [50, 0])
        let columns = Layout.columns(Rect(x: 2, y: 1, width: 61, height: 5), parts, spacing: 1)
        #expect(columns == [Rect(x: 2, y: 1, width: 30, height: 5), Rect(x: 33, y: 1, width: 30, height: 5)])
        let rows = Layout.rows(Rect(x: 0, y: 0, width: 10, height: 9), [.fixed(1), .flexible(), .fixed(1)])
        #expect(rows.map(\.height) == [1, 7, 1])
        #expect(rows.map(\.y) == [0, 1, 8])
    }
}
