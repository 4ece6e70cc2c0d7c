import ClusterModel

/// Turns a snapshot and a reshard request into a plan — pure, no I/O. Slots are taken from
/// the sources as `redis-cli --cluster reshard` takes them (in proportion to what each owns,
/// lowest slot numbers first) and moved in windows of `slotsPerWindow` slots, the window's
/// slots drawn from the sources in turn so that different sources move keys in parallel.
public enum ReshardPlanner {
    /// Slots per `moveSlots` step. Large enough that pipelining pays (one round trip per
    /// phase and node for the whole window), small enough that a window in flight when
    /// the run is interrupted is quick to finish.
    public static let slotsPerWindow = 64

    /// `--from … --to … --slots …`.
    public static func plan(_ snapshot: ClusterSnapshot, request: ReshardRequest,
                            move: MoveSettings = MoveSettings()) throws(ReshardPlanError) -> Plan {
        let resolver = NodeIDResolver(snapshot: snapshot)
        let target = try resolver.master(request.target, what: "--to")
        var sources: [NodeState] = []
        switch request.sources {
        case .all:
            sources = snapshot.masters.filter { $0.id != target.id && !snapshot.slots(of: $0.id).isEmpty }
        case .nodes(let texts):
            for text in texts {
                let node = try resolver.master(text, what: "--from")
                guard node.id != target.id else { throw ReshardPlanError("--from \(text) is the target itself (--to); name other masters") }
                if !sources.contains(where: { $0.id == node.id }) { sources.append(node) }
            }
        case .owners:
            break
        }
        var notes: [String] = []
        var picked: [(slot: Int, source: NodeID)] = []
        switch request.slots {
        case .count(let wanted):
            guard case .owners = request.sources else {
                picked = try proportional(wanted, from: sources, snapshot: snapshot)
                break
            }
            throw ReshardPlanError("--slots \(wanted) needs --from: master ids (comma-separated) or all")
        case .ranges(let ranges):
            let allowed = Set(sources.map(\.id))
            for range in ranges {
                for slot in range.start...range.end {
                    guard let owner = snapshot.owner(ofSlot: slot) else {
                        throw ReshardPlanError("slot \(slot) has no owner: slotscope fix assigns it; reshard moves owned slots")
                    }
                    if owner == target.id { continue }
                    if case .nodes = request.sources, !allowed.contains(owner) {
                        let address = snapshot.node(owner)?.address.description ?? owner.short
                        throw ReshardPlanError("slot \(slot) belongs to \(address) (\(owner.short)), which is not one of --from; "
                                               + "add it to --from or leave --from out")
                    }
                    picked.append((slot, owner))
                }
            }
            let already = ranges.reduce(0) { $0 + $1.count } - picked.count
            if already > 0 { notes.append("\(already) of the slots asked for are already on \(target.address): left as they are.") }
        }
        return try build(picked.map { ($0.slot, $0.source, target.id) }, snapshot: snapshot, move: move, notes: notes)
    }

