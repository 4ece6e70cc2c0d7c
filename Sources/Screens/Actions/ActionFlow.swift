import ClusterModel

/// A cluster-changing action the TUI runs through plan → typed confirmation → progress →
/// verdict. Each kind is one adapter in the runtime (a planner call and its confirmation).
public enum ActionKind: String, Sendable, Hashable, CaseIterable {
    case fix, reshard, failover

    /// The panel's title.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// An action's plan as the panel shows it; the runtime builds it from the Operations plan.
public struct ActionPlanSummary: Sendable, Hashable {
    public var kind: ActionKind
    /// One line: steps, nodes, slots, keys to move.
    public var headline: String
    /// The steps with their exact commands and why, then choices, risks and what is left alone.
    public var lines: [String]
    /// What the user must type to go ahead ("1": the number of slots the plan touches).
    public var confirmation: String
    /// What that word is, for the prompt ("the number of slots this plan touches").
    public var confirmationMeaning: String

    public init(kind: ActionKind, headline: String, lines: [String], confirmation: String, confirmationMeaning: String) {
        self.kind = kind
        self.headline = headline
        self.lines = lines
        self.confirmation = confirmation
        self.confirmationMeaning = confirmationMeaning
    }
}

/// Where a running action is.
public struct ActionProgressSummary: Sendable, Hashable {
    /// The step running (0-based); `steps` once finished.
    public var step: Int
    public var steps: Int
    /// The slot whose keys are moving, if any.
    public var slot: Int?
    public var slotsDone: Int
    public var slotsTotal: Int
    public var keysMoved: Int
    public var keysTotal: Int
    public var keysPerSecond: Double

    public init(step: Int, steps: Int, slot: Int? = nil, slotsDone: Int = 0, slotsTotal: Int = 0, keysMoved: Int = 0,
                keysTotal: Int = 0, keysPerSecond: Double = 0) {
        self.step = step
        self.steps = steps
        self.slot = slot
        self.slotsDone = slotsDone
        self.slotsTotal = slotsTotal
        self.keysMoved = keysMoved
        self.keysTotal = keysTotal
        self.keysPerSecond = keysPerSecond
    }

    /// Seconds left at the current rate, when keys are moving and some remain.
    public var etaSeconds: Int? {
        guard keysPerSecond > 0, keysTotal > keysMoved else { return nil }
        return Int((Double(keysTotal - keysMoved) / keysPerSecond).rounded(.up))
    }

    /// How far along, 0…1: by keys when the plan moves keys, else by steps.
    public var fraction: Double {
        if keysTotal > 0 { return min(1, Double(keysMoved) / Double(keysTotal)) }
        return steps > 0 ? min(1, Double(step) / Double(steps)) : 1
    }
}

/// What a fresh poll said after the action.
public struct ActionVerdict: Sendable, Hashable {
    /// The findings the action repairs are gone.
    public var repaired: Bool
    /// "Verified: …", or each problem still there.
    public var lines: [String]

    public init(repaired: Bool, lines: [String]) {
        self.repaired = repaired
        self.lines = lines
    }
}

/// Where an action is in its flow.
public enum ActionPhase: Sendable, Hashable {
    /// Reshard's small form: how many slots to move to `target` (from every other master).
    case askingSlots(target: NodeID, targetName: String)
    /// The runtime polls (with a key census) and plans.
    case planning
    /// The plan is shown; the confirmation is being typed.
    case confirming(ActionPlanSummary)
    /// The executor runs the plan.
    case running(ActionPlanSummary, ActionProgressSummary?)
    /// The run ended (`outcome`); a fresh poll is checking the result.
    case verifying(ActionPlanSummary, outcome: [String])
    /// Done: how the run ended and what the fresh poll says.
    case finished(ActionPlanSummary?, outcome: [String], verdict: ActionVerdict?)
}

/// The action on screen: its kind, phase, what has been typed, and the panel's scroll.
public struct ActionFlow: Sendable, Hashable {
    public var kind: ActionKind
    public var phase: ActionPhase
    /// The confirmation typed so far.
    public var typed = ""
    /// `a` was pressed: the executor stops after the step in flight.
    public var abortRequested = false
    /// First panel line shown (the plan may be longer than the screen).
    public var scroll = 0
    /// Esc while running: the screens show, the footer keeps the progress (f shows the panel).
    public var hidden = false

    public init(kind: ActionKind, phase: ActionPhase = .planning) {
        self.kind = kind
        self.phase = phase
    }

    /// The executor is running: quitting is refused, `a` aborts.
    public var isRunning: Bool {
        if case .running = phase { return true }
        return false
    }

    /// The plan being confirmed, run or reported on.
    public var plan: ActionPlanSummary? {
        switch phase {
        case .planning, .askingSlots: return nil
        case .confirming(let plan), .running(let plan, _), .verifying(let plan, _): return plan
        case .finished(let plan, _, _): return plan
        }
    }
}

/// What the runtime tells the inspector about an action.
public enum ActionUpdate: Sendable, Hashable {
    /// The plan is ready for confirmation.
    case planned(ActionPlanSummary)
    /// No plan: nothing to do, a node involved is unreachable, the poll failed… (`lines`
    /// say what and what to do).
    case notPlanned(title: String, lines: [String])
    case progress(ActionProgressSummary)
    /// The executor ended: finished, stopped on request, or failed (`lines` say which).
    case ran(lines: [String])
    case verified(ActionVerdict)
    /// Mutating commands just sent, with their replies, for the Log screen.
    case commandsSent([String])
    /// A one-line note for the footer (a demo drill's result…).
    case note(String)
}

/// What the inspector asks the runtime to do about actions.
public enum ActionRequest: Sendable, Hashable {
    /// Poll with a key census and plan `kind` on the fresh snapshot. `selected`: the node
    /// selected on the Nodes screen, if any (a failover promotes it; fix ignores it).
    case plan(ActionKind, selected: NodeID?, slots: Int? = nil)
    /// The plan was confirmed: run it.
    case run(ActionKind)
    /// Stop after the step in flight.
    case abort
    /// The plan was cancelled before it ran: drop it.
    case discard
    /// Run a demo drill on the demo's own sandbox.
    case drill(DemoDrill)
}
