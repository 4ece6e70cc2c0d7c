import ClusterModel
import Screens
import Testing
import UI

/// The Findings screen says, under each fix, whether it can be run from here.
@Suite struct FindingDetailTests {
    let program = InspectorProgram()
    let size = Size(width: 120, height: 40)

    func findingsScreen(_ state: InspectorState) -> String {
        program.render(program.update(state, .key(.char("6"))).0, size: size).lines().joined(separator: "\n")
    }

    @Test func fRepairsAnOpenSlotUnlessReadOnly() {
        let screen = findingsScreen(Fixture.openSlot.state(size: size))
        #expect(screen.contains("f shows the plan that repairs it"), "\(screen)")
        let readOnly = findingsScreen(Fixture.openSlot.state(size: size, readOnly: true))
        #expect(readOnly.contains("Read-only mode: nothing is run from here."), "\(readOnly)")
        #expect(!readOnly.contains("f shows the plan"))
    }

    @Test func aFailedFormerMasterIsForgottenFromAShell() {
        let screen = findingsScreen(Fixture.failover.state(size: size))
        #expect(screen.contains("f does not repair this one: the commands above are for a shell."), "\(screen)")
        #expect(screen.contains("CLUSTER FORGET 3c6ef372"), "\(screen)")
        // Every suggested command is one this build has.
        #expect(!screen.contains("slotscope forget"))
    }
}

/// Event kinds read like finding kinds on screen.
@Suite struct EventKindNameTests {
    @Test func camelCaseBecomesKebabCase() {
        #expect(Formatting.kebab("replicationIDChanged") == "replication-id-changed")
        #expect(Formatting.kebab("nodePossiblyFailing") == "node-possibly-failing")
        #expect(Formatting.kebab("failover") == "failover")
        #expect(Formatting.kebab("slotsMoved") == "slots-moved")
    }

    @Test func theEventsScreenShowsAndFiltersByTheReadableName() {
        let program = InspectorProgram()
        let size = Size(width: 120, height: 40)
        var state = program.update(Fixture.failover.state(size: size), .key(.char("5"))).0
        #expect(program.render(state, size: size).lines().contains { $0.contains(" current-epoch-bumped ") })
        for key in ["/"] + "epoch-bumped".map(String.init) + ["enter"] {
            state = program.update(state, .key(Key(key)!)).0
        }
        let lines = program.render(state, size: size).lines()
        #expect(lines.contains { $0.contains("cluster current epoch 3 → 4") }, "\(lines)")
        #expect(!lines.contains { $0.contains("promoted to master") }, "\(lines)")
    }
}

/// The Overview's Sentinel picture reads without Unicode too.
@Suite struct OverviewSentinelGroupsTests {
    @Test func asciiMarksDisagreementWithBangEquals() {
        let size = Size(width: 100, height: 30)
        let state = Fixture.splitBrain.state(size: size, glyphs: .ascii)
        let lines = InspectorProgram().render(state, size: size).lines()
        #expect(lines.contains("labmaster (quorum 2) != 2 masters named"), "\(lines)")
        #expect(lines.contains { $0.contains("127.0.0.1:6435 -> 127.0.0.1:6431 !=") }, "\(lines)")
        #expect(lines.contains { $0.contains("127.0.0.1:6431 master !=") }, "\(lines)")
        #expect(!lines.joined().contains("≠") && !lines.joined().contains("→"))
    }
}
