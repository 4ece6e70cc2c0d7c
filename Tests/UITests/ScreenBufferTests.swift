import Testing
@testable import UI

@Suite struct ScreenBufferTests {
    @Test func plainTextAndTrailingSpacesTrimmed() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let end = buffer.put(text: "hello", at: Point(x: 1, y: 0))
        #expect(end == 6)
        #expect(buffer.text() == " hello\n")
        #expect(buffer.lines() == [" hello", ""])
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let end = buffer.put(text: "a宽b", at: Point(x: 0, y: 0))
        #expect(end == 4)
        #expect(buffer[1, 0].character == "宽")
        #expect(buffer[1, 0].width == 2)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].character == "b")
        #expect(buffer.text() == "a宽b")
        #expect(CharacterWidth.of("テスト") == 6)
        #expect(CharacterWidth.of("🚀") == 2)
    }

    @Test func combiningMarksStayInOneCell() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.put(text: "e\u{301}x", at: Point(x: 0, y: 0))
        #expect(buffer[0, 0].character == "e\u{301}")
        #expect(buffer[1, 0].character == "x")
        // A lone combining mark and control characters take no cell.
        let end = buffer.put(text: "\u{301}\u{7}z", at: Point(x: 2, y: 0))
        #expect(end == 3)
        #expect(buffer.text() == "e\u{301}xz")
    }

    /// A cell keeps one scalar inline and a longer grapheme by number: each comes back
    /// exactly as written, and cells are equal only when their graphemes' scalars are.
    @Test func cellsKeepEveryGraphemeExactly() {
        let flag = Cell("🇯🇵", width: 2)
        #expect(flag.character == "🇯🇵")
        #expect(flag.scalar == nil)
        #expect(Cell("🇯🇵", width: 2) == flag)
        #expect(Cell("🇫🇷", width: 2) != flag)
        #expect(Cell("x").scalar == "x")
        #expect(Cell("宽", width: 2).character == "宽")
        // Canonically equivalent spellings stay distinct cells (the terminal gets what was written).
        let composed = Cell("\u{E9}"), decomposed = Cell("e\u{301}")
        #expect(composed != decomposed)
        #expect(decomposed.character.unicodeScalars.map(\.value) == [0x65, 0x301])
        var cell = Cell("a")
        cell.character = "a\u{308}"
        #expect(cell.character.unicodeScalars.count == 2 && cell.scalar == nil)
    }

    /// The grapheme table stops growing at its capacity: later new graphemes keep their
    /// first scalar only, the ones already numbered keep theirs.
    @Test func theGraphemeTableIsBounded() {
        let table = GraphemeTable(capacity: 2)
        let first = table.code(for: "e\u{301}"), second = table.code(for: "a\u{308}")
        #expect(first >= GraphemeTable.firstCode && second == first + 1)
        #expect(table.code(for: "o\u{302}") == 0x6F)  // full: "o" alone
        #expect(table.code(for: "e\u{301}") == first)
        #expect(table.character(for: second) == "a\u{308}")
        #expect(table.code(for: "x") == 0x78)  // one scalar never needs the table
    }

    /// Table cells are written in place (padding included): a wide grapheme cut at either
    /// end of the written cells loses its other half, as cell-by-cell writing does.
    @Test func paddedTextOverWideCharactersKeepsThemWhole() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.put(text: "宽宽宽宽", at: Point(x: 0, y: 0))
        buffer.put(text: "ab", at: Point(x: 1, y: 0), width: 4, alignment: .right, ellipsis: "…")
        #expect(buffer.text() == "   ab 宽")
        #expect(buffer[0, 0].character == " " && buffer[0, 0].width == 1)
        #expect(buffer[5, 0].character == " " && buffer[5, 0].width == 1)
        #expect(buffer[6, 0].width == 2 && buffer[7, 0].isContinuation)
        // Clipped on the left and on the right: only the visible cells change.
        var clipped = ScreenBuffer(width: 6, height: 1)
        let end = clipped.put(text: "abcdef", at: Point(x: 0, y: 0), clip: Rect(x: 2, y: 0, width: 2, height: 1))
        #expect(clipped.text() == "  cd")
        #expect(end == 4)
    }

    @Test func clipsAtTheRightEdgeWithoutSplittingWideCharacters() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put(text: "ab宽宽", at: Point(x: 1, y: 0))
        // "a" "b" fit at 1 and 2; the first 宽 would need cells 3 and 4: only a blank shows.
        #expect(buffer.text() == " ab")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func clipsToARectangleOnBothSides() {
        var buffer = ScreenBuffer(width: 10, height: 3)
        let clip = Rect(x: 2, y: 1, width: 4, height: 1)
        buffer.put(text: "宽xyzwv", at: Point(x: 1, y: 1), clip: clip)
        buffer.put(text: "outside", at: Point(x: 0, y: 0), clip: clip)
        #expect(buffer.lines() == ["", "   xyz", ""])
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put(text: "宽宽", at: Point(x: 0, y: 0))
        buffer.put(text: "x", at: Point(x: 1, y: 0))
        #expect(buffer.text() == " x宽")
        buffer.put(text: "y", at: Point(x: 2, y: 0))
        #expect(buffer.text() == " xy")
        #expect(buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func boxesInUnicodeAndASCII() {
        var unicode = ScreenBuffer(width: 12, height: 3)
        unicode.drawBox(unicode.bounds, glyphs: .unicode, title: "Nodes")
        #expect(unicode.text() == "┌ Nodes ───┐\n│          │\n└──────────┘")
        var ascii = ScreenBuffer(width: 12, height: 3)
        ascii.drawBox(ascii.bounds, glyphs: .ascii, title: "Nodes")
        #expect(ascii.text() == "+ Nodes ---+\n|          |\n+----------+")
        #expect(ascii.text().unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func gaugeWithEighthsOrWholeCells() {
        var unicode = ScreenBuffer(width: 10, height: 1)
        Gauge(fraction: 0.3375).render(into: &unicode, in: unicode.bounds, glyphs: .unicode)
        #expect(unicode.text() == "███▍░░░░░░")
        var ascii = ScreenBuffer(width: 14, height: 1)
        Gauge(fraction: 0.5, label: "3s").render(into: &ascii, in: ascii.bounds, glyphs: .ascii)
        #expect(ascii.text() == "#####...... 3s")  // no sub-cell steps in ASCII
        var empty = ScreenBuffer(width: 4, height: 1)
        Gauge(fraction: .nan).render(into: &empty, in: empty.bounds, glyphs: .ascii)
        #expect(empty.text() == "....")
    }

    @Test func truncationUsesTheGlyphsEllipsis() {
        #expect(TextFitting.truncate("127.0.0.1:7000", toWidth: 8, ellipsis: "…") == "127.0.0…")
        #expect(TextFitting.truncate("127.0.0.1:7000", toWidth: 8, ellipsis: "~") == "127.0.0~")
        #expect(TextFitting.truncate("宽宽宽", toWidth: 4, ellipsis: "…") == "宽…")
        #expect(TextFitting.fit("7", width: 3, alignment: .right, ellipsis: "~") == "  7")
        #expect(TextFitting.truncate("short", toWidth: 0, ellipsis: "~") == "")
    }
}

