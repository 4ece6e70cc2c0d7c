import ClusterModel
import Operations

/// What reshard checks on a fresh poll: before it starts (every node involved answers; on
/// resume, every pending slot is still with its source or its target) and after it ran
/// (every slot with its target, nothing open).
enum ReshardChecks {
    /// The nodes the steps from `firstStep` on talk to that did not answer the poll, as
    /// `address (id): why` lines.
    static func unreachable(_ plan: Plan, snapshot: ClusterSnapshot, from firstStep: Int) -> [String] {
        let involved = Set(plan.steps.dropFirst(firstStep).flatMap(\.nodes).map(\.id))
        return snapshot.nodes.compactMap { node in
            guard involved.contains(node.id), case .unreachable(let why) = node.reachability else { return nil }
            return "\(node.address) (\(node.id.short)): \(why)"
        }
    }

    /// The moves of the steps from `firstStep` on.
    static func pendingMoves(_ plan: Plan, from firstStep: Int) -> [SlotMove] {
        plan.steps.dropFirst(firstStep).flatMap { step -> [SlotMove] in
            if case .moveSlots(let moves, _) = step.action { return moves }
            return []
        }
    }

    /// On resume: a pending slot now owned by a third node (someone else moved it since)
    /// must not be taken from it.
    static func resumeConflicts(_ plan: Plan, snapshot: ClusterSnapshot, from firstStep: Int) -> [String] {
        pendingMoves(plan, from: firstStep).compactMap { move in
            guard let owner = snapshot.owner(ofSlot: move.slot) else {
                return "slot \(move.slot) has no owner now"
            }
            if owner == move.source.id || owner == move.target.id { return nil }
            return "slot \(move.slot) is now owned by \(snapshot.node(owner)?.address.description ?? owner.short), "
                + "neither \(move.source.address) nor \(move.target.address)"
        }
    }

    /// What is still wrong after the run: slots not (yet, in every view) with their target,
    /// and slots of the plan left open.
    static func remainingProblems(_ plan: Plan, snapshot: ClusterSnapshot) -> [String] {
        var problems: [String] = []
        var misplaced: [Int] = []
        for move in pendingMoves(plan, from: 0) where snapshot.owner(ofSlot: move.slot) != move.target.id {
            misplaced.append(move.slot)
        }
        if !misplaced.isEmpty {
            problems.append("slots \(slotRanges(of: misplaced).compactDescription) are not served by their new owner")
        }
        let planned = Set(plan.slots)
        let open = snapshot.openSlots.map(\.slot).filter { planned.contains($0) }
        if !open.isEmpty { problems.append("slots \(slotRanges(of: open).compactDescription) are still open (migrating or importing)") }
        // A master that still names another owner is a problem; a replica learns it from its
        // master by gossip within moments, and routing follows the masters.
        let targets = Dictionary(pendingMoves(plan, from: 0).map { ($0.slot, $0.target.id) }, uniquingKeysWith: { $1 })
        let disputed = snapshot.slotDisagreements.filter { d in
            let expected = (d.range.start...d.range.end).lazy.compactMap { targets[$0] }.first
            guard let expected else { return false }
            return d.opinions.contains { $0.owner != expected && $0.observers.contains { snapshot.node($0)?.isMaster == true } }
        }
        if !disputed.isEmpty {
            problems.append("masters disagree about the owner of slots \(disputed.map(\.range).compactDescription)")
        }
        return problems
    }

    /// On resume: the plan with the pending moves that a fresh poll shows complete (the
    /// target owns the slot and no node has it open) left out of their windows. Their source
    /// may even have become a replica meanwhile (it gave away its last slot), and must not be
    /// sent the window's commands again. Step numbers stay as journaled.
    static func withoutCompletedMoves(_ plan: Plan, snapshot: ClusterSnapshot, from firstStep: Int) -> (plan: Plan, skipped: [Int]) {
        let open = Set(snapshot.openSlots.map(\.slot))
        var trimmed = plan
        var skipped: [Int] = []
        for index in plan.steps.indices where index >= firstStep {
            guard case .moveSlots(let moves, let masters) = plan.steps[index].action else { continue }
            let remaining = moves.filter { move in
                let complete = snapshot.owner(ofSlot: move.slot) == move.target.id && !open.contains(move.slot)
                if complete { skipped.append(move.slot) }
                return !complete
            }
            trimmed.steps[index].action = .moveSlots(moves: remaining, masters: masters.filter { master in
                snapshot.node(master.id)?.isMaster ?? true
            })
        }
        return (trimmed, skipped)
    }
}
