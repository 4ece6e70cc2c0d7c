import ClusterModel
import RESP

/// Snapshots of a `SyntheticCluster` with each observer's CLUSTER NODES lines edited: broken
/// states (open slots, lost slots, ghosts) for tests that need no servers.
public enum SyntheticSnapshots {
    /// The polls of `cluster` at `time`, observer `i`'s CLUSTER NODES lines passed through
    /// `edit(i, line)` (return "" to drop a line), the nodes in `timingOut` failing with a timeout.
    public static func build(_ cluster: SyntheticCluster, at time: Timestamp, timingOut: Set<Int> = [],
                             edit: (Int, String) -> String = { $1 }) -> ClusterSnapshot {
        let polls = cluster.polls(at: time).enumerated().map { index, poll -> NodePoll in
            guard case .replied(var replies) = poll.outcome else { return poll }
            if timingOut.contains(index) {
                return NodePoll(address: poll.address, time: time, outcome: .failed(.timeout))
            }
            let text = cluster.clusterNodes(observer: index, now: time.milliseconds)
                .split(separator: "\n").map { edit(index, String($0)) }.filter { !$0.isEmpty }
                .joined(separator: "\n") + "\n"
            replies.clusterNodes = .bulkString(Array(text.utf8))
            return NodePoll(address: poll.address, time: time, outcome: .replied(replies))
        }
        return ClusterSnapshot.build(from: polls, at: time)
    }
}
