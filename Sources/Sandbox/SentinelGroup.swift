/// A master, its replicas and the sentinels watching it, started by `Sandbox.startSentinelGroup`.
public struct SentinelGroup: Sendable {
    /// The name in `sentinel monitor NAME ...`.
    public let masterName: String
    /// The master at start (after a failover, ask a sentinel: GET-MASTER-ADDR-BY-NAME).
    public let master: ServerProcess
    public let replicas: [ServerProcess]
    public let sentinels: [ServerProcess]
    public let quorum: Int
    public let downAfterMilliseconds: Int
    /// The data nodes' options (password, TLS): how scenarios reach them.
    public let options: ServerOptions

    /// Every data node (master first).
    public var dataNodes: [ServerProcess] { [master] + replicas }
}

/// Minimal reading of Sentinel's flat key/value replies as printed by redis-cli
/// (one element per line). The full parser belongs to ClusterModel.
enum SentinelReply {
    static func pairs(_ text: String) -> [String: String] {
        let items = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            result[items[index]] = items[index + 1]
            index += 2
        }
        return result
    }
}
