import ClusterModel
import RESP
import Wire

/// The sentinels watching a data node, found from the node itself: every sentinel keeps
/// two named links to the masters and replicas it monitors (`CLIENT LIST`), subscribes to
/// `__sentinel__:hello` there and publishes `ip,port,runid,epoch,master-name,…` every 2 s.
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
/// `PUBSUB NUMSUB __sentinel__:hello` and `CLIENT LIST` on every node first: when no node
/// has a subscriber, no sentinel watches the group and nothing is waited for. Otherwise the
/// sentinels `CLIENT LIST` names are probed at their IP (see `SentinelClientProbe`) while
/// it subscribes to the channel on every node with subscribers (up to `maxListened`); the
/// first to find a sentinel wins, the hello within one 2 s greeting period (`wait` bounds it).
/// Sentinels greet all their nodes in the same tick, so listening on more nodes helps only
/// when a sentinel cannot reach some of them.
public enum SentinelHelloListener {
    /// Sentinels publish a hello every 2 s to each monitored node; a little more covers scheduling.
    public static let defaultWait: Duration = .milliseconds(2500)

    /// - Parameters:
    ///   - sentinelOptions: how to log in to a sentinel found through `CLIENT LIST`
    ///     (nil: the data nodes' options).
    ///   - probePorts: ports tried at the IPs `CLIENT LIST` gives (26379: Sentinel's default).
    public static func listen(on nodes: [NodeAddress], masters: Set<NodeAddress>, pool: ConnectionPool,
                              sentinelOptions: ConnectionOptions? = nil, probePorts: [Int] = [26379],
                              wait: Duration = defaultWait) async -> HeardSentinels {
        guard !nodes.isEmpty else { return .none }
        let commands = [RESPCommand("PUBSUB", "NUMSUB", SentinelHello.channel), RESPCommand("CLIENT", "LIST")]
        let replies = await pool.fanOut(commands, to: nodes.map(Endpoint.init))
        var listened: [NodeAddress: Int] = [:]
        var unknown: [NodeAddress] = []
        var clients: [SentinelClient] = []
        for node in nodes {
            guard case .success(let values)? = replies[Endpoint(node)], values.count == 2 else { continue }  // unreachable: the report names it
            if let count = subscriberCount(values[0]) { listened[node] = count } else { unknown.append(node) }
            if let text = values[1].string, !values[1].isError {  // NOPERM: the hello alone finds them
                clients += SentinelClient.list(clientList: text).filter { !clients.contains($0) }
            }
        }
        if unknown.isEmpty && listened.values.allSatisfy({ $0 == 0 }) { return .none }
        // Nodes with subscribers, masters first; else those whose count is unknown (NOPERM).
        let ranked = listened.filter { $0.value > 0 }.keys.sorted { (masters.contains($0) ? 0 : 1, $0) < (masters.contains($1) ? 0 : 1, $1) }
        let targets = Array((ranked.isEmpty ? unknown.sorted() : ranked).prefix(maxListened))
        guard !targets.isEmpty else { return .none }
        let group = Set(nodes)
        let sentinels = clients
        let options = sentinelOptions ?? pool.options
        let map = pool.addressMap
        let found = await FirstSentinels.race([
            { await hear(on: targets, pool: pool, wait: wait) },
            { await SentinelClientProbe.find(sentinels, ports: probePorts, group: group, options: options, addressMap: map) },
        ])
        return found ?? .none
    }

    /// At most this many nodes are listened on at once.
    public static let maxListened = 5

    /// The count in a `PUBSUB NUMSUB` reply (`[channel, count]`, a map in RESP3), or nil when refused.
    static func subscriberCount(_ reply: RESPValue) -> Int? {
        switch reply.withoutAttributes {
        case .array(let items) where items.count == 2: return items[1].integer.map { Int($0) }
        case .map(let pairs) where pairs.count == 1: return pairs[0].value.integer.map { Int($0) }
        default: return nil
        }
    }

    /// Subscribes on every address and returns at the first hello (or after `wait`).
    static func hear(on addresses: [NodeAddress], pool: ConnectionPool, wait: Duration) async -> HeardSentinels {
        let subscriptions = addresses.map { address in
            (address, Subscription(endpoint: pool.addressMap.map(Endpoint(address)), patterns: [SentinelHello.channel],
                                   options: pool.options, keepAlive: nil))
        }
        defer { for (_, subscription) in subscriptions { subscription.stop() } }
        let heard = await withTaskGroup(of: HeardSentinels?.self, returning: HeardSentinels?.self) { group in
            for (address, subscription) in subscriptions {
                group.addTask {
                    for await event in subscription.events {
                        switch event {
                        case .message(let frame, _):
                            guard case .hello(let hello)? = try? SentinelMessage(frame: frame) else { continue }
                            return HeardSentinels(sentinels: [hello.sentinel], masterNames: [hello.masterName], problem: nil)
                        case .lost(let error):
                            // Keep the others listening; this one only explains a silence.
                            return HeardSentinels(sentinels: [], masterNames: [],
                                                  problem: "cannot listen on \(address): \(error.description)")
                        case .subscribed:
                            continue
                        }
                    }
                    return nil
                }
            }
            group.addTask {
                try? await Task.sleep(for: wait)
                return nil
            }
            var problem: String?
            var remaining = subscriptions.count
            while let result = await group.next() {
                guard let result else { break }  // the wait is over (or a stream ended)
                if !result.sentinels.isEmpty {
                    group.cancelAll()
                    for (_, subscription) in subscriptions { subscription.stop() }
                    return result
                }
                problem = problem ?? result.problem
                remaining -= 1
                if remaining == 0 { break }
            }
            group.cancelAll()
            for (_, subscription) in subscriptions { subscription.stop() }
            return problem.map { HeardSentinels(sentinels: [], masterNames: [], problem: $0) }
        }
        return heard ?? HeardSentinels(
            sentinels: [], masterNames: [],
            problem: "sentinels subscribe on \(addresses.map(\.description).joined(separator: ", ")) but none announced "
                + "itself on \(SentinelHello.channel) within \(wait)")
    }
}
