import ClusterModel
import UI

/// The pure part of an action in the inspector: starting it, the keys while its panel is
/// open (typed confirmation, abort, scroll, close) and the runtime's updates. The runtime
/// (CLI/TUI) does the polling, planning and executing these effects ask for.
enum ActionFlowProgram {
    /// The most lines kept in the session's change log (Log screen).
    static let changeLogLimit = 500

    /// An action key was pressed (read-only mode refused it already, in the key map).
    static func start(_ kind: ActionKind, in state: InspectorState) -> (InspectorState, [InspectorEffect]) {
        var next = state
        guard !state.readOnly else {
            next.status = "\(kind.rawValue): refused in read-only mode; nothing was sent"
            return (next, [])
        }
        guard state.action == nil else { return (next, []) }
        guard state.snapshot != nil else {
            next.status = "\(kind.rawValue): wait for the first poll"
            return (next, [])
        }
        next.showHelp = false
        if kind == .reshard {
            // The target is the master selected on Nodes; the form asks how many slots.
            guard let id = selectedNode(state), let node = state.snapshot?.node(id), node.isMaster else {
                next.status = "reshard: on the Nodes screen, select the master that receives the slots, then press R"
                return (next, [])
            }
            next.action = ActionFlow(kind: kind, phase: .askingSlots(target: id, targetName: "\(node.address) (\(id.short))"))
            next.status = ""
            return (next, [])
        }
        next.action = ActionFlow(kind: kind)
        next.status = ""
        return (next, [.action(.plan(kind, selected: selectedNode(state)))])
    }

    /// The node under the Nodes screen's selection, when that screen is showing.
    static func selectedNode(_ state: InspectorState) -> NodeID? {
        guard state.screen == .nodes, let snapshot = state.snapshot else { return nil }
        let rows = NodeRow.make(snapshot, dialed: state.dialed, filter: state.filter(for: .nodes))
        let index = state.selected(on: .nodes)
        return rows.indices.contains(index) ? rows[index].node.id : nil
    }

    /// A key while an action is open; nil: not the action's, handle it as usual (the panel is
    /// hidden while the action runs, so the screens can be watched).
    static func key(_ key: Key, in state: InspectorState) -> (InspectorState, [InspectorEffect])? {
        guard var flow = state.action else { return nil }
        var next = state
        if flow.hidden {
            guard state.input == nil else { return nil }
            switch key {
            case .char("a"), .char("q"), .ctrl("c"): break  // abort, or quitting refused, below
            case .char("f"), .enter:
                flow.hidden = false
                next.action = flow
                return (next, [])
            default:
                return nil
            }
        }
        if let scrolled = scroll(flow, key, height: state.size.height) {
            next.action = scrolled
            return (next, [])
        }
        switch flow.phase {
        case .askingSlots(let target, _):
            switch key {
            case .escape, .ctrl("c"):
                next.action = nil
                next.status = "reshard cancelled: nothing was sent"
            case .enter:
                guard let slots = Int(flow.typed), (1...clusterSlotCount).contains(slots) else {
                    flow.typed = ""
                    next.action = flow
                    next.status = "type a number of slots from 1 to \(clusterSlotCount), or esc to cancel"
                    return (next, [])
                }
                flow.typed = ""
                flow.phase = .planning
                next.action = flow
                next.status = ""
                return (next, [.action(.plan(.reshard, selected: target, slots: slots))])
            case .backspace:
                if !flow.typed.isEmpty { flow.typed.removeLast() }
                next.action = flow
            case .char(let character) where character.isASCII && character.isNumber && flow.typed.count < 5:
                flow.typed.append(character)
                next.action = flow
            default:
                break
            }
        case .planning:
            if key == .escape || key == .ctrl("c") {
                next.action = nil
                next.status = "\(flow.kind.rawValue) cancelled: nothing was sent"
                return (next, [.action(.discard)])
            }
        case .confirming(let plan):
            switch key {
            case .escape, .ctrl("c"):
                next.action = nil
                next.status = "\(flow.kind.rawValue) cancelled: nothing was sent"
                return (next, [.action(.discard)])
            case .enter:
                let typed = flow.typed.trimmingSpaces
                guard typed == plan.confirmation else {
                    flow.typed = ""
                    next.action = flow
                    next.status = "not confirmed: " + (typed.isEmpty ? "nothing typed" : "typed \"\(typed)\"")
                        + "; type \(plan.confirmation) (\(plan.confirmationMeaning)) or esc to cancel"
                    return (next, [])
                }
                flow.typed = ""
                flow.phase = .running(plan, nil)
                next.action = flow
                next.status = "\(flow.kind.rawValue) running: a aborts after the step in flight"
                return (next, [.action(.run(flow.kind))])
            case .backspace:
                if !flow.typed.isEmpty { flow.typed.removeLast() }
            case .char(let character):
                if flow.typed.count < 40 { flow.typed.append(character) }
            default:
                break
            }
            next.action = flow
        case .running:
            switch key {
            case .char("a"):
                guard !flow.abortRequested else { return (next, []) }
                flow.abortRequested = true
                next.action = flow
                next.status = "aborting: the step in flight finishes, then the run stops (journaled)"
                return (next, [.action(.abort)])
            case .char("q"), .ctrl("c"):
                next.status = "\(flow.kind.rawValue) is running: a aborts it after the step in flight"
            case .escape:
                flow.hidden = true
                next.action = flow
                next.status = ""
            default:
                break
            }
        case .verifying:
            if key == .char("q") || key == .ctrl("c") {
                next.status = "checking the result with a fresh poll; a moment"
            } else if key == .escape {
                flow.hidden = true
                next.action = flow
            }
        case .finished:
            if key == .escape || key == .enter || key == .char("q") || key == .ctrl("c") {
                next.action = nil
                next.status = "the commands sent are on the Log screen"
            }
        }
        return (next, [])
    }

