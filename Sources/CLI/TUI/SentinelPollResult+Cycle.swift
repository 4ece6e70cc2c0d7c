import ClusterModel
import Operations
import Screens

extension SentinelPollResult {
    /// What the screens need from one Sentinel poll: the snapshot and, for the Log screen,
    /// the reads sent to each sentinel and data node and how each went.
    init(_ cycle: SentinelPollCycle) {
        let snapshot = cycle.snapshot
        var entries = snapshot.sentinels.map { status in
            PollLog.Entry(address: "sentinel " + status.address.description,
                          outcome: status.failure.map { "\($0)" } ?? "replies")
        }
        let nodes = snapshot.groups.flatMap(\.dataNodes) + snapshot.unattachedNodes
        var seen: Set<NodeAddress> = []
        for node in nodes where seen.insert(node.address).inserted {
            let outcome: String
            switch node.reachability {
            case .reachable: outcome = "replies"
            case .notPolled: outcome = "not polled (named by sentinels only)"
            case .unreachable(let failure): outcome = "\(failure)"
            }
            entries.append(PollLog.Entry(address: "node " + node.address.description, outcome: outcome))
        }
        let names = snapshot.groups.map(\.name).joined(separator: ",")
        self.init(snapshot: snapshot, log: PollLog(
            time: snapshot.time, durationMilliseconds: cycle.duration.wholeMilliseconds,
            commands: ["SENTINEL MASTERS", "INFO",
                       "SENTINEL MASTER/REPLICAS/SENTINELS/GET-MASTER-ADDR-BY-NAME/CKQUORUM \(names.isEmpty ? "NAME" : names)",
                       "INFO (each data node)"],
            entries: entries))
    }
}
