import ClusterModel
import Screens
import Testing
import UI

/// `InspectorProgram.update` driven by scripted keys, without a terminal.
@Suite struct InspectorProgramTests {
    let program = InspectorProgram()
    let size = Size(width: 80, height: 24)

    private func keys(_ names: String...) -> [InspectorMessage] { names.map { .key(Key($0)!) } }

    @Test func numberKeysAndTabSwitchScreens() {
        var state = Fixture.healthy.state(size: size)
        for screen in InspectorScreen.allCases {
            state = program.update(state, .key(.char(screen.numberKey))).0
            #expect(state.screen == screen)
        }
        state = program.update(state, .key(.tab)).0
        #expect(state.screen == .overview)
        state = program.update(state, .key(.backTab)).0
        #expect(state.screen == .log)
    }

    @Test func quitPauseAndRefreshAreEffects() {
        let state = Fixture.healthy.state(size: size)
        #expect(program.update(state, .key(.char("q"))).1 == [.quit])
        #expect(program.update(state, .key(.ctrl("c"))).1 == [.quit])
        #expect(program.update(state, .key(.char("r"))).1 == [.refreshNow])
        let (paused, effects) = program.update(state, .key(.char("p")))
        #expect(effects == [.setPaused(true)] && paused.paused)
        #expect(program.update(paused, .key(.char("p"))).1 == [.setPaused(false)])
        #expect(program.render(paused, size: size).lines()[0].contains("PAUSED"))
        #expect(program.render(paused, size: size).lines()[23].contains("polling paused"))
    }

    @Test func actionKeysAreRefusedReadOnly() {
        let readOnly = Fixture.healthy.state(size: size, readOnly: true)
        let (refused, effects) = program.update(readOnly, .key(.char("f")))
        #expect(effects.isEmpty)
        #expect(refused.status == "f (fix) is disabled: read-only mode")
        let footer = program.render(readOnly, size: size).lines().last ?? ""
        #expect(!footer.contains("fix"))
    }

    @Test func filterNarrowsTheNodesAndEscapeClearsIt() {
        var state = Fixture.healthy.state(size: size)
        (state, _) = program.run(state, keys("2", "/", "1", "0", ".", "0", ".", "0", ".", "2", "enter"))
        #expect(state.filters[.nodes] == "10.0.0.2")
        #expect(state.input == nil)
        let rows = program.render(state, size: size).lines().dropFirst(2).joined(separator: "\n")
        #expect(rows.contains("10.0.0.2:6379") && !rows.contains("10.0.0.1:6379") && !rows.contains("10.0.0.3:6379"))
        state = program.update(state, .key(.escape)).0
        #expect(state.filters[.nodes] == nil)
        #expect(program.render(state, size: size).text().contains("10.0.0.3:6379"))
    }

    @Test func filterIsNotOfferedWhereNothingIsFiltered() {
        var state = Fixture.healthy.state(size: size)
        state = program.update(state, .key(.char("/"))).0
        #expect(state.input == nil)
        #expect(state.status.contains("does not apply"))
    }

    @Test func commandLineJumpsToASlotOrTheSlotOfAKey() {
        var state = Fixture.healthy.state(size: size)
        (state, _) = program.run(state, keys(":", "s", "l", "o", "t", "space", "1", "2", "3", "4", "enter"))
        #expect(state.screen == .slots && state.slotCursor == 1234)
        (state, _) = program.run(state, keys(":", "k", "e", "y", "space", "f", "o", "o", "enter"))
        #expect(state.slotCursor == 12182)  // CLUSTER KEYSLOT foo
        #expect(program.render(state, size: size).text().contains("slot 12182"))
        (state, _) = program.run(state, keys(":", "s", "l", "o", "t", "space", "9", "9", "9", "9", "9", "enter"))
        #expect(state.slotCursor == 12182 && state.status.contains("0 to 16383"))
    }

    /// `:node` selects a node on the Nodes screen by HOST:PORT, port or id prefix, clears a
    /// filter that hides it, and says so when nothing matches.
    private func typed(_ text: String) -> [InspectorMessage] {
        [.key(Key(":")!)] + text.map { .key(.char($0)) } + [.key(.enter)]
    }

