import ClusterModel
import Screens
import Testing
import TestSupport
import UI

/// The TUI's action flow without a terminal or a cluster: `f` → planning → the plan panel →
/// typed confirmation (a wrong word is refused) → progress with abort → verdict, and the
/// panels as text at 80×24 and 120×40.
@Suite struct ActionFlowTests {
    let program = InspectorProgram()

    /// A fix plan as the runtime summarises it (the shape of `PlanText`).
    static let plan = ActionPlanSummary(
        kind: .fix,
        headline: "Plan: fix — 4 step(s) on 3 node(s), touching slot 100, 30 key(s) to move",
        lines: [
            "Nodes: 10.0.0.1:6379 (11111111), 10.0.0.2:6379 (22222222), 10.0.0.3:6379 (33333333)",
            "  1. 10.0.0.1:6379 CLUSTER GETKEYSINSLOT 100 100",
            "     10.0.0.1:6379 MIGRATE 10.0.0.2 6379 \"\" 0 1000 KEYS <those keys>   # repeat both until no key is left",
            "     why: Slot 100 was left half-way from 10.0.0.1:6379 to 10.0.0.2:6379: finish the move.",
            "  2. 10.0.0.2:6379 CLUSTER SETSLOT 100 NODE 2222222222222222222222222222222222222222",
            "     why: Assign slot 100 to 10.0.0.2:6379 on the target first, so it serves the slot before the source lets go.",
            "  3. 10.0.0.1:6379 CLUSTER SETSLOT 100 NODE 2222222222222222222222222222222222222222",
            "     why: Then on the source 10.0.0.1:6379, which stops redirecting with ASK.",
            "  4. 10.0.0.3:6379 CLUSTER SETSLOT 100 NODE 2222222222222222222222222222222222222222",
            "     why: Tell 10.0.0.3:6379 now rather than through gossip.",
            "Risks:",
            "  - While keys move, clients get ASK redirects for moved keys and TRYAGAIN for multi-key commands.",
            "  - A key that exists on both sides with a different value stops the move and is not overwritten.",
        ],
        confirmation: "1", confirmationMeaning: "the number of slots this plan touches")

    static let progress = ActionProgressSummary(step: 0, steps: 4, slot: 100, slotsDone: 0, slotsTotal: 1, keysMoved: 12,
                                                keysTotal: 30, keysPerSecond: 6)

    private func type(_ text: String, into state: InspectorState) -> InspectorState {
        text.reduce(state) { program.update($0, .key(.char($1))).0 }
    }

    /// The open-slot fixture with the fix plan on screen, waiting for the confirmation.
    private func confirming(size: Size) -> InspectorState {
        var state = Fixture.openSlot.state(size: size)
        state = program.update(state, .key(.char("f"))).0
        return program.update(state, .action(.planned(Self.plan))).0
    }

    @Test func fixPlansThenRunsOnlyAfterTheTypedSlotCount() {
        var state = Fixture.openSlot.state(size: Size(width: 80, height: 24))
        var effects: [InspectorEffect]
        (state, effects) = program.update(state, .key(.char("f")))
        #expect(effects == [.action(.plan(.fix, selected: nil))])
        #expect(state.action?.phase == .planning)
        (state, effects) = program.update(state, .action(.planned(Self.plan)))
        #expect(state.action?.phase == .confirming(Self.plan) && effects.isEmpty)

        // A single key press never runs it, and a wrong word is refused.
        (state, effects) = program.update(state, .key(.enter))
        #expect(effects.isEmpty && state.status.hasPrefix("not confirmed: nothing typed"))
        state = type("7", into: state)
        (state, effects) = program.update(state, .key(.enter))
        #expect(effects.isEmpty)
        #expect(state.status.hasPrefix("not confirmed: typed \"7\"; type 1"))
        #expect(state.action?.typed == "" && state.action?.phase == .confirming(Self.plan))

        state = type("1", into: state)
        #expect(program.render(state, size: state.size).lines().last?.hasPrefix("confirm fix (type 1): 1") == true)
        (state, effects) = program.update(state, .key(.enter))
        #expect(effects == [.action(.run(.fix))])
        #expect(state.action?.isRunning == true)
    }

