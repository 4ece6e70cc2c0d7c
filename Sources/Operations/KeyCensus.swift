import ClusterModel
import RESP
import Wire

/// Finds keys that sit on a master that does not own their slot — what
/// `redis-cli --cluster check` cannot see when both slots are stable.
///
/// Cheap first: on each master, `DBSIZE` against the sum of `CLUSTER COUNTKEYSINSLOT`
/// over the slots it owns, pipelined in one round trip. Only a master where the two
/// differ gets a full count of all 16384 slots. Masters are counted in parallel.
enum KeyCensus {
    /// `CLUSTER COUNTKEYSINSLOT s` for every slot, built once per process.
    static let countCommands: [RESPCommand] = (0..<clusterSlotCount).map {
        RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String($0))
    }

    /// `polls` with `slotKeyCounts` filled in for every master that answered.
    /// `targets`: how each polled node was dialed (before the pool's address map).
    /// `snapshot`: built from `polls`, for each master's own slots (its `myself` line).
    static func count(polls: [NodePoll], snapshot: ClusterSnapshot, pool: ConnectionPool,
                      targets: [NodeAddress: Endpoint]) async -> [NodePoll] {
        var ownSlots: [NodeAddress: [SlotRange]] = [:]
        for node in snapshot.nodes where node.isMaster && node.reachability == .reachable {
            if let slots = node.ownSlots { ownSlots[node.address] = slots }
        }
        var masters: [(index: Int, endpoint: Endpoint, owned: [SlotRange])] = []
        for (index, poll) in polls.enumerated() {
            guard case .replied = poll.outcome, let owned = ownSlots[poll.address] else { continue }
            masters.append((index, targets[poll.address] ?? Endpoint(poll.address), owned))
        }
        var result = polls
        await withTaskGroup(of: (Int, [SlotKeyCount]?).self) { group in
            for master in masters {
                let connection = pool.connection(to: master.endpoint)
                group.addTask { (master.index, await census(of: connection, owned: master.owned)) }
            }
            for await (index, counts) in group {
                guard let counts, case .replied(var replies) = result[index].outcome else { continue }
                replies.slotKeyCounts = counts
                result[index].outcome = .replied(replies)
            }
        }
        return result
    }

    /// Keys per slot (non-zero slots only) on one master, or nil if it could not be counted.
    static func census(of connection: Connection, owned: [SlotRange]) async -> [SlotKeyCount]? {
        let ownedSlots = owned.flatMap { $0.start...$0.end }
        var commands = [RESPCommand("DBSIZE")]
        commands.reserveCapacity(ownedSlots.count + 1)
        for slot in ownedSlots { commands.append(countCommands[slot]) }
        guard case .success(let replies) = await connection.pipelineResult(commands),
              let total = replies.first?.integer else { return nil }
        var counts: [SlotKeyCount] = []
        var sum: Int64 = 0
        for (slot, reply) in zip(ownedSlots, replies.dropFirst()) {
            guard let keys = reply.integer else { return nil }
            sum += keys
            if keys > 0 { counts.append(SlotKeyCount(slot: slot, keys: Int(keys))) }
        }
        if sum == total { return counts }
        // Keys outside the owned slots: count every slot to find where they are.
        guard case .success(let full) = await connection.pipelineResult(countCommands) else { return nil }
        counts = []
        for (slot, reply) in full.enumerated() {
            guard let keys = reply.integer else { return nil }
            if keys > 0 { counts.append(SlotKeyCount(slot: slot, keys: Int(keys))) }
        }
        return counts
    }
}
