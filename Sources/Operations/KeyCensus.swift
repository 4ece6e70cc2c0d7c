import ClusterModel
import RESP
import Wire

/// Finds keys that sit on a master that does not own their slot — what
/// `redis-cli --cluster check` cannot see when both slots are stable.
///
/// Each master in parallel, by the cheaper of two exact methods (the work is ∝ min(keys,
/// owned slots)): a master holding fewer keys than it owns slots lists them with `SCAN` and
/// the slots are hashed here; a fuller one compares `DBSIZE` with the sum of `CLUSTER
/// COUNTKEYSINSLOT` over its own slots, in one pipeline, and only where the two differ
/// counts all 16384 slots. Key names are hashed and dropped, never shown or kept.
enum KeyCensus {
    /// `CLUSTER COUNTKEYSINSLOT s` for every slot, built once per process.
    static let countCommands: [RESPCommand] = (0..<clusterSlotCount).map {
        RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String($0))
    }

    /// `polls` with `slotKeyCounts` filled in for every master that answered.
    /// `targets`: how each polled node was dialed (before the pool's address map).
    /// `snapshot`: built from `polls`, for each master's own slots (its `myself` line).
    /// Masters whose counts the snapshot already has (a census sent with the poll) are left out.
    static func count(polls: [NodePoll], snapshot: ClusterSnapshot, pool: ConnectionPool,
                      targets: [NodeAddress: Endpoint]) async -> [NodePoll] {
        var ownSlots: [NodeAddress: (slots: [SlotRange], keys: Int64?)] = [:]
        for node in snapshot.nodes where node.isMaster && node.reachability == .reachable && node.slotKeyCounts == nil {
            if let slots = node.ownSlots { ownSlots[node.address] = (slots, node.keys) }
        }
        var masters: [(index: Int, endpoint: Endpoint, owned: [SlotRange], keys: Int64?)] = []
        for (index, poll) in polls.enumerated() {
            guard case .replied = poll.outcome, let owned = ownSlots[poll.address] else { continue }
            masters.append((index, targets[poll.address] ?? Endpoint(poll.address), owned.slots, owned.keys))
        }
        var result = polls
        await withTaskGroup(of: (Int, [SlotKeyCount]?).self) { group in
            for master in masters {
                let connection = pool.connection(to: master.endpoint)
                group.addTask { (master.index, await census(of: connection, owned: master.owned, expectedKeys: master.keys)) }
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
    /// `expectedKeys` (the poll's `INFO keyspace`) only picks the method; `DBSIZE`, sent in
    /// the same pipeline, decides: a small master costs one round trip either way.
    static func census(of connection: Connection, owned: [SlotRange], expectedKeys: Int64?) async -> [SlotKeyCount]? {
        let budget = max(owned.slotCount, minimumScanBudget)
        guard let expectedKeys, expectedKeys <= Int64(budget) else {
            return await countedPerSlot(connection, owned: owned)
        }
        guard case .success(let first) = await connection.pipelineResult([dbsize, scan(cursor: [UInt8(ascii: "0")], count: budget)]),
              first.count == 2, let total = first[0].integer else { return nil }
        if total == 0 { return [] }
        if total <= Int64(budget), let counts = await listedCounts(connection, firstPage: first[1], budget: budget) {
            return counts
        }
        return await countedPerSlot(connection, owned: owned)
    }

    /// Slots counted with `COUNTKEYSINSLOT`: `DBSIZE` and the owned slots in one pipeline;
    /// only when their sum falls short of `DBSIZE` (keys outside them) all 16384 slots.
    static func countedPerSlot(_ connection: Connection, owned: [SlotRange]) async -> [SlotKeyCount]? {
        let ownedSlots = owned.flatMap { $0.start...$0.end }
        var commands = [dbsize]
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

    /// Keys per slot from the key names `SCAN` lists, or nil to count per slot instead: `SCAN`
    /// refused (a user without `+scan`), a reply that is not a scan page, or more keys than the
    /// budget (written while listing) so that counting is cheaper after all. A key `SCAN`
    /// returns twice (the table grew meanwhile) is counted once.
    static func listedCounts(_ connection: Connection, firstPage: RESPValue, budget: Int) async -> [SlotKeyCount]? {
        var perSlot = [Int32](repeating: 0, count: clusterSlotCount)
        // One SCAN call never returns a key twice; only across calls (the table rehashing
        // between them) can it: names are remembered only when a second page is needed.
        var seen: Set<[UInt8]>?
        var listed = 0
        var page = firstPage
        // A hash table at most doubles while being scanned: this bounds the round trips.
        for _ in 0..<(2 * budget / max(1, minimumScanBudget) + 8) {
            guard let parts = page.elements, parts.count == 2, let cursor = parts[0].bytes,
                  let keys = parts[1].elements else { return nil }
            let last = cursor == [UInt8(ascii: "0")]
            if !last && seen == nil { seen = [] }
            for key in keys {
                guard let name = key.bytes else { return nil }
                if seen != nil, seen?.insert(name).inserted == false { continue }
                perSlot[KeySlot.slot(forKey: name)] += 1
                listed += 1
            }
            if listed > 2 * budget { return nil }
            if last {
                var counts: [SlotKeyCount] = []
                for (slot, keys) in perSlot.enumerated() where keys > 0 { counts.append(SlotKeyCount(slot: slot, keys: Int(keys))) }
                return counts
            }
            guard case .success(let next) = await connection.sendResult(scan(cursor: cursor, count: budget)) else { return nil }
            page = next
        }
        return nil
    }

    /// Keys per slot from a `SCAN` page that is also the last one (cursor 0), or nil. One
    /// call never returns a key twice, so no names need remembering.
    static func countsOfCompletePage(_ page: RESPValue) -> [SlotKeyCount]? {
        guard let parts = page.elements, parts.count == 2, parts[0].bytes == [UInt8(ascii: "0")],
              let keys = parts[1].elements else { return nil }
        var slots: [Int] = []
        slots.reserveCapacity(keys.count)
        for key in keys {
            guard let name = key.bytes else { return nil }
            slots.append(KeySlot.slot(forKey: name))
        }
        slots.sort()
        var counts: [SlotKeyCount] = []
        for slot in slots {
            if counts.last?.slot == slot { counts[counts.count - 1].keys += 1 } else { counts.append(SlotKeyCount(slot: slot, keys: 1)) }
        }
        return counts
    }

    /// The smallest `SCAN COUNT` asked for (a master owning few slots still lists in few pages).
    static let minimumScanBudget = 128
    static let dbsize = RESPCommand("DBSIZE")

    static func scan(cursor: [UInt8], count: Int) -> RESPCommand {
        RESPCommand(arguments: [Array("SCAN".utf8), cursor, Array("COUNT".utf8), Array(String(count).utf8)])
    }
}
