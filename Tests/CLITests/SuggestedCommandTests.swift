import ClusterModel
import Testing
import TestSupport
@testable import CLI

/// Every `slotscope …` command a finding suggests must be one this build parses: a fix that
/// names a missing subcommand or flag sends an operator at 3 a.m. into a usage error.
@Suite struct SuggestedCommandTests {
    static let time = Timestamp(milliseconds: 1_700_000_000_000)
    static let cluster = SyntheticCluster(masters: 3, replicasPerMaster: 1)

    /// Broken states built from CLUSTER NODES lines, by name.
    static var states: [(String, ClusterSnapshot)] {
        let from = cluster.id(0).description, to = cluster.id(1).description
        let ghost = String(repeating: "ab", count: 20)
        return [
            ("open slot", SyntheticSnapshots.build(cluster, at: time) { observer, line in
                if observer == 0 && line.hasPrefix(from) { return line + " [100->-\(to)]" }
                if observer == 1 && line.hasPrefix(to) { return line + " [100-<-\(from)]" }
                return line
            }),
            ("importing only", SyntheticSnapshots.build(cluster, at: time) { observer, line in
                observer == 1 && line.hasPrefix(to) ? line + " [100-<-\(from)]" : line
            }),
            ("migrating only", SyntheticSnapshots.build(cluster, at: time) { observer, line in
                observer == 0 && line.hasPrefix(from) ? line + " [100->-\(to)]" : line
            }),
            ("unassigned", SyntheticSnapshots.build(cluster, at: time) { _, line in
                line.hasPrefix(from) ? line.replacingOccurrences(of: " 0-5460", with: "") : line
            }),
            ("ghost", SyntheticSnapshots.build(cluster, at: time) { _, line in
                line.contains("myself") ? line + "\n\(ghost) :0@0 master,fail,noaddr - 1 1 0 disconnected" : line
            }),
            ("failed over", SyntheticSnapshots.build(SyntheticCluster(masters: 3, replicasPerMaster: 1, failedOver: [1]),
                                                     at: time)),
            ("unreachable replica", SyntheticSnapshots.build(cluster, at: time, timingOut: [4])),
        ]
    }

    @Test func everySuggestedSlotscopeCommandParses() throws {
        var checked = 0
        var kinds: Set<FindingKind> = []
        for (name, snapshot) in Self.states {
            for finding in findings(snapshot) {
                for command in finding.fix?.commands ?? [] where command.hasPrefix("slotscope ") {
                    let arguments = command.split(separator: " ").dropFirst().map(String.init)
                    #expect(throws: Never.self, "\(name): \(finding.kind.rawValue): \(command)") {
                        _ = try SlotscopeCommand.parseQuickly(arguments)
                    }
                    checked += 1
                    kinds.insert(finding.kind)
                }
            }
        }
        // The states above must really produce the findings that suggest slotscope commands.
        #expect(kinds.isSuperset(of: [.openSlotHalfMigrated, .openSlotImportingOnly, .openSlotMigratingOnly,
                                      .unassignedSlots, .ghostNode]), "\(kinds)")
        #expect(checked >= 5)
    }
}
