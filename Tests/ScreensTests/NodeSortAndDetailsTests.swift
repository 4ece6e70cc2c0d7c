import ClusterModel
import Screens
import Testing
import UI

/// `s` on Nodes and `enter` on the list screens, and the Sentinel opinion table's marks.
@Suite struct NodeSortAndDetailsTests {
    let program = InspectorProgram()
    let size = Size(width: 120, height: 40)

    /// The address column of the Nodes table, top to bottom.
    func addresses(_ state: InspectorState) -> [String] {
        program.render(state, size: size).lines().dropFirst(2).compactMap { line in
            line.split(separator: " ").first { $0.contains(":6379") }.map(String.init)
        }
    }

    @Test func sortCyclesTheNodesOrder() {
        var state = Fixture.healthy.state(size: size)
        state = program.update(state, .key(.char("2"))).0
        let byShard = addresses(state)
        #expect(byShard.count == 6)
        state = program.update(state, .key(.char("s"))).0
        #expect(state.nodeSort == .address && state.status == "nodes sorted by address")
        #expect(addresses(state) == byShard.sorted { NodeAddress(parsing: $0)! < NodeAddress(parsing: $1)! })
        for _ in 1..<NodeSort.allCases.count { state = program.update(state, .key(.char("s"))).0 }
        #expect(state.nodeSort == .shard && addresses(state) == byShard)
        // The help lists both, from the same declarations.
        let help = program.render(program.update(state, .key(.char("?"))).0, size: size).text()
        #expect(help.contains("sort (address next)") && help.contains("details"))
        // Not offered where there is nothing to sort.
        state = program.update(state, .key(.char("1"))).0
        #expect(program.update(state, .key(.char("s"))).0.status.contains("does not apply"))
    }

    @Test func enterOpensDetailsOfTheSelectedRowAndEscapeClosesThem() {
        var state = Fixture.failover.state(size: size)
        (state, _) = program.run(state, [.key(.char("2")), .key(.down), .key(.enter)])
        #expect(state.showDetails)
        let selected = NodeRow.make(state.snapshot!, dialed: [:], filter: "")[1].node
        var text = program.render(state, size: size).text()
        #expect(text.contains("Details (esc closes)") && text.contains(selected.id.description))
        #expect(text.contains("config epoch"))
        state = program.update(state, .key(.escape)).0
        #expect(!state.showDetails)
        (state, _) = program.run(state, [.key(.char("5")), .key(.enter)])
        text = program.render(state, size: size).text()
        #expect(text.contains("Details") && text.contains(Formatting.kebab(state.events.last!.kind.rawValue)))
        (state, _) = program.run(state, [.key(.char("6"))])
        #expect(!state.showDetails, "switching screens closes the panel")
        #expect(program.update(state, .key(.char("4"))).0.screen == .replication)
        let replication = program.update(state, .key(.char("4"))).0
        #expect(program.update(replication, .key(.enter)).0.status.contains("does not apply"))
    }

    @Test func sentinelDisagreementIsMarkedWithoutColour() {
        var state = Fixture.splitBrain.state(size: Size(width: 80, height: 24), glyphs: .ascii)
        state.screen = .replication
        let lines = program.render(state, size: state.size).lines()
        let master = lines.first { $0.contains("says master") } ?? ""
        #expect(master.hasPrefix("!=") && master.contains("!= 127.0.0.1:6431"), "\(master)")
        #expect(master.components(separatedBy: "!=").count == 3, "only the minority value is singled out")
        let quorum = lines.first { $0.contains("quorum ") } ?? ""
        #expect(!quorum.contains("!="), "agreeing fields are not marked")
        #expect(lines[1].contains("2 MASTERS NAMED"))
        #expect(lines.joined().allSatisfy { $0.isASCII })
    }
}
