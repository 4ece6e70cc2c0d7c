import Operations

/// A plan as people read it: a summary line, each step's exact command and why, then
/// notes, risks and what the plan leaves alone. `--dry-run` prints exactly this.
enum PlanText {
    /// `commands: false` shows each step's why only (a reshard of 1000 slots has thousands
    /// of commands; `--dry-run` prints them all).
    static func render(_ plan: Plan, action: String, from firstStep: Int = 0, commands showCommands: Bool = true) -> String {
        var lines: [String] = []
        let slotText = plan.slots.isEmpty ? "no slots" : plan.slots.count == 1 ? "slot \(plan.slots[0])"
            : "\(plan.slots.count) slots (\(slotList(plan.slots)))"
        // A plan that moves nothing (a failover, a forget) says only where it runs.
        let moves = plan.slots.isEmpty && plan.keysToMove == 0 ? "" : ", touching \(slotText), \(plan.keysToMove) key(s) to move"
        lines.append("Plan: \(action) — \(plan.steps.count) step(s) on \(plan.nodes.count) node(s)" + moves)
        if firstStep > 0 { lines.append("Resuming at step \(firstStep + 1): steps 1-\(firstStep) already ran.") }
        for (index, step) in plan.steps.enumerated() where index >= firstStep && !showCommands {
            lines.append(String(format: "%3d. ", index + 1) + step.why)
        }
        for (index, step) in plan.steps.enumerated() where index >= firstStep && showCommands {
            let commands = step.commandLines(move: plan.move)
            lines.append(String(format: "%3d. ", index + 1) + commands[0])
            for more in commands.dropFirst() { lines.append("     " + more) }
            lines.append("     why: " + step.why)
        }
        if !plan.notes.isEmpty {
            lines.append("Choices:")
            lines += plan.notes.map { "  - " + $0 }
        }
        if !plan.risks.isEmpty {
            lines.append("Risks:")
            lines += plan.risks.map { "  - " + $0 }
        }
        if !plan.unresolved.isEmpty {
            lines.append("Not repaired by this plan:")
            lines += plan.unresolved.map { "  - " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// `1-3,7` for slots 1, 2, 3, 7.
    static func slotList(_ slots: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for slot in slots.sorted() {
            if let last = runs.last, last.1 + 1 == slot { runs[runs.count - 1].1 = slot } else { runs.append((slot, slot)) }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }.joined(separator: ",")
    }

    /// One progress line: `step 3/9 · slot 42 · slots 1/2 · keys 10/20 · 1234 keys/s`.
    static func progress(_ p: ActionProgress) -> String {
        var parts = [p.step >= p.steps ? "done" : "step \(p.step + 1)/\(p.steps)"]
        if let slot = p.slot, p.step < p.steps { parts.append("slot \(slot)") }
        if p.slotsTotal > 0 { parts.append("slots \(p.slotsDone)/\(p.slotsTotal)") }
        if p.keysTotal > 0 || p.keysMoved > 0 { parts.append("keys \(p.keysMoved)/\(p.keysTotal)") }
        if p.keysPerSecond > 0 { parts.append("\(Int(p.keysPerSecond)) keys/s") }
        if p.keysPerSecond > 0, p.keysTotal > p.keysMoved, p.step < p.steps {
            parts.append("ETA \(Int((Double(p.keysTotal - p.keysMoved) / p.keysPerSecond).rounded(.up))) s")
        }
        return parts.joined(separator: " · ")
    }
}
