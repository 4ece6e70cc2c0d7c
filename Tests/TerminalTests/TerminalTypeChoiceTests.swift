import Testing
import Terminal

@Suite struct TerminalTypeChoiceTests {
    private func lookup(_ known: [String: TerminalTypeChoice.Lookup]) -> (String) -> TerminalTypeChoice.Lookup {
        { known[$0] ?? .unknown }
    }

    @Test func knownTermIsUsedSilently() {
        let choice = TerminalTypeChoice.choose(term: "screen", lookup: lookup(["screen": .usable]))
        #expect(choice == .use(name: "screen", warning: nil))
    }

    @Test func unknownOrMissingTermFallsBackWithOneWarning() {
        let known = lookup(["xterm-256color": .usable, "vt100": .usable])
        #expect(TerminalTypeChoice.choose(term: "kitty-direct", lookup: known)
                == .use(name: "xterm-256color", warning: "slotscope: warning: TERM=kitty-direct is unknown here; using xterm-256color"))
        #expect(TerminalTypeChoice.choose(term: nil, lookup: known)
                == .use(name: "xterm-256color", warning: "slotscope: warning: TERM is not set; using xterm-256color"))
        #expect(TerminalTypeChoice.choose(term: "", lookup: lookup(["vt100": .usable]))
                == .use(name: "vt100", warning: "slotscope: warning: TERM is not set; using vt100"))
    }

    @Test func terminalsThatCannotAddressTheCursorAreRefused() {
        let known = lookup(["dumb": .cannotAddressCursor, "xterm-256color": .usable, "hardcopy": .cannotAddressCursor])
        #expect(TerminalTypeChoice.choose(term: "dumb", lookup: known) == .refuse(.cannotAddressCursor(term: "dumb")))
        #expect(TerminalTypeChoice.choose(term: "hardcopy", lookup: known)
                == .refuse(.cannotAddressCursor(term: "hardcopy")))
        #expect(TerminalTypeChoice.choose(term: "nope", lookup: lookup([:])) == .refuse(.noUsableTerminalType(term: "nope")))
    }

    @Test func errorsAreOneLineAndPointToWatchAndCheck() {
        let errors: [TerminalError] = [.notATerminal, .cannotAddressCursor(term: "dumb"),
                                       .noUsableTerminalType(term: nil), .cursesFailed(term: "x")]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("slotscope watch"))
            #expect(error.description.contains("slotscope check"))
        }
    }
}

@Suite struct TerminalOptionsTests {
    @Test func noColorEnvironmentTurnsColourOff() {
        #expect(TerminalOptions().applyingEnvironment(["NO_COLOR": "1"]).noColor)
        #expect(!TerminalOptions().applyingEnvironment(["NO_COLOR": ""]).noColor)  // no-color.org: empty is unset
        #expect(!TerminalOptions().applyingEnvironment([:]).noColor)
        #expect(TerminalOptions(noColor: true).applyingEnvironment([:]).noColor)
    }
}