    /// `--balance`: redis-cli's rebalance. Each master's share is the slots it should have
    /// for its weight; if one is more than `thresholdPercent` off, slots go from the most
    /// over-served masters to the most under-served until every share is met.
    public static func balance(_ snapshot: ClusterSnapshot, request: BalanceRequest,
                               move: MoveSettings = MoveSettings()) throws(ReshardPlanError) -> Plan {
        let resolver = NodeIDResolver(snapshot: snapshot)
        var weights: [NodeID: Double] = [:]
        for (text, weight) in request.weights.sorted(by: { $0.key < $1.key }) {
            guard weight >= 0, weight.isFinite else { throw ReshardPlanError("--weight \(text)=\(weight): a weight is a number ≥ 0") }
            weights[try resolver.master(text, what: "--weight").id] = weight
        }
        let masters = snapshot.masters.filter { isLive($0, in: snapshot) }
        let participants = masters.filter { request.useEmptyMasters || !snapshot.slots(of: $0.id).isEmpty }
        let totalWeight = participants.reduce(0) { $0 + (weights[$1.id] ?? 1) }
        guard totalWeight > 0 else { throw ReshardPlanError("every master weighs 0: nothing could hold the slots") }
        let totalSlots = participants.reduce(0) { $0 + snapshot.slots(of: $1.id).slotCount }
        var balances: [(id: NodeID, balance: Int)] = []
        var offBy: Double = 0
        for node in participants {
            let owned = snapshot.slots(of: node.id).slotCount
            let expected = Int(Double(totalSlots) / totalWeight * (weights[node.id] ?? 1))
            balances.append((node.id, owned - expected))
            let percent = owned == 0 ? (expected > 0 ? Double.infinity : 0) : abs(100 - 100 * Double(expected) / Double(owned))
            offBy = max(offBy, percent)
        }
        if offBy <= request.thresholdPercent {
            return Plan(notes: ["No rebalancing needed: every master is within \(request.thresholdPercent)% of its share."], move: move)
        }
        // Rounding can leave more to give than to take: the takers absorb it, one slot each.
        var surplus = balances.reduce(0) { $0 + $1.balance }
        while surplus > 0 {
            for index in balances.indices where balances[index].balance <= 0 && surplus > 0 {
                balances[index].balance -= 1
                surplus -= 1
            }
        }
        balances.sort { ($0.balance, $0.id) < ($1.balance, $1.id) }
        var remaining: [NodeID: [Int]] = [:]
        for node in participants { remaining[node.id] = snapshot.slots(of: node.id).flatMap { $0.start...$0.end } }
        var triples: [(Int, NodeID, NodeID)] = []
        var receiver = 0, giver = balances.count - 1
        while receiver < giver {
            let count = min(-balances[receiver].balance, balances[giver].balance)
            if count > 0 {
                let slots = remaining[balances[giver].id, default: []].prefix(count)
                remaining[balances[giver].id]?.removeFirst(slots.count)
                triples += slots.map { ($0, balances[giver].id, balances[receiver].id) }
            }
            balances[receiver].balance += count
            balances[giver].balance -= count
            if balances[receiver].balance == 0 { receiver += 1 }
            if balances[giver].balance == 0 { giver -= 1 }
        }
        return try build(triples, snapshot: snapshot, move: move, notes: [])
    }

    /// `wanted` slots from `sources` in proportion to what each owns (largest remainder, so
    /// the shares add up exactly), the biggest source first; each source's lowest slots.
    static func proportional(_ wanted: Int, from sources: [NodeState], snapshot: ClusterSnapshot) throws(ReshardPlanError)
        -> [(slot: Int, source: NodeID)] {
        guard wanted > 0 else { throw ReshardPlanError("--slots must be at least 1") }
        let owned = sources.map { (id: $0.id, slots: snapshot.slots(of: $0.id).flatMap { $0.start...$0.end }) }
            .filter { !$0.slots.isEmpty }
            .sorted { ($0.slots.count, $1.id) > ($1.slots.count, $0.id) }
        let total = owned.reduce(0) { $0 + $1.slots.count }
        guard total > 0 else { throw ReshardPlanError("the --from masters own no slots: nothing to move") }
        guard wanted <= total else { throw ReshardPlanError("--slots \(wanted): the --from masters own only \(total) slot(s)") }
        let exact = owned.map { Double(wanted) * Double($0.slots.count) / Double(total) }
        var shares = exact.map { Int($0) }
        var left = wanted - shares.reduce(0, +)
        for index in exact.indices.sorted(by: { (exact[$0] - Double(shares[$0]), -$0) > (exact[$1] - Double(shares[$1]), -$1) }) where left > 0 {
            shares[index] += 1
            left -= 1
        }
        return zip(owned, shares).flatMap { source, share in source.slots.prefix(share).map { ($0, source.id) } }
    }

