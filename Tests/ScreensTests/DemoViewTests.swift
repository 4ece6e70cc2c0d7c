import ClusterModel
import Screens
import Testing
import TestSupport
import UI

/// The demo's two views without a terminal: `v` asks the runtime for the other view (only
/// when there is one), the Sentinel group's view binds its own drills to K and S, and the
/// cluster actions are not offered on a Sentinel group.
@Suite struct DemoViewTests {
    let program = InspectorProgram()

    private func footer(_ state: InspectorState) -> String {
        program.render(state, size: state.size).text().split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func viewKeyIsBoundOnlyInTheDemo() {
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40))
        var (next, effects) = program.update(state, .key(.char(InspectorKeyMap.switchViewKey)))
        #expect(effects.isEmpty && next.status == "v: no such key (? for help)")
        #expect(!footer(state).contains("view"))

        state.otherView = "sentinel group"
        state.showHelp = true
        (next, effects) = program.update(state, .key(.char("v")))
        #expect(effects == [.switchView])
        #expect(!next.showHelp, "the other view opens on its screen, not on help")
        #expect(footer(next).contains("v sentinel group view"))
    }

    @Test func readOnlyDemoStillSwitchesViews() {
        var state = Fixture.healthy.state(size: Size(width: 120, height: 40), readOnly: true)
        state.otherView = "sentinel group"
        #expect(program.update(state, .key(.char("v"))).1 == [.switchView])
    }

    @Test func sentinelViewHasItsDrillsAndNoClusterActions() {
        var state = SentinelFixture.state(size: Size(width: 120, height: 40))
        state.drills = DemoDrill.sentinel
        state.otherView = "cluster"
        #expect(program.update(state, .key(.char("K"))).1 == [.action(.drill(.killGroupMaster))])
        #expect(program.update(state, .key(.char("S"))).1 == [.action(.drill(.stopSentinel))])
        #expect(program.update(state, .key(.char("O"))).1.isEmpty, "the cluster's drills are not bound here")
        for key: Character in ["f", "R", "F"] {
            let (next, effects) = program.update(state, .key(.char(key)))
            #expect(effects.isEmpty && next.action == nil, "\(key)")
            #expect(next.status.contains("works on a cluster, not on Sentinel groups"), "\(key): \(next.status)")
        }
        let line = footer(state)
        #expect(line.contains("v cluster view") && line.contains("K drill: kill the group's master"), "\(line)")
        #expect(!line.contains("f fix"))
        let help = program.update(state, .key(.char("?"))).0
        assertSnapshot(program.render(help, size: help.size).text(), named: "demo-sentinel-help-120x40")
    }

    @Test func eachViewHasItsOwnDrillKeys() {
        #expect(Set(DemoDrill.cluster.map(\.key)).count == DemoDrill.cluster.count)
        #expect(Set(DemoDrill.sentinel.map(\.key)).count == DemoDrill.sentinel.count)
        #expect(!DemoDrill.cluster.map(\.key).contains(InspectorKeyMap.switchViewKey))
    }
}
