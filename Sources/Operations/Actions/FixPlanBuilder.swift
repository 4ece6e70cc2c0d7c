import ClusterModel

/// Accumulates the steps of a fix plan, one broken state at a time (see `FixPlanner`).
struct FixPlanBuilder {
    let snapshot: ClusterSnapshot
    let options: FixOptions
    let ghosts: Set<NodeID>
    private var steps: [Step] = []
    private var slots: Set<Int> = []
    private var keys = 0
    private var risks: [String] = []
    private var notes: [String] = []
    private var unresolved: [String] = []
    /// Slots this plan assigns, and to whom, so later cases see the new owner.
    private var assigned: [Int: NodeID] = [:]

    init(snapshot: ClusterSnapshot, options: FixOptions, ghosts: Set<NodeID>) {
        self.snapshot = snapshot
        self.options = options
        self.ghosts = ghosts
    }

    // MARK: Unassigned slots

    /// No keys anywhere → shared out evenly among the masters; keys on one master → it gets
    /// the slot; keys on several → the one with the most gets it and the others' keys move there.
    mutating func assignUnownedSlots(_ ranges: [SlotRange]) {
        let free = Set(ranges.flatMap { $0.start...$0.end })
        var holders: [Int: [(node: NodeID, keys: Int)]] = [:]
        for f in snapshot.foreignKeys ?? [] where f.owner == nil && free.contains(f.slot) {
            holders[f.slot, default: []].append((f.node, f.keys))
        }
        let masters = liveMasters.filter { $0.failure.state == .ok }
        let uncounted = masters.filter { $0.slotKeyCounts == nil }
        if !uncounted.isEmpty {
            risks.append("Keys on \(uncounted.map { "\($0.address)" }.joined(separator: ", ")) were not counted: "
                         + "a slot given to another master may hold keys there, which would then sit on a non-owner.")
        }
        var byOwner: [NodeID: [Int]] = [:]
        var rehome: [(slot: Int, holder: NodeID, owner: NodeID, keys: Int)] = []
        for (slot, list) in holders.sorted(by: { $0.key < $1.key }) {
            let owner = list.max { ($0.keys, $1.node) < ($1.keys, $0.node) }!.node
            byOwner[owner, default: []].append(slot)
            for other in list where other.node != owner { rehome.append((slot, other.node, owner, other.keys)) }
        }
        let empty = free.subtracting(holders.keys).sorted()
        let current = masters.map { (id: $0.id, owned: snapshot.slots(of: $0.id).slotCount + (byOwner[$0.id]?.count ?? 0)) }
        var balanced: Set<NodeID> = []
        for share in SlotBalancer.assign(empty, to: current) {
            byOwner[share.id, default: []] += share.slots
            balanced.insert(share.id)
        }
        if !empty.isEmpty && masters.isEmpty {
            unresolved.append("slots \(SlotBalancer.ranges(empty).compactDescription) have no owner and no healthy master can take them")
        }
        for (owner, ownedSlots) in byOwner.sorted(by: { $0.key < $1.key }) {
            guard let node = node(owner) else { continue }
            let runs = SlotBalancer.ranges(ownedSlots)
            let withKeys = ownedSlots.filter { holders[$0] != nil }
            var why = "No master serves slots \(runs.compactDescription): give them to \(node.address)"
            why += withKeys.isEmpty ? ", which has the fewest slots (balanced)."
                : balanced.contains(owner) ? ", which holds keys of some of them and has the fewest slots."
                : ", which holds their keys."
            steps.append(Step(.command(node: node, arguments: addSlotsArguments(runs, on: owner), tolerated: [], bestEffort: false),
                              why: why))
            for slot in ownedSlots { assigned[slot] = owner; slots.insert(slot) }
        }
        for r in rehome {
            guard let holder = node(r.holder), let owner = node(r.owner) else { continue }
            // The holder must know the new owner before MIGRATE runs there (a node answers
            // CLUSTERDOWN for a slot it thinks nobody serves); gossip would take a moment.
            steps.append(Step(.command(node: holder, arguments: ["CLUSTER", "SETSLOT", String(r.slot), "NODE", owner.id.description],
                                       tolerated: [], bestEffort: false),
                              why: "Tell \(holder.address) that \(owner.address) now serves slot \(r.slot)."))
            rehomeKeys(slot: r.slot, holder: holder, owner: owner, keys: r.keys,
                       why: "\(r.keys) key(s) of slot \(r.slot) also sit on \(holder.address); \(owner.address) holds more and gets the slot")
        }
    }

