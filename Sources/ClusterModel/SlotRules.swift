/// Coverage, cluster state, agreement, epochs and keys on non-owners.
func slotRules(_ c: RuleContext) -> [Finding] {
    let s = c.snapshot
    var out: [Finding] = []
    let haveViews = !s.ownershipViews.isEmpty

    // Unassigned slots.
    let unassigned = haveViews ? s.unassignedSlots : []
    if !unassigned.isEmpty {
        // Prefer the master holding the most keys of those slots, else the master with the fewest slots.
        var keysByNode: [NodeID: Int] = [:]
        for f in s.foreignKeys ?? [] where f.owner == nil { keysByNode[f.node, default: 0] += f.keys }
        let target = keysByNode.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            ?? c.slotMasters.filter { s.node($0.master)?.failure.state == .ok }
                .min { ($0.slots.slotCount, $0.master) < ($1.slots.slotCount, $1.master) }?.master
        var fix: SuggestedFix?
        if let target {
            let ranges = unassigned.map { "\($0.start) \($0.end)" }.joined(separator: " ")
            let old = s.node(target)?.version.map { $0.hasPrefix("6.") || $0.hasPrefix("5.") } ?? false
            fix = SuggestedFix(
                action: .assignSlots(slots: unassigned, node: target),
                summary: "Assign the slots to \(c.name(target))\(keysByNode.isEmpty ? "" : ", which holds their keys").",
                commands: ["slotscope fix \(c.seed)"]
                    + (old ? [] : [c.cli(target, "CLUSTER ADDSLOTSRANGE \(ranges)")]))
        }
        out.append(Finding(
            severity: .critical, kind: .unassignedSlots,
            title: "\(c.slotText(unassigned)) not served by any master",
            explanation: "No master owns these slots, so every command on their keys fails with "
                + "`CLUSTERDOWN Hash slot not served`; with cluster-require-full-coverage (the default) the whole cluster refuses writes.",
            slots: unassigned, nodes: target.map { [$0] } ?? [], fix: fix))
    }

    // cluster_state:fail.
    let failing = s.nodes.filter { $0.clusterInfo?.state == .fail }
    if !failing.isEmpty {
        let reason = !unassigned.isEmpty ? "some slots have no owner"
            : s.nodes.contains { $0.isMaster && $0.failure.state == .failed && !s.slots(of: $0.id).isEmpty }
                ? "a master serving slots is marked fail and has not been replaced"
                : "these nodes cannot reach a majority of masters, or they see slots without a working owner"
        out.append(Finding(
            severity: .critical, kind: .clusterStateFail,
            title: "cluster_state:fail on \(failing.count) of \(s.nodes.filter { $0.clusterInfo != nil }.count) nodes read",
            explanation: "Nodes in state fail refuse queries (`CLUSTERDOWN The cluster is down`): \(reason).",
            nodes: failing.map(\.id),
            fix: SuggestedFix(action: .investigate(reason: reason), summary: "Fix the cause listed in the other findings; the state returns to ok by itself.",
                              commands: ["slotscope check \(c.seed)"])))
    }

    // Disagreements on ownership.
    for d in s.slotDisagreements {
        let detail = d.opinions.map { "\($0.owner.map(c.name) ?? "nobody") according to \($0.observers.count) node(s)" }
            .joined(separator: "; ")
        out.append(Finding(
            severity: .warning, kind: .slotOwnershipDisagreement,
            title: "nodes disagree about who owns \(c.slotText([d.range]))",
            explanation: "Owner: \(detail). Clients get MOVED back and forth until gossip converges; if it persists, the higher config epoch should win.",
            slots: [d.range], nodes: d.opinions.compactMap(\.owner),
            fix: SuggestedFix(action: .investigate(reason: "ownership views differ"),
                              summary: "Check again in a few seconds; if it persists, look for a config-epoch collision or a partition.",
                              commands: ["slotscope check \(c.seed)"])))
    }

    // Config-epoch collisions among masters serving slots.
    var byEpoch: [UInt64: [NodeID]] = [:]
    for shard in c.slotMasters { if let n = s.node(shard.master), n.configEpoch > 0 { byEpoch[n.configEpoch, default: []].append(n.id) } }
    for (epoch, ids) in byEpoch.sorted(by: { $0.key < $1.key }) where ids.count > 1 {
        out.append(Finding(
            severity: .warning, kind: .configEpochCollision,
            title: "masters \(c.names(ids)) share config epoch \(epoch)",
            explanation: "Redis resolves collisions by bumping the epoch of the node with the lower id; one that persists means that resolution is stuck, and slot conflicts between them cannot be settled.",
            nodes: ids,
            fix: SuggestedFix(action: .investigate(reason: "config epoch collision"),
                              summary: "If it persists, bump the epoch on one of them.",
                              commands: [c.cli(ids.last!, "CLUSTER BUMPEPOCH")])))
    }

    // Current epoch disagreement (beyond 1: gossip lag of a single bump is normal).
    let epochs = s.nodes.compactMap { $0.clusterInfo?.currentEpoch }
    if let lo = epochs.min(), let hi = epochs.max(), hi > lo + 1 {
        let behind = s.nodes.filter { ($0.clusterInfo?.currentEpoch ?? hi) < hi }.map(\.id)
        out.append(Finding(
            severity: .warning, kind: .currentEpochDisagreement,
            title: "nodes report cluster epochs from \(lo) to \(hi)",
            explanation: "\(behind.count) node(s) lag behind the cluster's current epoch: they may not hear gossip, or a partition is healing.",
            nodes: behind))
    }

    // Keys on masters that do not own the slot.
    if let foreign = s.foreignKeys, !foreign.isEmpty {
        var bySlot: [Int: [ForeignKeys]] = [:]
        for f in foreign where f.owner != nil { bySlot[f.slot, default: []].append(f) }
        for (slot, holders) in bySlot.sorted(by: { $0.key < $1.key }) {
            let owner = holders[0].owner!
            let keys = holders.reduce(0) { $0 + $1.keys }
            // The owner refuses IMPORTING for a slot it owns (Redis 7.0): the holder opens the
            // slot as importing from the owner, so that with ASKING it will read and MIGRATE the
            // keys it should not have, then closes it again.
            var commands = ["slotscope fix \(c.seed)"]
            let target = s.node(owner)?.address ?? NodeAddress(host: "?", port: 0)
            for h in holders {
                commands.append(c.cli(h.node, "CLUSTER SETSLOT \(slot) IMPORTING \(owner)"))
                commands.append(c.cli(h.node, "CLUSTER GETKEYSINSLOT \(slot) 100") + "  # then, on one connection:")
                commands.append(c.cli(h.node, "ASKING") + " ; MIGRATE \(target.host) \(target.port) \"\" 0 5000 KEYS <keys…>")
                commands.append(c.cli(h.node, "CLUSTER SETSLOT \(slot) STABLE"))
            }
            out.append(Finding(
                severity: .critical, kind: .keysOnNonOwner,
                title: "\(keys) key(s) of slot \(slot) sit on \(c.names(holders.map(\.node))), which does not own it",
                explanation: "Clients are redirected to the owner \(c.name(owner)) and never see these keys. redis-cli --cluster check says nothing about this.",
                slots: [SlotRange(slot: slot)], nodes: [owner] + holders.map(\.node),
                fix: SuggestedFix(action: .moveKeysToOwner(slot: slot, owner: owner, holders: holders.map(\.node)),
                                  summary: "On each holder: open the slot IMPORTING from the owner, ASKING + MIGRATE its keys to the owner, then close the slot (slotscope fix does this).",
                                  commands: commands)))
        }
    }
    return out
}
