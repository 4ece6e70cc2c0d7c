import RESP

/// Parsers for the short Sentinel replies.
public enum SentinelReply {
    /// `SENTINEL GET-MASTER-ADDR-BY-NAME <name>` → the master's address, or nil
    /// when the sentinel does not know the name (`*-1` in RESP2, `_` in RESP3).
    public static func masterAddress(reply: RESPValue) throws(ModelParseError) -> NodeAddress? {
        let command = "SENTINEL GET-MASTER-ADDR-BY-NAME"
        if let message = reply.errorMessage {
            throw ModelParseError(command: command, text: message, reason: "server replied with an error")
        }
        if case .null = reply.withoutAttributes { return nil }
        guard let parts = reply.withoutAttributes.sentinelListItems, parts.count >= 2, let host = parts[0].string,
              let port = parts[1].integer, (0...65535).contains(port) else {
            throw ModelParseError(command: command, reason: "expected [ip, port]")
        }
        return NodeAddress(host: host, port: Int(port))
    }

    /// `SENTINEL MYID` → this sentinel's run id.
    public static func myID(reply: RESPValue) throws(ModelParseError) -> String {
        let command = "SENTINEL MYID"
        if let message = reply.errorMessage {
            throw ModelParseError(command: command, text: message, reason: "server replied with an error")
        }
        guard let id = reply.string, !id.isEmpty else { throw ModelParseError(command: command, reason: "expected a run id") }
        return id
    }
}

/// The answer to `SENTINEL CKQUORUM <name>`: can this sentinel reach enough
/// peers to declare the master down and to authorize a failover?
public struct QuorumCheck: Hashable, Sendable, Codable {
    /// True for `+OK …`.
    public var reachable: Bool
    /// `OK 3 usable Sentinels…` → 3; also read from the NOQUORUM text when present.
    public var usableSentinels: Int?
    /// The server's sentence.
    public var message: String

    public init(reachable: Bool, usableSentinels: Int?, message: String) {
        self.reachable = reachable
        self.usableSentinels = usableSentinels
        self.message = message
    }

    /// `+OK N usable Sentinels…` or `-NOQUORUM N usable Sentinels…`. Other error
    /// replies (an unknown master name, `-NOPERM`) throw: they say nothing about the quorum.
    public init(reply: RESPValue) throws(ModelParseError) {
        let command = "SENTINEL CKQUORUM"
        if let message = reply.errorMessage {
            guard message.hasPrefix("NOQUORUM") else {
                throw ModelParseError(command: command, text: message, reason: "server replied with an error")
            }
            self.init(reachable: false, usableSentinels: Self.count(in: message), message: message)
            return
        }
        guard let text = reply.string else { throw ModelParseError(command: command, reason: "expected a status line") }
        self.init(reachable: text.hasPrefix("OK"), usableSentinels: Self.count(in: text), message: text)
    }

    static func count(in text: String) -> Int? {
        let words = text.split(separator: " ")
        guard let index = words.firstIndex(where: { $0 == "usable" }), index > 0 else { return nil }
        return Int(words[index - 1])
    }
}