    private func addSlotsArguments(_ runs: [SlotRange], on id: NodeID) -> [String] {
        let version = snapshot.node(id)?.version ?? ""
        if ["2.", "3.", "4.", "5.", "6."].contains(where: { version.hasPrefix($0) }) {
            return ["CLUSTER", "ADDSLOTS"] + runs.flatMap { $0.start...$0.end }.map(String.init)
        }
        return ["CLUSTER", "ADDSLOTSRANGE"] + runs.flatMap { [String($0.start), String($0.end)] }
    }

    // MARK: Keys on a master that does not own the slot

    /// Keys of a stable slot on non-owners go to the owner: the holder opens the slot
    /// IMPORTING from the owner (only an open slot lets MIGRATE run on a node that does not
    /// own it), migrates every key, then closes the slot again.
    mutating func rehomeForeignKeys(slot: Int) {
        for f in snapshot.foreignKeys ?? [] where f.slot == slot {
            guard let ownerID = f.owner ?? assigned[slot] else { continue }
            if snapshot.openSlots.contains(where: { $0.slot == slot }) {
                notes.append("Slot \(slot): the \(f.keys) key(s) on \(snapshot.node(f.node)?.address.description ?? f.node.short) are left "
                             + "for the next run, because the slot is also open; run fix again afterwards.")
                continue
            }
            guard let holder = node(f.node), let owner = node(ownerID) else { continue }
            rehomeKeys(slot: slot, holder: holder, owner: owner, keys: f.keys,
                       why: "\(f.keys) key(s) of slot \(slot) sit on \(holder.address), which does not own it: clients never see them")
        }
    }

    private mutating func rehomeKeys(slot: Int, holder: PlanNode, owner: PlanNode, keys: Int, why: String) {
        steps.append(Step(.command(node: holder, arguments: ["CLUSTER", "SETSLOT", String(slot), "IMPORTING", owner.id.description],
                                   tolerated: [], bestEffort: false),
                          why: why + "; open the slot on the holder so MIGRATE may run there."))
        steps.append(Step(.moveKeys(slot: slot, source: holder, target: owner, expectedKeys: keys),
                          why: "Move them to the owner \(owner.address)."))
        steps.append(stable(slot, on: holder, why: "Close the slot on \(holder.address) again: nothing of it is left there."))
        self.keys += keys
        slots.insert(slot)
    }

    // MARK: Open slots

