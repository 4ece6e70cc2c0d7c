import UI

/// The demo program's actions; `fix` stands in for a dangerous cluster action.
enum CheckAction: Hashable, Sendable {
    case quit, toggleHelp, fix, redraw, crash, trap, warn, stall
}

/// Messages the loop feeds to `CheckProgram.update`.
enum CheckMessage: Sendable {
    case key(Key)
    case resized(Size)
    /// The background ticker woke the loop (stands in for "new poll results").
    case woken
}

/// What `update` asks the loop to do.
enum CheckEffect: Sendable, Equatable {
    case quit
    /// Crash on purpose (only with `--test-keys`), to test restoring after a crash.
    case crash
    /// Fail a Swift precondition (only with `--test-keys`): the runtime's own trap, SIGILL
    /// on x86_64 and SIGTRAP on arm64, must restore the terminal as a fault does.
    case trap
    /// Write a line to stderr (only with `--test-keys`), as a library's warning would.
    case warn
    /// Stop reading events for a while (only with `--test-keys`), to test the last-resort
    /// restore when a second termination signal arrives before the loop took the first.
    case stall
}

/// The state of the check screen.
struct CheckState: Sendable {
    var readOnly: Bool
    var glyphs: Glyphs
    var showHelp = false
    var status = "ready"
    var size: Size
    var fixes = 0
    var wakes = 0
    var testKeys = false
}

/// A tiny full-screen program proving the driver end to end: a box, wide text, a gauge, a
/// table and a footer from a `KeyMap`; `q` quits, `?` toggles help, `f` is a dangerous action.
struct CheckProgram: AppProgram {
    func keyMap(_ state: CheckState) -> KeyMap<CheckAction> {
        KeyMap([
            KeyBinding(keys: [Key("q")!, Key("ctrl-c")!], help: "quit", group: "General", action: .quit),
            KeyBinding(keys: [Key("?")!], help: state.showHelp ? "close help" : "help", group: "General",
                       action: .toggleHelp),
            KeyBinding(keys: [Key("ctrl-l")!], help: "redraw", group: "General", inFooter: false, action: .redraw),
            KeyBinding(keys: [Key("f")!], help: "fix", group: "Actions", isDangerous: true, action: .fix),
            KeyBinding(keys: [Key("!")!], help: "crash (test)", group: "Test", isEnabled: state.testKeys,
                       inFooter: false, action: .crash),
            KeyBinding(keys: [Key("T")!], help: "Swift trap (test)", group: "Test", isEnabled: state.testKeys,
                       inFooter: false, action: .trap),
            KeyBinding(keys: [Key("W")!], help: "warn on stderr (test)", group: "Test", isEnabled: state.testKeys,
                       inFooter: false, action: .warn),
            KeyBinding(keys: [Key("s")!], help: "stall 30 s (test)", group: "Test", isEnabled: state.testKeys,
                       inFooter: false, action: .stall),
        ], readOnly: state.readOnly)
    }

    func update(_ state: CheckState, _ message: CheckMessage) -> (CheckState, [CheckEffect]) {
        var next = state
        switch message {
        case .woken:
            next.wakes += 1
        case .resized(let size):
            next.size = size
            next.status = "resized to \(size)"
        case .key(let key):
            switch keyMap(state).resolve(key) {
            case .action(.quit): return (next, [.quit])
            case .action(.crash): return (next, [.crash])
            case .action(.trap): return (next, [.trap])
            case .action(.warn):
                next.status = "warned on stderr"
                return (next, [.warn])
            case .action(.stall): return (next, [.stall])
            case .action(.toggleHelp): next.showHelp.toggle()
            case .action(.redraw): next.status = "redrawn"
            case .action(.fix):
                next.fixes += 1
                next.status = "fix requested (\(next.fixes))"
            case .refusedReadOnly(let binding):
                next.status = KeyMap.refusalMessage(for: binding, unicode: state.glyphs.isUnicode)
            case .disabled, .unbound:
                next.status = "key \(key) does nothing here"
            }
        }
        return (next, [])
    }

    func view(_ state: CheckState, into buffer: inout ScreenBuffer) {
        let glyphs = state.glyphs
        let map = keyMap(state)
        let footer = FooterView(hints: map.footerHints(unicode: glyphs.isUnicode), status: state.status)
        AppFrame.render(into: &buffer, readOnly: state.readOnly, glyphs: glyphs, footer: footer) { buffer, body in
            if state.showHelp {
                HelpView(keyMap: map, unicode: glyphs.isUnicode).render(into: &buffer, in: body, glyphs: glyphs)
                return
            }
            buffer.drawBox(body, glyphs: glyphs, title: "slotscope tui-check", titleStyle: .bold)
            let inner = body.inset(by: 1)
            let size = "size \(state.size.width)x\(state.size.height)"
            buffer.put(text: size, at: Point(x: inner.x + 1, y: inner.y), style: .bold, clip: inner)
            if state.wakes > 0 {
                buffer.put(text: "wakes \(state.wakes)", at: Point(x: inner.x + 20, y: inner.y), clip: inner)
            }
            buffer.put(text: "wide: 宽字符 テスト end", at: Point(x: inner.x + 1, y: inner.y + 1), clip: inner)
            Gauge(fraction: 0.55, label: "lag 55%", style: Style(foreground: .green))
                .render(into: &buffer, in: Rect(x: inner.x + 1, y: inner.y + 2, width: min(30, inner.width - 2), height: 1),
                        glyphs: glyphs)
            let table = Table(columns: [
                TableColumn("node", minWidth: 6, priority: 10, expands: true),
                TableColumn("role", priority: 5),
                TableColumn("slots", alignment: .right, priority: 3),
                TableColumn("version", priority: 1),
            ], rows: [
                TableRow(["127.0.0.1:7000", "master", "0-5460", "7.2.4"]),
                TableRow(["127.0.0.1:7001", "master", "5461-10922", "7.2.4"]),
                TableRow(["127.0.0.1:7002", "master", "10923-16383", "7.2.4"]),
            ])
            table.render(into: &buffer, in: Rect(x: inner.x + 1, y: inner.y + 4, width: inner.width - 2,
                                                 height: max(0, inner.height - 4)), glyphs: glyphs)
        }
    }
}
