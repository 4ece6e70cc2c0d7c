#if canImport(Glibc)
import Glibc
#endif
import RESP

/// What a subscribed `ConnectionCore` needs: the commands that (re)subscribe after every
/// handshake, how often to check a quiet connection, and where messages go.
///
/// `@unchecked Sendable`: `subscribed` and `resubscribeAt` are touched only on the loop
/// thread (by the core that owns the sink); `emit` is itself `@Sendable`.
final class SubscriptionSink: @unchecked Sendable {
    /// `PSUBSCRIBE *` (or whatever the caller asked), sent after every handshake.
    let commands: [RESPCommand]
    /// A PING is sent when nothing was received for this long, so a stopped server
    /// (SIGSTOP) or a silently dead link is noticed within keep-alive + request timeout.
    let keepAlive: Duration?
    /// Called on the loop thread, in order.
    let emit: @Sendable (Subscription.Event) -> Void
    /// Called once, on the loop thread, when the subscription is stopped for good.
    let finish: @Sendable () -> Void

    /// The subscribe commands were confirmed on the current connection.
    var subscribed = false
    /// When the next (re)subscribe attempt is due (monotonic ns); nil when none is scheduled.
    var resubscribeAt: UInt64?
    /// Monotonic ns of the last reply or message on the subscribed connection.
    var lastActivity: UInt64 = 0
    /// A `.lost` was reported and no `.subscribed` since: further failures stay quiet.
    private var down = false

    init(commands: [RESPCommand], keepAlive: Duration?, emit: @escaping @Sendable (Subscription.Event) -> Void,
         finish: @escaping @Sendable () -> Void) {
        self.commands = commands
        self.keepAlive = keepAlive
        self.emit = emit
        self.finish = finish
    }

    /// Hands `event` on, reporting each outage once (not every failed retry).
    func report(_ event: Subscription.Event) {
        switch event {
        case .subscribed: down = false
        case .lost:
            if down { return }
            down = true
        case .message: break
        }
        emit(event)
    }

    /// A pub/sub payload frame (`message`, `pmessage`, `smessage`), RESP2 array or RESP3 push.
    /// Subscription confirmations and PING replies are not: they answer a request.
    static func isMessage(_ value: RESPValue) -> Bool {
        let items: [RESPValue]
        switch value.withoutAttributes {
        case .push(let list), .array(let list): items = list
        default: return false
        }
        guard let kind = items.first?.string?.lowercased() else { return false }
        return kind == "message" || kind == "pmessage" || kind == "smessage"
    }
}

/// Unix time in milliseconds (the wall clock), stamped on messages as they are parsed.
func wallClockMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}