    /// redis-cli's cases: migrating + importing → finish the move; several importers or
    /// importing-only with keys → all keys to the owner; migrating-only → close; plus the
    /// choice of owner when an importer holds more keys than the configured owner.
    mutating func closeOpenSlot(_ open: OpenSlot, title: String) {
        let slot = open.slot
        let migrating = open.migrating, importing = open.importing
        let withKeys = importing.filter { ($0.keys ?? 1) > 0 }
        slots.insert(slot)
        if migrating.count > 1 {
            unresolved.append("\(title): several nodes migrate it; count its keys on each node and decide the owner by hand")
            slots.remove(slot)
            return
        }
        if let source = migrating.first {
            guard let sourceNode = node(source.node) else { return unreachable(slot, source.node) }
            if importing.isEmpty {
                steps.append(stable(slot, on: sourceNode, why: "Slot \(slot) is MIGRATING on \(sourceNode.address) but no node imports it: close it."))
                return
            }
            let target = importing.count == 1 ? importing[0] : importing.first { $0.node == source.peer }
            if let target, withKeys.allSatisfy({ $0.node == target.node }) {
                for other in importing where other.node != target.node {
                    guard let n = node(other.node) else { return unreachable(slot, other.node) }
                    steps.append(stable(slot, on: n, why: "\(n.address) imports slot \(slot) too but holds none of its keys: close it there."))
                }
                guard let targetNode = node(target.node) else { return unreachable(slot, target.node) }
                finishMove(slot: slot, source: sourceNode, target: targetNode, keys: source.keys,
                           why: "Slot \(slot) was left half-way from \(sourceNode.address) to \(targetNode.address): finish the move.")
                return
            }
            // Several importers hold keys: everything goes back to the owner (the migrating node).
            moveAllToOwner(open, owner: open.owner ?? source.node, importers: withKeys, ownerMigrating: true)
            return
        }
        guard let ownerID = open.owner ?? assigned[slot] else {
            unresolved.append("\(title): the slot has no owner; assign it first")
            return
        }
        if withKeys.isEmpty {
            for side in importing {
                guard let n = node(side.node) else { return unreachable(slot, side.node) }
                steps.append(stable(slot, on: n, why: "\(n.address) imports slot \(slot) but holds none of its keys and nothing migrates it: close it."))
            }
            return
        }
        let ownerKeys = open.owner == nil ? 0 : (keysOn(ownerID, slot: slot) ?? 0)
        let top = withKeys.max { ($0.keys ?? 0, $1.node) < ($1.keys ?? 0, $0.node) }!
        let ownerAddress = snapshot.node(ownerID)?.address.description ?? ownerID.short
        let topAddress = snapshot.node(top.node)?.address.description ?? top.node.short
        if (top.keys ?? 0) > ownerKeys {
            if options.ownerChoice == .importerWithMostKeys && withKeys.count == 1 {
                notes.append("Slot \(slot): the importer \(topAddress) holds \(top.keys ?? 0) key(s), the owner \(ownerAddress) \(ownerKeys); "
                             + "as asked (--owner importer), the slot goes to \(topAddress) and the owner's keys move there.")
                giveToImporter(slot: slot, owner: ownerID, importer: top.node, ownerKeys: ownerKeys, others: importing)
                return
            }
            notes.append("Slot \(slot): the importer \(topAddress) holds \(top.keys ?? 0) key(s), more than the configured owner "
                         + "\(ownerAddress) (\(ownerKeys)). Keeping \(ownerAddress): every node already sends clients there, and the "
                         + "importer's keys are invisible to them. "
                         + (withKeys.count == 1 ? "Pass --owner importer to hand the slot to \(topAddress) instead."
                            : "Handing it to an importer is only offered when one importer holds keys."))
        }
        moveAllToOwner(open, owner: ownerID, importers: withKeys, ownerMigrating: false)
    }

    private mutating func moveAllToOwner(_ open: OpenSlot, owner ownerID: NodeID, importers: [OpenSlot.Side], ownerMigrating: Bool) {
        let slot = open.slot
        guard let owner = node(ownerID) else { return unreachable(slot, ownerID) }
        if ownerMigrating {
            // A MIGRATING owner answers ASK for keys it lacks, even to MIGRATE's RESTORE: close it first.
            steps.append(stable(slot, on: owner, why: "Close slot \(slot) on its owner \(owner.address) first, so it accepts the keys coming back."))
        }
        for side in importers where side.node != ownerID {
            guard let holder = node(side.node) else { return unreachable(slot, side.node) }
            steps.append(Step(.moveKeys(slot: slot, source: holder, target: owner, expectedKeys: side.keys),
                              why: "\(side.keys.map(String.init) ?? "Some") key(s) of slot \(slot) sit on the importer \(holder.address): move them to the owner \(owner.address)."))
            keys += side.keys ?? 0
        }
        for side in open.importing {
            guard let n = node(side.node) else { return unreachable(slot, side.node) }
            steps.append(stable(slot, on: n, why: "Close slot \(slot) on \(n.address): its keys are with the owner now."))
        }
    }

    private mutating func giveToImporter(slot: Int, owner ownerID: NodeID, importer: NodeID, ownerKeys: Int, others: [OpenSlot.Side]) {
        guard let owner = node(ownerID) else { return unreachable(slot, ownerID) }
        guard let target = node(importer) else { return unreachable(slot, importer) }
        for other in others where other.node != importer {
            guard let n = node(other.node) else { return unreachable(slot, other.node) }
            steps.append(stable(slot, on: n, why: "\(n.address) imports slot \(slot) but holds none of its keys: close it there."))
        }
        steps.append(Step(.command(node: target, arguments: ["CLUSTER", "SETSLOT", String(slot), "IMPORTING", ownerID.description],
                                   tolerated: [], bestEffort: false),
                          why: "Make sure \(target.address) imports slot \(slot) from its owner \(owner.address)."))
        steps.append(Step(.command(node: owner, arguments: ["CLUSTER", "SETSLOT", String(slot), "MIGRATING", importer.description],
                                   tolerated: [], bestEffort: false),
                          why: "Open the move on the owner \(owner.address)."))
        finishMove(slot: slot, source: owner, target: target, keys: ownerKeys,
                   why: "Move the owner's \(ownerKeys) key(s) of slot \(slot) to \(target.address), which takes the slot.")
    }

