import ClusterModel
import RESP
import Wire

/// The sentinels watching a data node, found from the node itself: every sentinel
/// subscribes to `__sentinel__:hello` on the masters and replicas it monitors and
/// publishes `ip,port,runid,epoch,master-name,…` there every 2 s.
public struct HeardSentinels: Sendable, Equatable {
    /// Sentinels that announced themselves, sorted.
    public var sentinels: [NodeAddress]
    /// The master names they announced (the group's name as the sentinels know it), sorted.
    public var masterNames: [String]
    /// Why nothing could be heard (a refused subscription, a silent channel), or nil.
    public var problem: String?

    public static let none = HeardSentinels(sentinels: [], masterNames: [], problem: nil)
}

/// Finds the sentinels of a replication group from its data nodes.
///
/// `PUBSUB NUMSUB __sentinel__:hello` on every node first: when no node has a subscriber,
/// no sentinel watches the group and nothing is waited for. Otherwise it subscribes to the
/// channel on one node with subscribers (the master when it has some) and returns at the
/// first hello, or after `wait`.
public enum SentinelHelloListener {
    /// Sentinels publish a hello every 2 s to each monitored node; a little more covers scheduling.
    public static let defaultWait: Duration = .milliseconds(2500)

    public static func listen(on nodes: [NodeAddress], masters: Set<NodeAddress>, pool: ConnectionPool,
                              wait: Duration = defaultWait) async -> HeardSentinels {
        guard !nodes.isEmpty else { return .none }
        let counts = await pool.fanOut(RESPCommand("PUBSUB", "NUMSUB", SentinelHello.channel),
                                       to: nodes.map(Endpoint.init))
        var listened: [NodeAddress: Int] = [:]
        var unknown: [NodeAddress] = []
        for node in nodes {
            switch counts[Endpoint(node)] {
            case .success(let reply)?:
                if let count = subscriberCount(reply) { listened[node] = count } else { unknown.append(node) }
            case .failure?, nil:
                continue  // unreachable: the group report names it
            }
        }
        if unknown.isEmpty && listened.values.allSatisfy({ $0 == 0 }) { return .none }
        // Prefer a node with subscribers, a master first; else one whose count is unknown (NOPERM).
        let ranked = listened.filter { $0.value > 0 }.keys.sorted { (masters.contains($0) ? 0 : 1, $0) < (masters.contains($1) ? 0 : 1, $1) }
        guard let target = ranked.first ?? unknown.sorted().first else { return .none }
        return await hear(on: target, pool: pool, wait: wait)
    }

    /// The count in a `PUBSUB NUMSUB` reply (`[channel, count]`, a map in RESP3), or nil when refused.
    static func subscriberCount(_ reply: RESPValue) -> Int? {
        switch reply.withoutAttributes {
        case .array(let items) where items.count == 2: return items[1].integer.map { Int($0) }
        case .map(let pairs) where pairs.count == 1: return pairs[0].value.integer.map { Int($0) }
        default: return nil
        }
    }

    /// Subscribes on `address` and returns at the first hello (or after `wait`).
    static func hear(on address: NodeAddress, pool: ConnectionPool, wait: Duration) async -> HeardSentinels {
        let subscription = Subscription(endpoint: pool.addressMap.map(Endpoint(address)),
                                        patterns: [SentinelHello.channel], options: pool.options, keepAlive: nil)
        defer { subscription.stop() }
        let heard = await withTaskGroup(of: HeardSentinels?.self) { group in
            group.addTask {
                for await event in subscription.events {
                    switch event {
                    case .message(let frame, _):
                        guard case .hello(let hello)? = try? SentinelMessage(frame: frame) else { continue }
                        return HeardSentinels(sentinels: [hello.sentinel], masterNames: [hello.masterName], problem: nil)
                    case .lost(let error):
                        return HeardSentinels(sentinels: [], masterNames: [],
                                              problem: "cannot listen on \(address): \(error.description)")
                    case .subscribed:
                        continue
                    }
                }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: wait)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            subscription.stop()
            return first
        }
        return heard ?? HeardSentinels(
            sentinels: [], masterNames: [],
            problem: "sentinels subscribe on \(address) but none announced itself on \(SentinelHello.channel) within \(wait)")
    }
}
