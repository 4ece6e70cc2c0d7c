import ClusterModel
import Screens
import Testing
import TestSupport
import UI

/// Every screen of every fixture at the three sizes the design names, as plain text
/// (`SLOTSCOPE_RECORD_SNAPSHOTS=1` re-records; see `__Snapshots__/`).
@Suite struct ScreenSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 250, height: 70)]

    @Test(arguments: Fixture.allCases, sizes)
    func everyScreen(fixture: Fixture, size: Size) {
        let program = InspectorProgram()
        var state = fixture.state(size: size)
        for screen in InspectorScreen.allCases {
            state.screen = screen
            let text = program.render(state, size: size).text()
            assertSnapshot(text, named: "\(fixture)-\(screen.rawValue + 1)-\(screenName(screen))-\(size.width)x\(size.height)")
        }
    }

    @Test func readOnlyHelpHidesActionsAndShowsTheBanner() {
        let program = InspectorProgram()
        var state = Fixture.healthy.state(size: Size(width: 80, height: 24), readOnly: true)
        state = program.update(state, .key(.char("?"))).0
        let text = program.render(state, size: state.size).text()
        assertSnapshot(text, named: "healthy-help-read-only-80x24")
        #expect(text.hasPrefix(" ") || text.contains("READ-ONLY"))
        #expect(!text.contains("fix") && !text.contains("reshard") && !text.contains("forget"))
    }

    @Test func helpListsTheActionsWhenNotReadOnly() {
        let program = InspectorProgram()
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40))
        state = program.update(state, .key(.char("?"))).0
        let text = program.render(state, size: state.size).text()
        assertSnapshot(text, named: "healthy-help-120x40")
        #expect(text.contains("fix") && text.contains("reshard") && text.contains("failover"))
    }

    @Test func asciiSlotMapAndNodes() {
        let program = InspectorProgram()
        var state = Fixture.failover.state(size: Size(width: 80, height: 24), glyphs: .ascii)
        for screen in [InspectorScreen.slots, .nodes, .overview, .replication] {
            state.screen = screen
            let text = program.render(state, size: state.size).text()
            #expect(text.allSatisfy { $0.isASCII }, "non-ASCII on \(screen) in ASCII mode:\n\(text)")
            assertSnapshot(text, named: "failover-ascii-\(screenName(screen))-80x24")
        }
    }

    @Test func tooSmallKeepsTheBanner() {
        let program = InspectorProgram()
        let state = Fixture.healthy.state(size: Size(width: 30, height: 8), readOnly: true)
        let text = program.render(state, size: state.size).text()
        #expect(text.contains("READ-ONLY") && text.contains("terminal too small"))
    }

    @Test func mappedAddressesGetAViaColumn() {
        let program = InspectorProgram()
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40))
        for node in state.snapshot!.nodes { state.dialed[node.address] = "127.0.0.1:\(7000 + node.address.host.count)" }
        state.screen = .nodes
        let text = program.render(state, size: state.size).text()
        assertSnapshot(text, named: "healthy-nodes-mapped-120x40")
        #expect(text.contains(" via ") && text.contains("127.0.0.1:70"))
    }

    private func screenName(_ screen: InspectorScreen) -> String {
        screen.title.lowercased().replacingOccurrences(of: " ", with: "-")
    }
}