    /// Arrows and page keys scroll the panel in every phase (typing takes the rest).
    private static func scroll(_ flow: ActionFlow, _ key: Key, height: Int) -> ActionFlow? {
        let page = max(1, height - 10)
        var next = flow
        switch key {
        case .up: next.scroll -= 1
        case .down: next.scroll += 1
        case .pageUp: next.scroll -= page
        case .pageDown: next.scroll += page
        default: return nil
        }
        // Lines wrap on screen: allow a few screen lines per plan line (the panel clamps).
        let lines = (flow.plan.map { $0.lines.count } ?? 0) * 4
        next.scroll = max(0, min(next.scroll, max(0, lines - 1)))
        return next
    }

    /// The runtime reports on the action (or sends a note).
    static func apply(_ update: ActionUpdate, to state: InspectorState) -> (InspectorState, [InspectorEffect]) {
        var next = state
        switch update {
        case .commandsSent(let lines):
            next.changeLog += lines
            if next.changeLog.count > changeLogLimit { next.changeLog.removeFirst(next.changeLog.count - changeLogLimit) }
            return (next, [])
        case .note(let text):
            next.status = text
            return (next, [])
        default:
            break
        }
        guard var flow = state.action else { return (state, []) }
        switch (update, flow.phase) {
        case (.planned(let plan), .planning):
            flow.phase = .confirming(plan)
            next.status = "type \(plan.confirmation) (\(plan.confirmationMeaning)) and enter to run; esc cancels"
        case (.notPlanned(let title, let lines), .planning):
            flow.phase = .finished(nil, outcome: [title] + lines, verdict: nil)
            next.status = title
        case (.progress(let progress), .running(let plan, _)):
            flow.phase = .running(plan, progress)
        case (.ran(let lines), .running(let plan, _)):
            flow.phase = .verifying(plan, outcome: lines)
            next.status = "\(flow.kind.rawValue): run ended; verifying"
        case (.verified(let verdict), .verifying(let plan, let outcome)):
            flow.phase = .finished(plan, outcome: outcome, verdict: verdict)
            flow.hidden = false  // the verdict is always shown
            next.status = "\(flow.kind.rawValue): " + (verdict.repaired ? "done and verified" : "something is still wrong (see the panel)")
            next.action = flow
            return (next, [.refreshNow])
        default:
            return (state, [])
        }
        next.action = flow
        return (next, [])
    }
}