    @Test func commandLineSelectsANode() throws {
        var state = Fixture.healthy.state(size: size)
        let snapshot = try #require(state.snapshot)
        let target = try #require(snapshot.nodes.last)
        (state, _) = program.run(state, typed("node \(target.address)"))
        #expect(state.screen == .nodes)
        // Shard order (the default sort): the row the Nodes screen shows at that index.
        let order = NodeRow.make(snapshot, dialed: [:], filter: "").map(\.node.address)
        #expect(state.selection[.nodes] == order.firstIndex(of: target.address))
        #expect(state.status.contains("node \(target.address)"), "\(state.status)")
        // By id prefix, past a filter that hides it.
        (state, _) = program.run(state, keys("/", "z", "z", "z", "enter"))
        #expect(state.filters[.nodes] == "zzz")
        (state, _) = program.run(state, typed("n \(target.id.description.prefix(6))"))
        #expect(state.filters[.nodes] == nil && state.status.contains("node \(target.address)"), "\(state.status)")
        // A port every node shares: the first, and how many match.
        (state, _) = program.run(state, typed("node \(target.address.port)"))
        #expect(state.selection[.nodes] == 0 && state.status.contains("\(snapshot.nodes.count) nodes match"), "\(state.status)")
        (state, _) = program.run(state, typed("node 1"))
        #expect(state.status == "no node matches 1: give a port, HOST:PORT or an id prefix")
        (state, _) = program.run(state, typed("node"))
        #expect(state.status == "node needs a port, HOST:PORT or an id prefix")
    }

    @Test func arrowsMoveTheSlotCursorByCellsAndRows() {
        var state = Fixture.healthy.state(size: size)
        state = program.update(state, .key(.char("3"))).0
        let grid = SlotGrid.forTerminal(size, readOnly: false)
        state = program.update(state, .key(.right)).0
        #expect(state.slotCursor == grid.slotsPerCell)
        state = program.update(state, .key(.down)).0
        #expect(state.slotCursor == grid.slotsPerCell + grid.slotsPerRow)
        state = program.update(state, .key(.char("G"))).0
        #expect(state.slotCursor == 16383)
        state = program.update(state, .key(.char("g"))).0
        #expect(state.slotCursor == 0)
    }

    @Test func selectionStaysWithinTheRows() {
        var state = Fixture.failover.state(size: size)
        (state, _) = program.run(state, keys("6", "down", "down", "down", "down"))
        #expect(state.selected(on: .findings) == state.findings.count - 1)
        (state, _) = program.run(state, keys("up", "g"))
        #expect(state.selected(on: .findings) == 0)
    }

    @Test func eventsAreKeptUpToTheLimit() {
        var state = Fixture.healthy.state(size: size)
        let snapshot = state.snapshot!
        let event = ClusterEvent(time: snapshot.time, kind: .currentEpochBumped, nodes: [], message: "bump")
        for _ in 0..<3 {
            state = program.update(state, .polled(PollResult(snapshot: snapshot, events: Array(repeating: event, count: 400)))).0
        }
        #expect(state.events.count == InspectorState.eventLimit)
    }

    @Test func theSlotMapAsksTheCursorSlotsOwnerForItsKeys() {
        var state = Fixture.healthy.state(size: size)
        var effects: [InspectorEffect]
        (state, effects) = program.update(state, .key(.char("3")))
        let owner = state.snapshot!.node(state.snapshot!.owner(ofSlot: 0)!)!.address
        #expect(effects == [.countKeys(slot: 0, node: owner)])
        state = program.update(state, .slotKeys(slot: 0, node: owner, keys: 42)).0
        #expect(program.render(state, size: size).text().contains("keys 42"))
        (state, effects) = program.run(state, keys(":", "s", "l", "o", "t", "space", "9", "0", "0", "0", "enter"))
        let second = state.snapshot!.node(state.snapshot!.owner(ofSlot: 9000)!)!.address
        #expect(effects == [.countKeys(slot: 9000, node: second)])
        #expect(!program.render(state, size: size).text().contains("keys 42"))
        // Other screens never ask.
        (_, effects) = program.update(state, .key(.char("2")))
        #expect(effects.isEmpty)
    }
}