@Suite struct ScreenBufferDiffTests {
    @Test func noPreviousFrameOrNewSizeRedrawsEveryRow() {
        let buffer = ScreenBuffer(width: 3, height: 2)
        #expect(buffer.diff(from: nil).map(\.row) == [0, 1])
        #expect(buffer.diff(from: ScreenBuffer(width: 4, height: 2)).count == 2)
        #expect(buffer.diff(from: nil).allSatisfy { $0.column == 0 && $0.cells.count == 3 })
    }

    @Test func identicalFramesHaveNoRuns() {
        var buffer = ScreenBuffer(width: 8, height: 2)
        buffer.put(text: "same", at: Point(x: 0, y: 1))
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test func changedCellsBecomeRunsAndCloseChangesMerge() {
        var old = ScreenBuffer(width: 20, height: 2)
        old.put(text: "abcdefghijklmnop", at: Point(x: 0, y: 0))
        var new = old
        new.put(text: "X", at: Point(x: 1, y: 0))
        new.put(text: "Y", at: Point(x: 3, y: 0))   // gap of one: merged with X
        new.put(text: "Z", at: Point(x: 12, y: 0))  // far: its own run
        new.put(text: "W", at: Point(x: 0, y: 0), style: .bold)  // style change counts
        let runs = new.diff(from: old)
        #expect(runs.map(\.column) == [0, 12])
        #expect(runs[0].cells.map(\.character) == ["W", "X", "c", "Y"])
        #expect(runs[1].cells.map(\.character) == ["Z"])
    }

    @Test func wideCharacterChangesIncludeTheLeadingCell() {
        var old = ScreenBuffer(width: 10, height: 1)
        old.put(text: "宽", at: Point(x: 4, y: 0))
        var new = ScreenBuffer(width: 10, height: 1)
        new.put(text: "ab", at: Point(x: 4, y: 0))
        let runs = new.diff(from: old)
        #expect(runs.count == 1)
        #expect(runs[0].column == 4)
        // And the reverse: a wide character replacing narrow ones carries its placeholder.
        let back = old.diff(from: new)
        #expect(back[0].column == 4)
        #expect(back[0].cells.count == 2)
        #expect(back[0].cells[1].isContinuation)
    }
}
