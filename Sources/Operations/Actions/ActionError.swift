import Wire

/// Why an action stopped, as one plain line: what failed, where, and what to do next.
public enum ActionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The session is read-only: nothing was sent.
    case readOnly
    /// A node could not be reached or did not answer in time.
    case wire(step: Int, node: PlanNode, WireError)
    /// A command got an error reply.
    case commandFailed(step: Int, node: PlanNode, command: String, reply: String)
    /// Keys exist on both sides with different values; nothing was overwritten.
    case busyKey(step: Int, slot: Int, source: PlanNode, target: PlanNode, keys: [String])
    /// TRYAGAIN kept coming back.
    case tryAgainExhausted(step: Int, slot: Int, source: PlanNode)
    /// CLUSTER FORGET did not reach every node within the ban window.
    case forgetTooSlow(step: Int, seconds: Double)
    /// The journal could not be written or read.
    case journal(String)
    /// Moving keys got no reply in time: the source, or the target the source MIGRATEs to,
    /// is not answering.
    case keyMoveStalled(step: Int, slots: [Int], source: PlanNode, target: PlanNode, WireError)
    /// Stopped on request (SIGINT) between steps: every step that ran is complete.
    /// `betweenSlots`: the last step done finished whole slots (a reshard window); otherwise
    /// (fix's single commands) a slot may be open until the rest of the plan runs.
    case interrupted(step: Int, slotsDone: Int, slotsTotal: Int, betweenSlots: Bool)

    public var description: String {
        switch self {
        case .readOnly:
            return "refused in read-only mode (--read-only or SLOTSCOPE_READONLY=1): nothing was sent"
        case .wire(let step, let node, let error):
            return "step \(step + 1): \(node): \(error.description) — the slot is left open; run fix again (or --resume) once the node answers"
        case .commandFailed(let step, let node, let command, let reply):
            return "step \(step + 1): \(command) on \(node) failed: \(reply)"
        case .busyKey(let step, let slot, let source, let target, let keys):
            let shown = keys.prefix(5).joined(separator: ", ") + (keys.count > 5 ? ", … (\(keys.count) keys)" : "")
            return "step \(step + 1): slot \(slot): \(shown) exist on both \(source) and \(target) with different values; "
                + "nothing was overwritten — compare them, delete the wrong copy, or pass --replace to keep the source's value"
        case .tryAgainExhausted(let step, let slot, let source):
            return "step \(step + 1): slot \(slot) on \(source) kept answering TRYAGAIN; run fix again"
        case .forgetTooSlow(let step, let seconds):
            return "step \(step + 1): CLUSTER FORGET took \(Int(seconds)) s, more than the 60 s ban window; run fix again"
        case .journal(let message):
            return "journal: \(message)"
        case .keyMoveStalled(let step, let slots, let source, let target, let error):
            let what = slots.count == 1 ? "slot \(slots[0])" : "\(slots.count) slots"
            return "step \(step + 1): moving the keys of \(what) from \(source) to \(target): \(error.description) — "
                + "one of the two is not answering; the slots are left open: run the same command with --resume "
                + "(or slotscope fix) once both answer"
        case .interrupted(let step, let done, let total, let betweenSlots):
            if betweenSlots {
                return "interrupted before step \(step + 1): \(done) of \(total) slot(s) moved, none left half-way; "
                    + "run the same command with --resume to finish"
            }
            return "interrupted before step \(step + 1): a slot may be left open until the rest of the plan runs; "
                + "run the same command with --resume to finish"
        }
    }
}
