import RESP

/// One frame read from a `PSUBSCRIBE *` (or `SUBSCRIBE`) connection to a sentinel:
/// RESP2 arrays and RESP3 pushes give the same value.
public enum SentinelMessage: Hashable, Sendable {
    /// A Sentinel event (channel `+…` or `-…`), known type or not.
    case event(SentinelEvent)
    /// `__sentinel__:hello` gossip. Not an event: hide it by default, use it for discovery.
    case hello(SentinelHello)
    /// The confirmation of `psubscribe`, `subscribe`, `punsubscribe`, `unsubscribe`.
    case subscription(kind: String, channel: String, count: Int)
    /// A message on some other channel (or a hello that did not parse), kept as text.
    case other(channel: String, payload: String)

    static let command = "PSUBSCRIBE"

    /// Parses `pmessage <pattern> <channel> <payload>`, `message <channel> <payload>`
    /// and subscription confirmations. Anything else throws.
    public init(frame: RESPValue) throws(ModelParseError) {
        if let message = frame.errorMessage {
            throw ModelParseError(command: Self.command, text: message, reason: "server replied with an error")
        }
        guard let parts = frame.withoutAttributes.sentinelListItems, let kind = parts.first?.string?.lowercased() else {
            throw ModelParseError(command: Self.command, reason: "expected a pub/sub array or push")
        }
        let channel: String, payload: String
        switch kind {
        case "pmessage":
            guard parts.count == 4, let name = parts[2].string, let text = parts[3].string else {
                throw ModelParseError(command: Self.command, text: kind, reason: "expected [pmessage, pattern, channel, payload]")
            }
            channel = name
            payload = text
        case "message":
            guard parts.count == 3, let name = parts[1].string, let text = parts[2].string else {
                throw ModelParseError(command: Self.command, text: kind, reason: "expected [message, channel, payload]")
            }
            channel = name
            payload = text
        case "psubscribe", "subscribe", "punsubscribe", "unsubscribe", "ssubscribe", "sunsubscribe":
            guard parts.count == 3, let count = parts[2].integer else {
                throw ModelParseError(command: Self.command, text: kind, reason: "expected [\(kind), channel, count]")
            }
            self = .subscription(kind: kind, channel: parts[1].string ?? "", count: Int(count))
            return
        default:
            throw ModelParseError(command: Self.command, text: kind, reason: "not a pub/sub frame")
        }
        if channel == SentinelHello.channel {
            self = SentinelHello(payload: payload).map(SentinelMessage.hello) ?? .other(channel: channel, payload: payload)
        } else if channel.hasPrefix("+") || channel.hasPrefix("-") {
            self = .event(SentinelEvent(type: SentinelEventType(rawValue: channel), parsing: payload))
        } else {
            self = .other(channel: channel, payload: payload)
        }
    }

    /// The event, when this is one.
    public var event: SentinelEvent? {
        if case .event(let event) = self { return event }
        return nil
    }
}
