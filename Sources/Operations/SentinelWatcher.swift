import ClusterModel
import RESP
import Synchronization
import Wire

/// Subscribes (`PSUBSCRIBE *`) to every sentinel it is given and delivers their events,
/// typed and stamped with the sentinel that published them and the receive time, on one
/// stream. Each subscription reconnects by itself (see `Subscription`); `watch` may be
/// called again after each poll to add newly discovered sentinels.
public final class SentinelWatcher: Sendable {
    /// What the stream carries.
    public enum Update: Sendable {
        /// One sentinel's copy of an event.
        case observed(ObservedSentinelEvent)
        /// The subscription to this sentinel is (again) active.
        case subscribed(NodeAddress)
        /// The subscription to this sentinel dropped; it is being retried.
        case lost(NodeAddress, String)
    }

    public let updates: AsyncStream<Update>
    private let continuation: AsyncStream<Update>.Continuation
    private let options: ConnectionOptions
    private let addressMap: AddressMap
    private let keepAlive: Duration?
    private let loop: IOLoop
    private let subscriptions = Mutex<[NodeAddress: (Subscription, Task<Void, Never>)]>([:])
    private let active = ActiveSet()

    public init(options: ConnectionOptions, addressMap: AddressMap = .identity, keepAlive: Duration? = .seconds(2),
                loop: IOLoop = .shared) {
        (updates, continuation) = AsyncStream.makeStream(of: Update.self)
        self.options = options
        self.addressMap = addressMap
        self.keepAlive = keepAlive
        self.loop = loop
    }

    deinit {
        stop()
    }

    /// Sentinels watched (subscribed or being retried), sorted.
    public var watched: [NodeAddress] { subscriptions.withLock { Array($0.keys) }.sorted() }

    /// Sentinels whose subscription is active now.
    public var subscribed: Set<NodeAddress> { active.addresses.withLock { $0 } }

    /// Subscribes to every sentinel in `sentinels` not watched yet.
    public func watch(_ sentinels: [NodeAddress]) {
        for address in sentinels {
            subscriptions.withLock { table in
                guard table[address] == nil else { return }
                let subscription = Subscription(endpoint: addressMap.map(Endpoint(address)), options: options,
                                                keepAlive: keepAlive, loop: loop)
                let forward = Task { [continuation, active] in
                    for await event in subscription.events {
                        switch event {
                        case .subscribed:
                            active.addresses.withLock { _ = $0.insert(address) }
                            continuation.yield(.subscribed(address))
                        case .lost(let error):
                            active.addresses.withLock { _ = $0.remove(address) }
                            continuation.yield(.lost(address, error.description))
                        case .message(let frame, let receivedAt):
                            guard let event = (try? SentinelMessage(frame: frame))?.event else { continue }
                            continuation.yield(.observed(ObservedSentinelEvent(
                                event: event, sentinel: address, time: Timestamp(milliseconds: receivedAt))))
                        }
                    }
                }
                table[address] = (subscription, forward)
            }
        }
    }

    /// Stops every subscription and finishes `updates`.
    public func stop() {
        let all = subscriptions.withLock { table in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for (subscription, task) in all {
            subscription.stop()
            task.cancel()
        }
        continuation.finish()
    }
}

/// The sentinels whose subscription is up, shared with the forwarding tasks.
private final class ActiveSet: Sendable {
    let addresses = Mutex<Set<NodeAddress>>([])
}
