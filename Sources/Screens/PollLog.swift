import ClusterModel

/// What Slotscope sent to the cluster in its last poll, for the Log screen. The inspector
/// only reads, so this is the list of reads: which commands, to which node, and how it went.
public struct PollLog: Sendable, Hashable {
    /// One node asked in the poll.
    public struct Entry: Sendable, Hashable {
        /// The announced address ("10.0.0.1:6379").
        public var address: String
        /// The endpoint actually dialed when it differs (address map, seed name).
        public var dialed: String?
        /// "5 replies", "timed out", "not polled (--single-endpoint)"…
        public var outcome: String

        public init(address: String, dialed: String? = nil, outcome: String) {
            self.address = address
            self.dialed = dialed
            self.outcome = outcome
        }
    }

    /// When the poll finished.
    public var time: Timestamp
    /// How long the whole poll took, network included, in milliseconds.
    public var durationMilliseconds: Int64
    /// The commands pipelined to every node ("CLUSTER NODES", "INFO"…).
    public var commands: [String]
    public var entries: [Entry]

    public init(time: Timestamp, durationMilliseconds: Int64, commands: [String], entries: [Entry]) {
        self.time = time
        self.durationMilliseconds = durationMilliseconds
        self.commands = commands
        self.entries = entries
    }
}
