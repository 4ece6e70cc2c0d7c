import Testing
import TestSupport
@testable import UI

@Suite struct FrameTests {
    private func frame(width: Int, height: Int, readOnly: Bool, glyphs: Glyphs = .unicode) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let footer = FooterView(hints: [KeyHint(key: "q", help: "quit"), KeyHint(key: "?", help: "help")],
                                status: "ok")
        AppFrame.render(into: &buffer, readOnly: readOnly, glyphs: glyphs, footer: footer) { buffer, body in
            buffer.drawBox(body, glyphs: glyphs, title: "Overview")
        }
        return buffer
    }

    @Test func tooSmallUnderFortyByTen() {
        #expect(TooSmallView.isTooSmall(Size(width: 39, height: 24)))
        #expect(TooSmallView.isTooSmall(Size(width: 80, height: 9)))
        #expect(!TooSmallView.isTooSmall(Size(width: 40, height: 10)))
        let small = frame(width: 30, height: 8, readOnly: false)
        #expect(small.text().contains("terminal too small"))
        #expect(small.text().contains("30×8, need 40×10"))
        assertSnapshot(small.text(), named: "too-small-30x8")
        let ascii = frame(width: 30, height: 8, readOnly: false, glyphs: .ascii)
        #expect(ascii.text().contains("30x8, need 40x10"))
    }

    @Test func tinyTerminalsNeverCrash() {
        for width in 0...12 {
            for height in 0...4 {
                _ = frame(width: width, height: height, readOnly: true)
            }
        }
    }

    @Test func readOnlyBannerIsAlwaysVisible() {
        let normal = frame(width: 40, height: 10, readOnly: true)
        #expect(normal.lines()[0].contains("READ-ONLY"))
        #expect(normal.lines()[1].hasPrefix("┌ Overview"))
        let small = frame(width: 20, height: 3, readOnly: true)
        #expect(small.lines()[0].contains("READ-ONLY"))
        #expect(!frame(width: 40, height: 10, readOnly: false).text().contains("READ-ONLY"))
        assertSnapshot(normal.text(), named: "frame-read-only-40x10")
        assertSnapshot(frame(width: 40, height: 10, readOnly: true, glyphs: .ascii).text(),
                       named: "frame-read-only-40x10-ascii")
    }
}

/// A counter program, to show `AppProgram` is enough to script a session without a terminal.
private struct Counter: AppProgram {
    enum Message: Sendable { case increment, quit }
    enum Effect: Sendable, Equatable { case quit }

    func update(_ state: Int, _ message: Message) -> (Int, [Effect]) {
        switch message {
        case .increment: return (state + 1, [])
        case .quit: return (state, [.quit])
        }
    }

    func view(_ state: Int, into buffer: inout ScreenBuffer) {
        buffer.put(text: "count \(state)", at: Point(x: 0, y: 0))
    }
}

@Suite struct AppProgramTests {
    @Test func scriptedSession() {
        let (state, effects) = Counter().run(0, [.increment, .increment, .quit])
        #expect(state == 2)
        #expect(effects == [.quit])
        #expect(Counter().render(state, size: Size(width: 10, height: 1)).text() == "count 2")
    }
}

@Suite struct SnapshotHelperTests {
    @Test func mismatchesAreShownLineByLine() {
        let diff = lineDiff(expected: "same\nold line\nend", actual: "same\nnew line \nend\nextra")
        #expect(diff == """
            2  -old line|
            2  +new line |
            4  +extra|
            """)
    }
}
