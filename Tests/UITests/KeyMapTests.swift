import Testing
@testable import UI

private enum Action: Hashable, Sendable {
    case quit, help, next, filter, details, fix, reshard
}

private func keyMap(readOnly: Bool, hasSelection: Bool = true) -> KeyMap<Action> {
    KeyMap([
        KeyBinding(keys: [.char("q"), .ctrl("c")], help: "quit", group: "General", action: .quit),
        KeyBinding(keys: [.char("?")], help: "help", group: "General", action: .help),
        KeyBinding(keys: [.tab], help: "next screen", group: "Navigation", inFooter: false, action: .next),
        KeyBinding(keys: [.char("/")], help: "filter", group: "Navigation", action: .filter),
        KeyBinding(keys: [.enter], help: "details", group: "Navigation", isEnabled: hasSelection, action: .details),
        KeyBinding(keys: [.char("f")], help: "fix", group: "Actions", isDangerous: true, action: .fix),
        KeyBinding(keys: [.char("R")], help: "reshard", group: "Actions", isDangerous: true, action: .reshard),
    ], readOnly: readOnly)
}

@Suite struct KeyMapTests {
    @Test func footerComesFromTheDeclarations() {
        let hints = keyMap(readOnly: false).footerHints()
        #expect(hints.map(\.key) == ["q", "?", "/", "enter", "f", "R"])
        #expect(hints.first == KeyHint(key: "q", help: "quit"))
    }

    @Test func helpListsEveryEnabledBindingByGroup() {
        let map = keyMap(readOnly: false, hasSelection: false)
        let help = HelpView(keyMap: map, unicode: true).lines()
        for binding in map.bindings where binding.isEnabled {
            #expect(help.contains { $0.contains(binding.keyLabel()) && $0.contains(binding.help) }, "\(binding.help)")
        }
        #expect(!help.contains { $0.contains("details") })
        #expect(help == [
            "General", "  q, ctrl-c  quit", "  ?          help", "",
            "Navigation", "  tab        next screen", "  /          filter", "",
            "Actions", "  f          fix", "  R          reshard",
        ])
    }

    @Test func readOnlyHidesDangerousBindingsFromFooterAndHelp() {
        let map = keyMap(readOnly: true)
        #expect(!map.footerHints().contains { $0.key == "f" || $0.key == "R" })
        let help = HelpView(keyMap: map, unicode: true).lines()
        #expect(!help.contains { $0.contains("fix") || $0.contains("reshard") || $0 == "Actions" })
    }

    @Test func readOnlyRefusesDangerousKeys() {
        let map = keyMap(readOnly: true)
        guard case .refusedReadOnly(let binding) = map.resolve(.char("f")) else {
            Issue.record("f was not refused")
            return
        }
        #expect(binding.action == .fix)
        #expect(KeyMap.refusalMessage(for: binding) == "f (fix) is disabled: read-only mode")
        #expect(map.resolve(.char("q")) == .action(.quit))
        #expect(map.resolve(.ctrl("c")) == .action(.quit))
        #expect(keyMap(readOnly: false).resolve(.char("f")) == .action(.fix))
    }

    @Test func disabledAndUnboundKeys() {
        let map = keyMap(readOnly: false, hasSelection: false)
        guard case .disabled(let binding) = map.resolve(.enter) else {
            Issue.record("enter should be disabled without a selection")
            return
        }
        #expect(binding.action == .details)
        #expect(map.resolve(.char("z")) == .unbound)
        #expect(map.resolve(.char("r")) == .unbound)  // case matters: R is reshard, r is not bound
    }

    @Test func anEnabledBindingWinsOverADisabledOneOnTheSameKey() {
        let map = KeyMap<Action>([
            KeyBinding(keys: [.enter], help: "details", group: "g", isEnabled: false, action: .details),
            KeyBinding(keys: [.enter], help: "filter", group: "g", action: .filter),
        ], readOnly: false)
        #expect(map.resolve(.enter) == .action(.filter))
    }

    @Test func footerFitsTheWidthAndKeepsTheStatus() {
        var buffer = ScreenBuffer(width: 40, height: 1)
        FooterView(hints: keyMap(readOnly: false).footerHints(), status: "polled 1s ago")
            .render(into: &buffer, in: buffer.bounds, glyphs: .unicode)
        #expect(buffer.text() == "q quit  ? help  / filter   polled 1s ago")
    }
}

@Suite struct KeyTests {
    @Test func namesParse() {
        #expect(Key("q") == .char("q"))
        #expect(Key("R") == .char("R"))
        #expect(Key("ctrl-c") == .ctrl("c"))
        #expect(Key("C-L") == .ctrl("l"))
        #expect(Key("pgup") == .pageUp)
        #expect(Key("pgdn") == .pageDown)
        #expect(Key("esc") == .escape)
        #expect(Key("backtab") == .backTab)
        #expect(Key("F5") == .function(5))
        #expect(Key("space") == .char(" "))
        #expect(Key("ctrl-") == nil)
        #expect(Key("nonsense") == nil)
    }

    @Test func descriptionsRoundTrip() {
        let keys: [Key] = [.char("q"), .ctrl("c"), .pageUp, .pageDown, .home, .end, .enter, .escape, .tab,
                           .backTab, .function(12), .char(" ")]
        for key in keys { #expect(Key(key.description) == key, "\(key)") }
        for key in [Key.up, .down, .left, .right] { #expect(Key(key.asciiDescription) == key) }
    }

    @Test func controlCodes() {
        #expect(Key(codePoint: 0x03) == .ctrl("c"))
        #expect(Key(codePoint: 0x0D) == .enter)
        #expect(Key(codePoint: 0x09) == .tab)
        #expect(Key(codePoint: 0x1B) == .escape)
        #expect(Key(codePoint: 0x7F) == .backspace)
        #expect(Key(codePoint: 0x71) == .char("q"))
        #expect(Key(codePoint: 0x5BBD) == .char("宽"))
        #expect(Key(codePoint: 0x00) == nil)
    }
}
