/// How `CLUSTER FAILOVER` promotes a replica (see `redis-facts.md`, "Failover in a cluster").
public enum FailoverMode: String, Hashable, Sendable, Codable, CaseIterable {
    /// Coordinated with the master: it pauses its clients until the replica has caught up,
    /// then the masters vote. No acknowledged write is lost; the master must answer.
    case coordinated = "default"
    /// No handshake with the master (for a dead one); the masters still vote.
    case force = "FORCE"
    /// No handshake and no vote: the replica bumps the epoch on its own.
    case takeover = "TAKEOVER"

    /// The command sent to the replica.
    public var arguments: [String] {
        switch self {
        case .coordinated: return ["CLUSTER", "FAILOVER"]
        case .force: return ["CLUSTER", "FAILOVER", "FORCE"]
        case .takeover: return ["CLUSTER", "FAILOVER", "TAKEOVER"]
        }
    }

    /// Whether a majority of the masters serving slots must vote for the promotion.
    public var needsMajority: Bool { self != .takeover }

    /// Whether the replica's master takes part (and so must answer).
    public var needsMaster: Bool { self == .coordinated }

    /// What this mode risks, one sentence each, for the plan.
    public var risks: [String] {
        switch self {
        case .coordinated:
            return ["The master pauses its clients (up to 5 s) while the replica catches up; "
                    + "if it does not within that time the failover is abandoned and nothing changes."]
        case .force:
            return ["FORCE: no handshake with the master — writes it accepted that the replica has not received yet are lost.",
                    "If the master is alive and keeps its clients, they write to it until it learns of the new master "
                    + "(then it becomes a replica and drops those writes)."]
        case .takeover:
            return ["TAKEOVER: no handshake with the master — writes the replica has not received yet are lost.",
                    "TAKEOVER: no agreement of the other masters — the replica bumps the config epoch on its own, "
                    + "so an epoch collision is possible: if another node claims the same epoch at the same time, "
                    + "(a concurrent failover, a partitioned master), only one claim to the slots survives and writes taken by the "
                    + "other side are lost. Use it only when most masters are gone."]
        }
    }
}
