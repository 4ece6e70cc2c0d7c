import ClusterModel
import Screens
import Testing
import TestSupport
import UI

/// The Overview's slot strip and shard lines beyond the fixed snapshots: a cluster with more
/// shards than rows, and slots no master serves.
@Suite struct OverviewShardsTests {
    let program = InspectorProgram()

    func overview(_ snapshot: ClusterSnapshot, size: Size) -> [String] {
        var state = InspectorState(target: "10.0.0.1:6379", readOnly: false, glyphs: .unicode, size: size, now: Fixture.now)
        state = program.update(state, .polled(PollResult(snapshot: snapshot))).0
        return program.render(state, size: size).lines()
    }

    @Test func moreShardsThanRowsPointToTheNodesScreen() throws {
        let snapshot = SyntheticSnapshots.build(SyntheticCluster(masters: 100, replicasPerMaster: 1), at: Fixture.time)
        let lines = overview(snapshot, size: Size(width: 120, height: 40))
        let heading = try #require(lines.firstIndex { $0.hasPrefix("Slots (") })
        #expect(lines[heading].contains("and shards (100)"), "\(lines[heading])")
        // The strip names the first shard first and the last one last.
        let strip = lines[heading + 1].trimmingCharacters(in: .whitespaces)
        #expect(strip.first == "A" && strip.count == 118, "\(strip)")
        // Addresses are padded to the widest shown (10.0.0.100:6379).
        #expect(lines[heading + 2].hasPrefix("  A  10.0.0.1:6379   163 slots"), "\(lines[heading + 2])")
        let more = try #require(lines.first { $0.contains("more on 2 Nodes") })
        let shown = lines.filter { $0.contains(" slots · ") }.count
        #expect(more.hasPrefix("  … and \(100 - shown) more on 2 Nodes"), "\(more)")
        #expect(shown >= 20)
    }

    @Test func unservedSlotsAreMarkedInTheStrip() throws {
        // Master 0 is gone from every view: its slots 0-5460 have no owner.
        let healthy = SyntheticCluster(masters: 3, replicasPerMaster: 0)
        let gone = healthy.id(0).description
        let snapshot = SyntheticSnapshots.build(healthy, at: Fixture.time, timingOut: [0]) { _, line in
            line.hasPrefix(gone) ? line.replacingOccurrences(of: " 0-5460", with: "") : line
        }
        let lines = overview(snapshot, size: Size(width: 80, height: 24))
        let heading = try #require(lines.firstIndex { $0.hasPrefix("Slots (") })
        let strip = lines[heading + 1].trimmingCharacters(in: .whitespaces)
        #expect(strip.hasPrefix("??????????"), "\(strip)")
        #expect(strip.hasSuffix("CCCCCCCCCC") || strip.hasSuffix("BBBBBBBBBB"), "\(strip)")
    }
}
