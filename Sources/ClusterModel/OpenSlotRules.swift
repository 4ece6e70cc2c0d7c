/// Open slots, by the cases `redis-cli --cluster fix` knows (see redis-facts.md).
func openSlotRules(_ c: RuleContext) -> [Finding] {
    c.snapshot.openSlots.map { open in openSlotFinding(open, c) }
}

func openSlotFinding(_ open: OpenSlot, _ c: RuleContext) -> Finding {
    let slot = open.slot
    let slots = [SlotRange(slot: slot)]
    let migrating = open.migrating, importing = open.importing
    let nodes = migrating.map(\.node) + importing.map(\.node)
    let importersWithKeys = importing.filter { ($0.keys ?? 1) > 0 }   // unknown counts as "may have keys"
    let fixCommand = "slotscope fix \(c.seed)"
    let owner = open.owner ?? migrating.first?.node

    func finish(source: NodeID, target: NodeID) -> SuggestedFix {
        SuggestedFix(action: .finishMigration(slot: slot, source: source, target: target),
                     summary: "Finish the move: migrate the remaining keys, then assign the slot to the target (target first).",
                     commands: [fixCommand,
                                c.cli(source, "CLUSTER GETKEYSINSLOT \(slot) 100") + "  # repeat MIGRATE until empty",
                                c.cli(target, "CLUSTER SETSLOT \(slot) NODE \(target)"),
                                c.cli(source, "CLUSTER SETSLOT \(slot) NODE \(target)")])
    }
    func moveToOwner(_ owner: NodeID, holders: [NodeID]) -> SuggestedFix {
        SuggestedFix(action: .moveKeysToOwner(slot: slot, owner: owner, holders: holders),
                     summary: "Move every key of the slot to its owner \(c.name(owner)), then close the slot everywhere.",
                     commands: [fixCommand] + (holders + [owner]).map { c.cli($0, "CLUSTER SETSLOT \(slot) STABLE") })
    }
    func close(_ ids: [NodeID]) -> SuggestedFix {
        SuggestedFix(action: .closeSlot(slot: slot, nodes: ids), summary: "Close the slot: nothing is left to move.",
                     commands: [fixCommand] + ids.map { c.cli($0, "CLUSTER SETSLOT \(slot) STABLE") })
    }

    switch (migrating.count, importing.count) {
    case (1, 1):
        let m = migrating[0], i = importing[0]
        return Finding(
            severity: .warning, kind: .openSlotHalfMigrated,
            title: "slot \(slot) half-migrated from \(c.name(m.node)) to \(c.name(i.node))",
            explanation: "A resharding stopped midway: the source answers ASK for keys already moved and multi-key commands get TRYAGAIN."
                + (m.peer != i.node || i.peer != m.node ? " The two sides name different peers." : ""),
            slots: slots, nodes: nodes, fix: finish(source: m.node, target: i.node))
    case (0, _) where importing.count >= 1:
        if importersWithKeys.isEmpty {
            return Finding(severity: .warning, kind: .openSlotImportingOnly,
                           title: "slot \(slot) is importing on \(c.names(importing.map(\.node))) with nothing migrating",
                           explanation: "The importing side holds no keys of the slot: the marker is a leftover.",
                           slots: slots, nodes: nodes, fix: close(importing.map(\.node)))
        }
        let fix = owner.map { moveToOwner($0, holders: importersWithKeys.map(\.node)) }
        return Finding(severity: .warning, kind: importing.count > 1 ? .openSlotSeveralImporters : .openSlotImportingOnly,
                       title: "slot \(slot) is importing on \(c.names(importing.map(\.node))) and no node migrates it",
                       explanation: "Keys of the slot may sit on the importing node, where clients without ASKING never reach them"
                           + (importing.contains { $0.keys == nil } ? " (keys were not counted this cycle)." : "."),
                       slots: slots, nodes: nodes + (owner.map { [$0] } ?? []), fix: fix)
    case (0...1, 2...):
        // redis-cli case 3: one migrating, several importing, only the real target has keys → keep it.
        if let m = migrating.first, importersWithKeys.count <= 1,
           let target = importing.first(where: { $0.node == m.peer }) {
            let others = importing.filter { $0.node != target.node }.map(\.node)
            var fix = finish(source: m.node, target: target.node)
            fix.commands += others.map { c.cli($0, "CLUSTER SETSLOT \(slot) STABLE") }
            return Finding(severity: .warning, kind: .openSlotSeveralImporters,
                           title: "slot \(slot) migrating to \(c.name(target.node)) but also importing on \(c.names(others))",
                           explanation: "Only the real target keeps its marker; the others hold no keys and are closed.",
                           slots: slots, nodes: nodes, fix: fix)
        }
        // Case 2: several importers with keys, at most the owner migrating → move all to the owner.
        let fix = owner.map { moveToOwner($0, holders: importersWithKeys.map(\.node).filter { $0 != owner }) }
        return Finding(severity: .warning, kind: .openSlotSeveralImporters,
                       title: "slot \(slot) is importing on \(importing.count) nodes",
                       explanation: "Several nodes took writes for the slot (e.g. after a restart during a move); its keys are split between them.",
                       slots: slots, nodes: nodes, fix: fix)
    case (1, 0):
        let m = migrating[0]
        return Finding(severity: .warning, kind: .openSlotMigratingOnly,
                       title: "slot \(slot) is migrating on \(c.name(m.node)) but no node imports it",
                       explanation: "The source sends ASK redirects to \(c.name(m.peer)), which refuses them: clients loop or fail on keys not found locally.",
                       slots: slots, nodes: nodes, fix: close([m.node]))
    default:
        return Finding(severity: .critical, kind: .openSlotUnfixable,
                       title: "slot \(slot) is open on \(migrating.count) migrating and \(importing.count) importing nodes",
                       explanation: "This combination is not one redis-cli --cluster fix can repair; decide the owner by hand.",
                       slots: slots, nodes: nodes,
                       fix: SuggestedFix(action: .investigate(reason: "several migrating nodes"),
                                         summary: "Count keys of the slot on each node, pick the owner, move keys there, close the slot everywhere.",
                                         commands: nodes.map { c.cli($0, "CLUSTER COUNTKEYSINSLOT \(slot)") }))
    }
}
