extension SentinelEvent {
    /// Parses one event from its channel (the type) and payload. Never fails:
    /// a payload in a shape this version does not know keeps its text in `extra`.
    public init(type: SentinelEventType, parsing payload: String) {
        self.init(type: type, payload: payload)
        var words = payload.split(separator: " ", omittingEmptySubsequences: true)[...]

        switch type {
        case .newEpoch:
            if words.count == 1, let epoch = Int64(words[words.startIndex]) { self.epoch = epoch; return }
        case .voteForLeader:
            if words.count == 2, let epoch = Int64(words[words.startIndex + 1]) {
                leaderRunID = String(words[words.startIndex])
                self.epoch = epoch
                return
            }
        case .switchMaster:
            if words.count == 5, let from = Self.address(words[words.startIndex + 1], words[words.startIndex + 2]),
               let to = Self.address(words[words.startIndex + 3], words[words.startIndex + 4]) {
                masterName = String(words[words.startIndex])
                masterAddress = from
                masterSwitch = MasterSwitch(from: from, to: to)
                return
            }
        default:
            break
        }

        // `<kind> <name> <ip> <port> [@ <master-name> <master-ip> <master-port>] [rest]`
        if words.count >= 4, let address = Self.address(words[words.startIndex + 2], words[words.startIndex + 3]),
           Self.instanceWords.contains(words[words.startIndex]) {
            let kind = SentinelInstanceKind(word: words[words.startIndex])
            let instance = SentinelInstance(kind: kind, name: String(words[words.startIndex + 1]), address: address)
            self.instance = instance
            words = words.dropFirst(4)
            if kind == .master {
                masterName = instance.name
                masterAddress = address
            }
            if words.count >= 4, words.first == "@",
               let master = Self.address(words[words.startIndex + 2], words[words.startIndex + 3]) {
                masterName = String(words[words.startIndex + 1])
                masterAddress = master
                words = words.dropFirst(4)
            }
        }
        if words.count >= 2, words.first == "#quorum" {
            let parts = words[words.startIndex + 1].split(separator: "/")
            if parts.count == 2, let agreeing = Int(parts[0]), let required = Int(parts[1]) {
                quorum = QuorumCount(agreeing: agreeing, required: required)
                words = words.dropFirst(2)
            }
        }
        if type == .roleChange || type == .roleChangeCleared,
           words.count == 5, words.prefix(4).joined(separator: " ") == "new reported role is" {
            newReportedRole = String(words[words.startIndex + 4])
            words = []
        }
        if !words.isEmpty { extra = words.joined(separator: " ") }
    }

    static let instanceWords: Set<Substring> = ["master", "slave", "replica", "sentinel"]

    static func address(_ host: Substring, _ port: Substring) -> NodeAddress? {
        guard let number = Int(port), (0...65535).contains(number) else { return nil }
        return NodeAddress(host: String(host), port: number)
    }
}
