import RESP

/// Something that sends commands to one server: a real `Connection`, or a fake in tests
/// of the layers above.
///
/// Error replies (`-MOVED …`, `-ERR …`) are returned as `RESPValue.error` values, one per
/// command, so pipelines stay in step; only transport, protocol, handshake and read-only
/// failures throw.
public protocol CommandSending: Sendable {
    var endpoint: Endpoint { get }
    func send(_ command: RESPCommand) async throws(WireError) -> RESPValue
    /// Writes all commands at once and returns their replies in order.
    func pipeline(_ commands: [RESPCommand]) async throws(WireError) -> [RESPValue]
}

extension CommandSending {
    public func send(_ command: RESPCommand) async throws(WireError) -> RESPValue {
        let replies = try await pipeline([command])
        guard let reply = replies.first else { throw .unexpectedReply(endpoint) }
        return reply
    }
}

/// Hands out a sender per endpoint; `ConnectionPool` is the real one.
public protocol ConnectionProviding: Sendable {
    func sender(for endpoint: Endpoint) -> any CommandSending
}
