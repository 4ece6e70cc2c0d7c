import RESP

/// A connection in pub/sub mode: after the usual handshake it sends `PSUBSCRIBE *` (or
/// the patterns given) and delivers every message, in order, on `events`.
///
/// It resubscribes by itself after the server restarts or the link drops (with the same
/// backoff as `Connection`), and PINGs a quiet link every `keepAlive` so a stopped server
/// shows up as `.lost` instead of silence. `stop()` (or dropping the object, or ending the
/// iteration of `events`) closes the socket, unregisters it from the loop and finishes
/// the stream. Keep the `Subscription` alive while reading `events`.
public final class Subscription: Sendable {
    /// What the stream carries.
    public enum Event: Sendable {
        /// The subscribe commands were confirmed (first time, and after every reconnect).
        case subscribed
        /// A `message`/`pmessage` frame (RESP2 array or RESP3 push) and when it was read,
        /// as Unix milliseconds stamped on the I/O thread.
        case message(RESPValue, receivedAt: Int64)
        /// The subscription is down (reported once per outage); it is being retried.
        case lost(WireError)
    }

    public let endpoint: Endpoint
    /// Every event, in order; finishes after `stop()`.
    public let events: AsyncStream<Event>
    private let core: ConnectionCore
    private let loop: IOLoop

    /// Connects and subscribes now.
    /// - Parameters:
    ///   - patterns: sent as one `PSUBSCRIBE` (default `*`: every channel, as Sentinel events need).
    ///   - keepAlive: PING after this long without a message; nil never pings.
    public init(endpoint: Endpoint, patterns: [String] = ["*"], options: ConnectionOptions = ConnectionOptions(),
                keepAlive: Duration? = .seconds(5), loop: IOLoop = .shared) {
        self.endpoint = endpoint
        self.loop = loop
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self)
        events = stream
        let sink = SubscriptionSink(
            commands: [RESPCommand(["PSUBSCRIBE"] + patterns)], keepAlive: keepAlive,
            emit: { continuation.yield($0) }, finish: { continuation.finish() })
        let core = ConnectionCore(endpoint: endpoint, options: options, loop: loop, subscription: sink)
        self.core = core
        continuation.onTermination = { _ in loop.execute { core.shutdown() } }
        loop.execute {
            loop.register(core)
            core.startSubscription()
        }
    }

    deinit {
        stop()
    }

    /// What the current connection negotiated; nil while not connected.
    public var session: SessionInfo? {
        core.session.withLock { $0 }
    }

    /// Unsubscribes for good: closes the socket and finishes `events`.
    public func stop() {
        let core = core
        loop.execute { core.shutdown() }
    }
}
