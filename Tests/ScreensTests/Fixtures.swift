import ClusterModel
import RESP
import Screens
import TestSupport
import UI

/// Fixed cluster pictures for the screen snapshots: every timestamp is fixed, so the
/// rendered text never changes between runs.
enum Fixture: String, CaseIterable, Sendable, CustomStringConvertible {
    case healthy
    case openSlot = "open-slot"
    case failover
    case unreachable
    /// A Sentinel group in split brain (`SentinelFixture`).
    case splitBrain = "split-brain"

    var description: String { rawValue }

    /// When the scenario's poll finished (2023-11-14 22:13:20 UTC).
    static let time = Timestamp(milliseconds: 1_700_000_000_000)
    /// "Now" on screen: two seconds after the poll.
    static let now = Timestamp(milliseconds: 1_700_000_002_000)
    static let commands = ["CLUSTER NODES", "CLUSTER INFO", "CLUSTER SLOTS", "INFO", "CLUSTER SHARDS"]

    /// The snapshot before the scenario (a healthy cluster five seconds earlier) and the
    /// scenario's own: their diff is the Events screen.
    var snapshots: (before: ClusterSnapshot, after: ClusterSnapshot) {
        let healthy = SyntheticCluster(masters: 3, replicasPerMaster: 1)
        let before = SyntheticSnapshots.build(healthy, at: Timestamp(milliseconds: Self.time.milliseconds - 5000))
        switch self {
        case .healthy:
            return (before, SyntheticSnapshots.build(healthy, at: Self.time))
        case .openSlot:
            // Master 0 migrates slot 100 to master 1, which imports it.
            let from = healthy.id(0).description, to = healthy.id(1).description
            return (before, SyntheticSnapshots.build(healthy, at: Self.time) { observer, line in
                if observer == 0 && line.hasPrefix(from) { return line + " [100->-\(to)]" }
                if observer == 1 && line.hasPrefix(to) { return line + " [100-<-\(from)]" }
                return line
            })
        case .failover:
            // Master 1 died (`fail`, times out); its replica took over its slots.
            return (before, SyntheticSnapshots.build(SyntheticCluster(masters: 3, replicasPerMaster: 1, failedOver: [1]), at: Self.time))
        case .splitBrain:
            // Not a cluster: `state` builds it from `SentinelFixture`.
            return (before, SyntheticSnapshots.build(healthy, at: Self.time))
        case .unreachable:
            // Replica 4 stopped answering; two masters already flag it `fail?`.
            let lost = healthy.id(4).description
            return (before, SyntheticSnapshots.build(healthy, at: Self.time, timingOut: [4]) { observer, line in
                guard observer < 2, line.hasPrefix(lost) else { return line }
                return line.replacingOccurrences(of: " slave ", with: " slave,fail? ")
            })
        }
    }

    /// The inspector's state after this scenario's poll, at `size`.
    func state(size: Size, readOnly: Bool = false, glyphs: Glyphs = .unicode) -> InspectorState {
        if self == .splitBrain { return SentinelFixture.state(size: size, readOnly: readOnly, glyphs: glyphs) }
        let (before, after) = snapshots
        var state = InspectorState(target: "10.0.0.1:6379", readOnly: readOnly, glyphs: glyphs, size: size,
                                   now: Self.now)
        let program = InspectorProgram()
        state = program.update(state, .polled(PollResult(snapshot: before))).0
        let log = PollLog(time: after.time, durationMilliseconds: 4, commands: Self.commands, entries: after.nodes.map {
            PollLog.Entry(address: $0.address.description,
                          outcome: $0.reachability.isReachable ? "\(Self.commands.count) replies"
                              : Formatting.reachability($0.reachability))
        })
        state = program.update(state, .polled(PollResult(snapshot: after, events: diff(before, after), log: log))).0
        return program.update(state, .tick(Self.now)).0
    }
}