    /// The plan: the moves in windows, sources taking turns within each window.
    static func build(_ moves: [(slot: Int, source: NodeID, target: NodeID)], snapshot: ClusterSnapshot, move: MoveSettings,
                      notes: [String]) throws(ReshardPlanError) -> Plan {
        guard !moves.isEmpty else { return Plan(notes: notes + ["Nothing to move."], move: move) }
        let moving = Set(moves.map(\.slot))
        if let open = snapshot.openSlots.first(where: { moving.contains($0.slot) }) {
            throw ReshardPlanError("slot \(open.slot) is open (migrating or importing): run slotscope fix first, then reshard")
        }
        func planNode(_ id: NodeID) throws(ReshardPlanError) -> PlanNode {
            guard let node = snapshot.node(id), !node.address.isUnset else {
                throw ReshardPlanError("node \(id.short) has no known address; slotscope check shows why")
            }
            return PlanNode(id: id, address: node.address)
        }
        var bySource: [NodeID: [SlotMove]] = [:]
        var keys = 0
        var counted = true
        for (slot, source, target) in moves {
            let counts = snapshot.node(source)?.slotKeyCounts
            let n = counts.map { list in list.first { $0.slot == slot }?.keys ?? 0 }
            if n == nil { counted = false }
            keys += n ?? 0
            bySource[source, default: []].append(SlotMove(slot: slot, source: try planNode(source), target: try planNode(target), keys: n))
        }
        // Sources take turns, so each window keeps every source busy.
        let queues = bySource.sorted { $0.key < $1.key }.map { $0.value.sorted { $0.slot < $1.slot } }
        var interleaved: [SlotMove] = []
        var round = 0
        while interleaved.count < moves.count {
            for index in queues.indices where round < queues[index].count { interleaved.append(queues[index][round]) }
            round += 1
        }
        var masters: [PlanNode] = []
        for node in snapshot.masters where isLive(node, in: snapshot) {
            masters.append(PlanNode(id: node.id, address: node.address))
        }
        var steps: [Step] = []
        for start in stride(from: 0, to: interleaved.count, by: slotsPerWindow) {
            let window = Array(interleaved[start..<min(start + slotsPerWindow, interleaved.count)])
            let slots = slotRanges(of: window.map(\.slot)).compactDescription
            let pairs = Set(window.map { "\($0.source.address) → \($0.target.address)" }).sorted().joined(separator: ", ")
            steps.append(Step(.moveSlots(moves: window, masters: masters),
                              why: "Move slots \(slots) (\(pairs)) with their keys."))
        }
        var summary: [String] = []
        for (source, list) in bySource.sorted(by: { $0.key < $1.key }) {
            summary.append("\(list.count) slot(s) from \(list[0].source.address) (\(source.short))")
        }
        let targets = Set(moves.map(\.target)).compactMap { snapshot.node($0)?.address.description }.sorted()
        var risks = ["While keys move, clients get ASK redirects for moved keys and TRYAGAIN for multi-key commands on a moving slot.",
                     "A key that exists on both sides with a different value stops the move and is not overwritten"
                        + (move.replace ? " — except that --replace overwrites it with the source's value." : " (identical values are replaced; --replace overwrites).")]
        if !counted { risks.append("Keys were not counted on every source: the key total is a lower bound.") }
        return Plan(steps: steps, slots: moving.sorted(), keysToMove: keys, risks: risks,
                    notes: notes + ["Moving " + summary.joined(separator: ", ") + " to " + targets.joined(separator: ", ") + "."],
                    move: move)
    }

    /// A master the plan counts on: every one with an address, except a dead one already
    /// replaced (flagged fail and owning no slot). A failed master that still owns slots
    /// stays in, so the unreachable check refuses to start rather than leave it out.
    static func isLive(_ node: NodeState, in snapshot: ClusterSnapshot) -> Bool {
        !node.address.isUnset && (node.failure.state != .failed || !snapshot.slots(of: node.id).isEmpty)
    }
}