    /// Moves the keys, then `SETSLOT slot NODE target` on the target first, the source next,
    /// then every other master (best effort: gossip tells them too).
    private mutating func finishMove(slot: Int, source: PlanNode, target: PlanNode, keys: Int?, why: String) {
        steps.append(Step(.moveKeys(slot: slot, source: source, target: target, expectedKeys: keys), why: why))
        self.keys += keys ?? 0
        let assign = ["CLUSTER", "SETSLOT", String(slot), "NODE", target.id.description]
        steps.append(Step(.command(node: target, arguments: assign, tolerated: [], bestEffort: false),
                          why: "Assign slot \(slot) to \(target.address) on the target first, so it serves the slot before the source lets go."))
        steps.append(Step(.command(node: source, arguments: assign, tolerated: [], bestEffort: false),
                          why: "Then on the source \(source.address), which stops redirecting with ASK."))
        for master in liveMasters where master.id != source.id && master.id != target.id {
            guard let n = node(master.id) else { continue }
            steps.append(Step(.command(node: n, arguments: assign, tolerated: [], bestEffort: true),
                              why: "Tell \(n.address) now rather than through gossip."))
        }
    }

    // MARK: Ghost nodes

    /// `CLUSTER FORGET id` on every other live node at once, within the 60 s ban window.
    mutating func forget(_ id: NodeID, on ids: [NodeID]) {
        let nodes = ids.filter { !ghosts.contains($0) }.compactMap { node($0) }
        guard !nodes.isEmpty else {
            unresolved.append("ghost node \(id.short): no live node to send CLUSTER FORGET to")
            return
        }
        steps.append(Step(.commandOnAll(nodes: nodes, arguments: ["CLUSTER", "FORGET", id.description],
                                        tolerated: ["Unknown node"], withinSeconds: 60),
                          why: "Node \(id.short) is a ghost (no address or replaced): every node must forget it within 60 s, or gossip brings it back."))
        risks.append("CLUSTER FORGET must reach all \(nodes.count) nodes within 60 s; a node that misses it teaches the others the ghost again (run fix again then).")
    }

    // MARK: Helpers

    func finish() -> Plan {
        var risks = self.risks
        if steps.contains(where: { $0.movedSlot != nil }) {
            risks.insert("While keys move, clients get ASK redirects for moved keys and TRYAGAIN for multi-key commands on the slot.", at: 0)
            risks.append("A key that exists on both sides with a different value stops the move and is not overwritten"
                         + (options.move.replace ? " — except that --replace overwrites it with the source's value." : " (identical values are replaced; --replace overwrites)."))
        }
        return Plan(steps: steps, slots: slots.sorted(), keysToMove: keys, risks: risks, notes: notes,
                    unresolved: unresolved, move: options.move)
    }

    private var liveMasters: [NodeState] {
        snapshot.masters.filter { $0.reachability.isReachable && !ghosts.contains($0.id) }
    }

    private func node(_ id: NodeID) -> PlanNode? {
        guard let n = snapshot.node(id), !n.address.isUnset else { return nil }
        return PlanNode(id: id, address: n.address)
    }

    private func keysOn(_ id: NodeID, slot: Int) -> Int? {
        guard let counts = snapshot.node(id)?.slotKeyCounts else { return nil }
        return counts.first { $0.slot == slot }?.keys ?? 0
    }

    private func stable(_ slot: Int, on node: PlanNode, why: String) -> Step {
        Step(.command(node: node, arguments: ["CLUSTER", "SETSLOT", String(slot), "STABLE"], tolerated: [], bestEffort: false), why: why)
    }

    private mutating func unreachable(_ slot: Int, _ id: NodeID) {
        unresolved.append("slot \(slot): node \(id.short) has no known address")
    }
}