    @Test func failoverPlansOnTheReplicaSelectedOnNodes() throws {
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40))
        state = program.update(state, .key(.char(InspectorScreen.nodes.numberKey))).0
        state = program.update(state, .key(.down)).0
        let rows = NodeRow.make(try #require(state.snapshot), dialed: [:], filter: "")
        let selected = rows[state.selected(on: .nodes)].node
        #expect(selected.isReplica)
        #expect(program.update(state, .key(.char("F"))).1 == [.action(.plan(.failover, selected: selected.id))])
        // Elsewhere nothing is selected: the runtime answers that a replica must be chosen.
        state = program.update(state, .key(.char(InspectorScreen.overview.numberKey))).0
        #expect(program.update(state, .key(.char("F"))).1 == [.action(.plan(.failover, selected: nil))])
    }

    @Test func reshardAsksHowManySlotsForTheSelectedMaster() throws {
        var state = Fixture.healthy.state(size: Size(width: 80, height: 24))
        var effects: [InspectorEffect]
        (state, effects) = program.update(state, .key(.char("R")))
        #expect(effects.isEmpty && state.action == nil)
        #expect(state.status.hasPrefix("reshard: on the Nodes screen, select the master"))
        state = program.update(state, .key(.char(InspectorScreen.nodes.numberKey))).0
        let master = NodeRow.make(try #require(state.snapshot), dialed: [:], filter: "")[0].node
        (state, effects) = program.update(state, .key(.char("R")))
        #expect(effects.isEmpty)
        #expect(state.action?.phase == .askingSlots(target: master.id, targetName: "\(master.address) (\(master.id.short))"))
        assertSnapshot(program.render(state, size: state.size).text(), named: "action-reshard-form-80x24")
        for key: Character in ["x", "1", "0", "0"] { state = program.update(state, .key(.char(key))).0 }
        #expect(state.action?.typed == "100")
        (state, effects) = program.update(state, .key(.enter))
        #expect(effects == [.action(.plan(.reshard, selected: master.id, slots: 100))])
        #expect(state.action?.phase == .planning)
    }

    @Test func escapeCancelsBeforeAnythingIsSent() {
        var (state, effects) = program.update(confirming(size: Size(width: 80, height: 24)), .key(.escape))
        #expect(state.action == nil && effects == [.action(.discard)])
        #expect(state.status == "fix cancelled: nothing was sent")
        state = program.update(Fixture.openSlot.state(size: Size(width: 80, height: 24)), .key(.char("f"))).0
        (state, effects) = program.update(state, .key(.escape))
        #expect(state.action == nil && effects == [.action(.discard)])
        // A plan arriving after the cancel is ignored.
        #expect(program.update(state, .action(.planned(Self.plan))).0.action == nil)
    }

    @Test func runningShowsProgressAbortsOnceAndRefusesQuit() {
        var state = type("1", into: confirming(size: Size(width: 80, height: 24)))
        state = program.update(state, .key(.enter)).0
        state = program.update(state, .action(.progress(Self.progress))).0
        #expect(state.action?.phase == .running(Self.plan, Self.progress))
        var effects: [InspectorEffect]
        (state, effects) = program.update(state, .key(.char("q")))
        #expect(effects.isEmpty && state.status == "fix is running: a aborts it after the step in flight")
        (state, effects) = program.update(state, .key(.char("a")))
        #expect(effects == [.action(.abort)] && state.action?.abortRequested == true)
        (state, effects) = program.update(state, .key(.char("a")))
        #expect(effects.isEmpty)
        let text = program.render(state, size: state.size).text()
        #expect(text.contains("Stopping after the step in flight"))
    }

    @Test func escapeWhileRunningShowsTheScreensWithProgressInTheFooter() {
        var state = type("1", into: confirming(size: Size(width: 80, height: 24)))
        state = program.update(state, .key(.enter)).0
        state = program.update(state, .action(.progress(Self.progress))).0
        state = program.update(state, .key(.escape)).0
        #expect(state.action?.hidden == true)
        state = program.update(state, .key(.char(InspectorScreen.events.numberKey))).0
        #expect(state.screen == .events)
        let footer = program.render(state, size: state.size).lines().last ?? ""
        #expect(footer.contains("fix running: step 1/4 · keys 12/30 · ETA 3s"), "\(footer)")
        #expect(footer.hasPrefix("f panel  a abort"), "\(footer)")
        // Quitting is still refused; a still aborts; f brings the panel back.
        #expect(program.update(state, .key(.char("q"))).1.isEmpty)
        state = program.update(state, .key(.char("f"))).0
        #expect(state.action?.hidden == false)
        state = program.update(state, .key(.escape)).0
        #expect(program.update(state, .key(.char("a"))).1 == [.action(.abort)])
        // The verdict always shows.
        state = program.update(state, .action(.ran(lines: ["Ran 4 step(s)."]))).0
        state = program.update(state, .action(.verified(ActionVerdict(repaired: true, lines: ["Verified."])))).0
        #expect(state.action?.hidden == false)
    }

    @Test func theVerdictEndsTheRunAndRefreshes() {
        var state = type("1", into: confirming(size: Size(width: 80, height: 24)))
        state = program.update(state, .key(.enter)).0
        state = program.update(state, .action(.ran(lines: ["Ran 4 step(s), moved 30 key(s) in 0.02 s."]))).0
        #expect(state.action?.phase == .verifying(Self.plan, outcome: ["Ran 4 step(s), moved 30 key(s) in 0.02 s."]))
        var effects: [InspectorEffect]
        let verdict = ActionVerdict(repaired: true, lines: ["Verified: the finding is gone."])
        (state, effects) = program.update(state, .action(.verified(verdict)))
        #expect(effects == [.refreshNow])
        #expect(state.status == "fix: done and verified")
        (state, effects) = program.update(state, .key(.escape))
        #expect(state.action == nil && effects.isEmpty)
    }

    @Test func noPlanSaysWhyAndCloses() {
        var state = program.update(Fixture.healthy.state(size: Size(width: 80, height: 24)), .key(.char("f"))).0
        state = program.update(state, .action(.notPlanned(title: "nothing to fix", lines: ["A fresh poll shows no problem."]))).0
        let text = program.render(state, size: state.size).text()
        #expect(text.contains("nothing to fix") && text.contains("A fresh poll shows no problem."))
        #expect(program.update(state, .key(.escape)).0.action == nil)
    }

    @Test func readOnlyRefusesActionsAndHidesDrills() {
        var state = Fixture.openSlot.state(size: Size(width: 80, height: 24), readOnly: true)
        state.drills = DemoDrill.cluster
        for key: Character in ["f", "R", "F", "K", "S", "O", "U"] {
            let (next, effects) = program.update(state, .key(.char(key)))
            #expect(effects.isEmpty && next.action == nil, "\(key)")
            #expect(next.status.hasSuffix("is disabled: read-only mode"), "\(key): \(next.status)")
        }
        let help = program.update(state, .key(.char("?"))).0
        let text = program.render(help, size: help.size).text()
        #expect(!text.contains("drill") && !text.contains("fix"))
    }

    @Test func demoDrillsAreBoundOnlyInTheDemo() {
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40))
        #expect(program.update(state, .key(.char("K"))).1.isEmpty)
        state.drills = DemoDrill.cluster
        for drill in DemoDrill.cluster {
            #expect(program.update(state, .key(.char(drill.key))).1 == [.action(.drill(drill))])
        }
        state = program.update(state, .action(.note("opened slot 0; press f to fix it"))).0
        #expect(state.status == "opened slot 0; press f to fix it")
        let help = program.update(state, .key(.char("?"))).0
        assertSnapshot(program.render(help, size: help.size).text(), named: "demo-help-120x40")
    }

    @Test func commandsSentShowOnTheLogScreen() {
        var state = Fixture.openSlot.state(size: Size(width: 80, height: 24))
        state = program.update(state, .action(.commandsSent([
            "15:51:53.002Z 10.0.0.1:6379 MIGRATE 10.0.0.2 6379 \"\" 0 1000 KEYS <30 key(s)> -> OK",
            "15:51:53.007Z 10.0.0.2:6379 CLUSTER SETSLOT 100 NODE 2222222222222222222222222222222222222222 -> OK",
        ]))).0
        state.screen = .log
        let text = program.render(state, size: state.size).text()
        #expect(text.contains("Changes sent this session (2 command(s)"))
        #expect(text.contains("10.0.0.2:6379 OK ← CLUSTER SETSLOT 100 NODE"))
        #expect(!text.contains("No changes sent"))
        assertSnapshot(text, named: "action-log-80x24")
    }

    @Test func etaAndFraction() {
        #expect(Self.progress.etaSeconds == 3)
        #expect(Self.progress.fraction == 0.4)
        #expect(ActionProgressSummary(step: 2, steps: 4).fraction == 0.5)
        #expect(ActionProgressSummary(step: 2, steps: 4).etaSeconds == nil)
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func panels(size: Size) {
        let name = "\(size.width)x\(size.height)"
        var state = confirming(size: size)
        assertSnapshot(program.render(state, size: size).text(), named: "action-confirm-\(name)")
        state = type("1", into: state)
        state = program.update(state, .key(.enter)).0
        state = program.update(state, .action(.progress(Self.progress))).0
        assertSnapshot(program.render(state, size: size).text(), named: "action-progress-\(name)")
        state = program.update(state, .action(.ran(lines: ["Ran 4 step(s), moved 30 key(s) in 0.02 s."]))).0
        state = program.update(state, .action(.verified(ActionVerdict(
            repaired: false, lines: ["Still wrong after fix:", "  - slot 100 is open: migrating on 10.0.0.1:6379"])))).0
        assertSnapshot(program.render(state, size: size).text(), named: "action-verdict-\(name)")
    }

    @Test func longPlansScroll() {
        var state = confirming(size: Size(width: 80, height: 24))
        let first = program.render(state, size: state.size).text()
        #expect(first.contains("more line(s)"))
        for _ in 0..<30 { state = program.update(state, .key(.down)).0 }
        let scrolled = program.render(state, size: state.size).text()
        #expect(scrolled.contains("not overwritten") && !scrolled.contains("Nodes: 10.0.0.1"))
        #expect(scrolled.contains("Type 1 (the number of slots this plan touches)"))
    }
}
