import ClusterModel
import RESP

/// A key census sent in the same pipeline as a node's poll, planned before the node has
/// answered, from what the seed already said: which nodes are masters with which slots,
/// and how dense the seed's own keyspace is. Taking the census in the poll's round trip
/// instead of a round of its own is what keeps `check` at one round trip per node.
///
/// Replies are checked against the node's own view before they are used. Whatever does
/// not fit (the node is no master after all, owns other slots, holds more keys than one
/// page lists, keys outside its slots) is counted again the ordinary way, by `KeyCensus`.
struct CensusPlan: Sendable, Equatable {
    enum Method: Sendable, Equatable {
        /// `DBSIZE` and one `SCAN` page of this `COUNT`; the keys are hashed to slots here.
        case listing(budget: Int)
        /// `DBSIZE` and `CLUSTER COUNTKEYSINSLOT` over these slots.
        case counting(owned: [SlotRange])
    }

    var method: Method

    /// What goes into the pipeline after the poll's commands.
    var commands: [RESPCommand] {
        switch method {
        case .listing(let budget):
            return [KeyCensus.dbsize, KeyCensus.scan(cursor: [UInt8(ascii: "0")], count: budget)]
        case .counting(let owned):
            var commands = [KeyCensus.dbsize]
            commands.reserveCapacity(owned.slotCount + 1)
            for range in owned { for slot in range.start...range.end { commands.append(KeyCensus.countCommands[slot]) } }
            return commands
        }
    }

    /// The plan `KeyCensus` itself would pick for a master owning `owned` with `keys` keys.
    init(owned: [SlotRange], keys: Int64) {
        let budget = max(owned.slotCount, KeyCensus.minimumScanBudget)
        method = keys <= Int64(budget) ? .listing(budget: budget) : .counting(owned: owned)
    }

    /// Plans for every master the seed's view names (the seed included), keyed by announced
    /// address. The seed's own keys are exact for the seed's shard; for the others the seed's
    /// density (keys per owned slot) picks the method, a guess that costs a second round
    /// trip on that node only when it is wrong. No plan when the seed's key count is unknown.
    static func plans(seedView: ClusterNodesView, seedKeys: Int64?) -> [NodeAddress: CensusPlan] {
        guard let seedKeys, let myself = seedView.myself else { return [:] }
        let shardOwner = myself.flags.contains(.master) ? myself
            : seedView.entries.first { $0.id == myself.masterID }
        let seedSlots = shardOwner?.slots.slotCount ?? 0
        let listing = seedKeys <= Int64(max(seedSlots, KeyCensus.minimumScanBudget))
        var plans: [NodeAddress: CensusPlan] = [:]
        for entry in seedView.entries where entry.flags.contains(.master) && !entry.flags.contains(.handshake)
            && !entry.flags.contains(.noAddress) && !entry.flags.contains(.fail) {
            if entry.isMyself && myself.flags.contains(.master) {
                plans[entry.address] = CensusPlan(owned: entry.slots, keys: seedKeys)
            } else if listing {
                plans[entry.address] = CensusPlan(method: .listing(budget: max(entry.slots.slotCount, KeyCensus.minimumScanBudget)))
            } else {
                plans[entry.address] = CensusPlan(method: .counting(owned: entry.slots))
            }
        }
        return plans
    }

    init(method: Method) { self.method = method }

    /// Keys per slot (non-zero slots only) from this plan's replies, or nil when they cannot
    /// stand for the node's census: `own` (the node's `myself` line from the same pipeline)
    /// must be a master, and for counting own exactly the planned slots.
    func counts(from replies: ArraySlice<RESPValue>, own: ClusterNodeEntry?) -> [SlotKeyCount]? {
        guard let own, own.flags.contains(.master), let total = replies.first?.integer else { return nil }
        switch method {
        case .listing(let budget):
            guard replies.count == 2 else { return nil }
            if total == 0 { return [] }
            guard total <= Int64(budget) else { return nil }
            return KeyCensus.countsOfCompletePage(replies[replies.startIndex + 1])
        case .counting(let owned):
            guard own.slots == owned, replies.count == owned.slotCount + 1 else { return nil }
            var counts: [SlotKeyCount] = []
            var sum: Int64 = 0
            var slots = owned.lazy.flatMap { $0.start...$0.end }.makeIterator()
            for reply in replies.dropFirst() {
                guard let keys = reply.integer, let slot = slots.next() else { return nil }
                sum += keys
                if keys > 0 { counts.append(SlotKeyCount(slot: slot, keys: Int(keys))) }
            }
            // Keys outside the owned slots: only a count of all 16384 says where.
            return sum == total ? counts : nil
        }
    }
}
