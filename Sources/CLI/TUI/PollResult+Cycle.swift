import ClusterModel
import Operations
import Screens

extension PollResult {
    /// What the screens need from one poll cycle: the snapshot, its events, how nodes were
    /// dialed, and the reads that were sent (for the Log screen).
    init(_ cycle: PollCycle, commands: [String]) {
        var dialed: [NodeAddress: String] = [:]
        for (address, endpoint) in cycle.dialed { dialed[address] = endpoint.description }
        let snapshot = cycle.snapshot
        var entries = snapshot.nodes.map { node in
            PollLog.Entry(address: node.address.description, dialed: dialed[node.address],
                          outcome: Self.outcome(node.reachability, replies: commands.count))
        }
        entries += snapshot.unidentified.map {
            PollLog.Entry(address: $0.address.description, outcome: Self.outcome($0.reachability, replies: commands.count))
        }
        entries.sort { $0.address < $1.address }
        let milliseconds = cycle.duration.wholeMilliseconds
        self.init(snapshot: snapshot, events: cycle.events, dialed: dialed,
                  log: PollLog(time: snapshot.time, durationMilliseconds: milliseconds, commands: commands,
                               entries: entries))
    }

    private static func outcome(_ reachability: Reachability, replies: Int) -> String {
        switch reachability {
        case .reachable: return "\(replies) replies"
        case .notPolled: return "not polled (only heard of)"
        case .unreachable(let failure): return "\(failure)"
        }
    }
}
