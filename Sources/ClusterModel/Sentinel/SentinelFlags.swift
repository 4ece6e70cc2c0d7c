/// The comma list in a Sentinel `flags` field (`master,s_down,o_down,…`).
/// Every word is kept, known or not, so a newer server's flag is shown, not lost.
public struct SentinelFlags: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every word, in server order.
    public var words: [String]

    public init(words: [String]) { self.words = words }

    public init(parsing text: String) {
        words = text.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
    }

    /// Words this version of Slotscope gives a meaning to.
    public static let known: Set<String> = [
        "master", "slave", "sentinel", "s_down", "o_down", "disconnected", "master_down",
        "failover_in_progress", "promoted", "reconf_sent", "reconf_inprog", "reconf_done",
        "force_failover", "script_kill_sent",
    ]

    public func contains(_ word: String) -> Bool { words.contains(word) }

    public var isMaster: Bool { contains("master") }
    public var isReplica: Bool { contains("slave") }
    public var isSentinel: Bool { contains("sentinel") }
    /// This sentinel alone thinks the instance is down.
    public var subjectivelyDown: Bool { contains("s_down") }
    /// Enough sentinels agree the master is down (quorum reached).
    public var objectivelyDown: Bool { contains("o_down") }
    public var disconnected: Bool { contains("disconnected") }
    public var failoverInProgress: Bool { contains("failover_in_progress") }
    /// Words not in `known`.
    public var unknownWords: [String] { words.filter { !Self.known.contains($0) } }

    public var description: String { words.joined(separator: ",") }
}
