import ClusterModel

/// A replica as the sentinel that will run the failover sees it, ranked the way Sentinel
/// picks one: eligible first, then lowest `replica-priority`, then highest offset, then
/// lowest run id.
public struct SentinelCandidate: Hashable, Sendable {
    public var address: NodeAddress
    public var priority: Int64?
    public var offset: Int64?
    public var runID: String?
    /// Bytes behind the master, both offsets read by Slotscope now (the sentinel's own
    /// offsets are up to 10 s old); nil when either could not be read.
    public var lagBytes: Int64?
    /// Why Sentinel will not pick it; nil when it may.
    public var excluded: String?
}

/// A planned `SENTINEL FAILOVER`: where it goes, the master it replaces, the replica the
/// sentinels will most likely promote and why, and what can go wrong.
public struct SentinelFailoverPlan: Hashable, Sendable {
    public var masterName: String
    /// The sentinel that receives `SENTINEL FAILOVER` (it runs the failover itself).
    public var sentinel: NodeAddress
    /// The master now, as that sentinel names it.
    public var master: NodeAddress
    public var configEpoch: Int64?
    /// Every replica it knows, most likely pick first.
    public var candidates: [SentinelCandidate]
    public var notes: [String]
    public var risks: [String]

    /// The exact command.
    public var arguments: [String] { ["SENTINEL", "FAILOVER", masterName] }

    /// The replica Sentinel will most likely promote.
    public var likelyPick: SentinelCandidate? { candidates.first { $0.excluded == nil } }
}

/// Why a Sentinel failover will not be planned, as one line; nothing was sent.
public enum SentinelFailoverRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case noSentinelKnows(name: String)
    case inProgress(name: String, sentinels: [NodeAddress])
    case noEligibleReplica(name: String, reasons: [String])

    public var description: String {
        switch self {
        case .noSentinelKnows(let name):
            return "no reachable sentinel monitors \(name) (SENTINEL MASTERS lists the names they know)"
        case .inProgress(let name, let sentinels):
            return "a failover of \(name) is already in progress (flag failover_in_progress on "
                + sentinels.map(\.description).joined(separator: ", ") + "): wait for it to end, then check again"
        case .noEligibleReplica(let name, let reasons):
            return "no replica of \(name) can be promoted (" + (reasons.isEmpty ? "it has none" : reasons.joined(separator: "; "))
                + "): Sentinel would answer NOGOODSLAVE — fix the replicas first"
        }
    }
}
