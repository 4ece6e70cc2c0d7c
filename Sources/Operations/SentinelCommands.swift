import ClusterModel
import RESP

/// What one Sentinel poll asks each sentinel, pipelined in one round trip, and how the
/// replies fill a `SentinelReplies`. Every command passes the read-only guard.
///
/// Layout: `[SENTINEL MASTERS]` (only when every group is wanted), `INFO`, then per
/// master name `SENTINEL MASTER`, `REPLICAS`, `SENTINELS`, `GET-MASTER-ADDR-BY-NAME`,
/// `CKQUORUM`. `SENTINEL MYID` is not asked: 6.0 does not know it, and INFO has the run id.
struct SentinelCommands {
    let includeMasters: Bool
    let names: [String]

    static let perName = ["MASTER", "REPLICAS", "SENTINELS", "GET-MASTER-ADDR-BY-NAME", "CKQUORUM"]

    var commands: [RESPCommand] {
        var list: [RESPCommand] = []
        if includeMasters { list.append(RESPCommand("SENTINEL", "MASTERS")) }
        list.append(RESPCommand("INFO"))
        for name in names {
            for sub in Self.perName { list.append(RESPCommand("SENTINEL", sub, name)) }
        }
        return list
    }

    /// Fills `replies` from one pipeline's answers (in `commands` order).
    func read(_ values: [RESPValue], into replies: inout SentinelReplies) {
        var index = 0
        func next() -> RESPValue? {
            defer { index += 1 }
            return index < values.count ? values[index] : nil
        }
        if includeMasters { replies.masters = next() }
        if let info = next() { replies.info = info }
        for name in names {
            replies.master[name] = next()
            replies.replicas[name] = next()
            replies.sentinels[name] = next()
            replies.masterAddress[name] = next()
            replies.quorumCheck[name] = next()
        }
    }

    /// Group names a `SENTINEL MASTERS` reply lists.
    static func names(in replies: SentinelReplies) -> [String] {
        guard let reply = replies.masters, let states = try? SentinelMasterState.list(reply: reply) else { return [] }
        return states.map(\.name)
    }

    /// Other sentinels and data nodes the replies name: the next poll targets.
    static func addresses(in replies: SentinelReplies) -> (sentinels: [NodeAddress], dataNodes: [NodeAddress]) {
        var sentinels: [NodeAddress] = []
        var nodes: [NodeAddress] = []
        if let reply = replies.masters, let states = try? SentinelMasterState.list(reply: reply) {
            nodes += states.compactMap(\.address)
        }
        for reply in replies.master.values { if let state = try? SentinelMasterState(reply: reply), let address = state.address { nodes.append(address) } }
        for reply in replies.masterAddress.values { if let address = try? SentinelReply.masterAddress(reply: reply) { nodes.append(address) } }
        for reply in replies.replicas.values { nodes += ((try? SentinelReplicaState.list(reply: reply)) ?? []).compactMap(\.address) }
        for reply in replies.sentinels.values { sentinels += ((try? SentinelPeerState.list(reply: reply)) ?? []).compactMap(\.address) }
        return (sentinels, nodes)
    }
}
