import ClusterModel
import UI

/// The inspector as an `AppProgram`: `update` turns keys, poll results and ticks into the
/// next state (pure, no I/O), `view` draws the current screen with the tab bar, the
/// read-only banner and the footer.
public struct InspectorProgram: AppProgram {
    public init() {}

    public func update(_ state: InspectorState, _ message: InspectorMessage) -> (InspectorState, [InspectorEffect]) {
        let (next, effects) = apply(state, message)
        return (next, effects + keyCount(before: state, after: next, polled: { if case .polled = message { true } else { false } }()))
    }

    /// On the slot map, asks the cursor slot's owner for its key count whenever the cursor,
    /// the owner or the data changed.
    private func keyCount(before: InspectorState, after: InspectorState, polled: Bool) -> [InspectorEffect] {
        guard after.screen == .slots, !after.isReplay, let snapshot = after.snapshot,
              let owner = snapshot.owner(ofSlot: after.slotCursor), let node = snapshot.node(owner),
              node.reachability.isReachable else { return [] }
        let moved = before.screen != .slots || before.slotCursor != after.slotCursor
        guard polled || moved else { return [] }
        return [.countKeys(slot: after.slotCursor, node: node.address)]
    }

    private func apply(_ state: InspectorState, _ message: InspectorMessage) -> (InspectorState, [InspectorEffect]) {
        var next = state
        switch message {
        case .resized(let size):
            next.size = size
        case .tick(let now):
            guard var replay = next.replay else {
                next.now = now
                break
            }
            let due = replay.advance(to: now)
            let ended = replay.isAtEnd && !(state.replay?.isAtEnd ?? true)
            next.replay = replay
            for frame in due { next = received(frame, in: next) }
            next.now = replay.position
            if ended { next.status = "end of the recording (\(replay.frames.count) polls)" }
        case .polled(let result):
            next = received(result, in: next)
        case .sentinelPolled(let result):
            next = received(result, in: next)
        case .slotKeys(let slot, let node, let keys):
            next.cursorKeys = SlotKeyReading(slot: slot, node: node, keys: keys)
        case .pollFailed(let reason):
            next.status = "poll failed: \(reason)"
        case .action(let update):
            return ActionFlowProgram.apply(update, to: next)
        case .key(let key):
            if let handled = ActionFlowProgram.key(key, in: next) { return handled }
            if next.input != nil { return (typing(next, key), []) }
            return handle(key, in: next)
        }
        return (next, [])
    }

    /// A replayed poll of either kind.
    private func received(_ frame: ReplayFrame, in state: InspectorState) -> InspectorState {
        switch frame {
        case .cluster(let result): received(result, in: state)
        case .sentinel(let result): received(result, in: state)
        }
    }

    /// A Sentinel poll (live or replayed): the snapshot, what changed since the previous one
    /// and, in a replay, the recorded events, in time order.
    private func received(_ result: SentinelPollResult, in state: InspectorState) -> InspectorState {
        var next = state
        let derived = SentinelChanges.events(from: next.sentinel, to: result.snapshot)
        // Sorting is stable: events of the same millisecond keep their order.
        next.events += result.events.isEmpty ? derived : (result.events + derived).sorted { $0.time < $1.time }
        if next.events.count > InspectorState.eventLimit {
            next.events.removeFirst(next.events.count - InspectorState.eventLimit)
        }
        next.sentinel = result.snapshot
        if let log = result.log { next.lastPoll = log }
        next.now = max(next.now, result.snapshot.time)
        return next
    }

    /// A cluster poll (live or replayed): the snapshot, its events and findings.
    private func received(_ result: PollResult, in state: InspectorState) -> InspectorState {
        var next = state
        next.snapshot = result.snapshot
        next.events += result.events
        if next.events.count > InspectorState.eventLimit {
            next.events.removeFirst(next.events.count - InspectorState.eventLimit)
        }
        next.findings = findings(result.snapshot).sorted { $0.severity > $1.severity }
        next.dialed = result.dialed
        if let log = result.log { next.lastPoll = log }
        next.now = max(next.now, result.snapshot.time)
        return next
    }

    private func handle(_ key: Key, in state: InspectorState) -> (InspectorState, [InspectorEffect]) {
        var next = state
        let map = InspectorKeyMap.make(state)
        switch map.resolve(key) {
        case .action(let action):
            next.status = ""
            return perform(action, in: next)
        case .refusedReadOnly(let binding):
            next.status = state.isReplay
                ? "\(binding.keyLabel(unicode: state.glyphs.isUnicode)) (\(binding.help)) is not offered in a replay: no servers"
                : KeyMap.refusalMessage(for: binding, unicode: state.glyphs.isUnicode)
        case .disabled(let binding):
            next.status = state.mode == .sentinel && binding.group == "Actions"
                ? "\(binding.help) works on a cluster, not on Sentinel groups (see `slotscope failover --sentinel`)"
                : "\(binding.help) does not apply on \(state.screen.title)"
        case .unbound:
            if key != .resize { next.status = "\(state.glyphs.isUnicode ? key.description : key.asciiDescription): no such key (? for help)" }
        }
        return (next, [])
    }

    private func perform(_ action: InspectorAction, in state: InspectorState) -> (InspectorState, [InspectorEffect]) {
        var next = state
        switch action {
        case .quit: return (next, [.quit])
        case .toggleHelp: next.showHelp.toggle()
        case .show(let screen): next.screen = screen; next.showHelp = false; next.showDetails = false
        case .nextScreen: next.screen = state.screen.advanced(by: 1); next.showHelp = false; next.showDetails = false
        case .previousScreen:
            next.screen = state.screen.advanced(by: -1); next.showHelp = false; next.showDetails = false
        case .startFilter:
            next.input = TextInput(kind: .filter, text: state.filters[state.screen] ?? "")
        case .startCommand:
            next.input = TextInput(kind: .command)
        case .back:
            if state.showHelp {
                next.showHelp = false
            } else if state.showDetails {
                next.showDetails = false
            } else {
                next.filters[state.screen] = nil
            }
        case .togglePause:
            next.paused.toggle()
            next.status = next.paused ? "polling paused (p resumes)" : "polling resumed"
            return (next, [.setPaused(next.paused)])
        case .refresh:
            next.status = "refreshing…"
            return (next, [.refreshNow])
        case .act(let kind):
            return ActionFlowProgram.start(kind, in: next)
        case .drill(let drill):
            next.status = "\(drill.help)…"
            return (next, [.action(.drill(drill))])
        case .switchView:
            next.showHelp = false
            return (next, [.switchView])
        case .redraw:
            return (next, [.redraw])
        case .sort:
            next.nodeSort = state.nodeSort.next
            next.selection[.nodes] = 0
            next.status = "nodes sorted \(next.nodeSort.label)"
        case .toggleDetails:
            next.showDetails.toggle()
        case .replayTogglePause, .replayStep, .replayFaster, .replaySlower:
            return (replayControl(action, in: next), [])
        case .up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom:
            next = move(action, in: next)
        }
        return (next, [])
    }

    /// Space, `.`, `+`, `-` during a replay.
    private func replayControl(_ action: InspectorAction, in state: InspectorState) -> InspectorState {
        guard var replay = state.replay else { return state }
        var next = state
        switch action {
        case .replayTogglePause:
            if replay.isAtEnd {
                next.status = "end of the recording"
                return next
            }
            replay.paused.toggle()
            next.status = replay.paused ? "replay paused (space plays, . steps)" : "replay playing at \(replay.speedLabel)"
        case .replayStep:
            if let frame = replay.step() {
                next = received(frame, in: next)
                next.now = replay.position
                next.status = "poll \(replay.shown) of \(replay.frames.count)"
            } else {
                next.status = "end of the recording (\(replay.frames.count) polls)"
            }
        case .replayFaster, .replaySlower:
            replay.speed = replay.speed(steppedBy: action == .replayFaster ? 1 : -1)
            next.status = "replay speed \(replay.speedLabel)"
        default:
            break
        }
        next.replay = replay
        return next
    }

    /// A key while a filter or command is being typed.
    private func typing(_ state: InspectorState, _ key: Key) -> InspectorState {
        var next = state
        guard var input = state.input else { return state }
        switch key {
        case .escape:
            next.input = nil
            if input.kind == .filter { next.filters[state.screen] = nil }
            return next
        case .enter:
            next.input = nil
            if input.kind == .command { return run(input.text, in: next) }
            return next
        case .backspace:
            if !input.text.isEmpty { input.text.removeLast() }
        case .char(let character):
            input.text.append(character)
        case .ctrl("c"):
            next.input = nil
            return next
        default:
            return state
        }
        next.input = input
        if input.kind == .filter {
            next.filters[state.screen] = input.text.isEmpty ? nil : input.text
            next.selection[state.screen] = 0
        }
        return next
    }

    /// Runs a `:` command.
    private func run(_ text: String, in state: InspectorState) -> InspectorState {
        var next = state
        switch InspectorCommand.parse(text) {
        case .success(.node(let query)):
            return select(node: query, in: next)
        case .success(let command):
            guard let slot = command.slot else { break }
            next.screen = .slots
            next.slotCursor = slot
            if case .key(let key) = command { next.status = "key \(key) hashes to slot \(slot)" }
        case .failure(let error):
            next.status = error.message
        }
        return next
    }

    /// `:node QUERY`: the Nodes screen with that node selected (its filter cleared when the
    /// node is filtered out), or a line saying nothing matches.
    private func select(node query: String, in state: InspectorState) -> InspectorState {
        var next = state
        guard next.snapshot != nil else {
            next.status = next.mode == .sentinel ? ":node works on cluster nodes; see Replication for the group"
                : "no nodes yet: wait for the first poll"
            return next
        }
        next.screen = .nodes
        var rows = NodeRow.rows(next)
        if !rows.contains(where: { InspectorCommand.node($0, matches: query) }) && next.filters[.nodes] != nil {
            next.filters[.nodes] = nil
            rows = NodeRow.rows(next)
        }
        let matches = rows.indices.filter { InspectorCommand.node(rows[$0], matches: query) }
        guard let first = matches.first else {
            next.status = "no node matches \(query): give a port, HOST:PORT or an id prefix"
            return next
        }
        next.selection[.nodes] = first
        let node = rows[first].node
        next.status = "node \(node.address) (\(node.role.rawValue), id \(node.id.description.prefix(8)))"
            + (matches.count > 1 ? "; \(matches.count) nodes match \(query), this is the first" : "")
        return next
    }

    /// Moves the selection of a list, or the slot cursor.
    private func move(_ action: InspectorAction, in state: InspectorState) -> InspectorState {
        var next = state
        let page = max(1, AppFrame(size: state.size, readOnly: state.readOnly).body.height - 3)
        if state.screen == .slots {
            let grid = SlotGrid.forTerminal(state.size, readOnly: state.readOnly)
            let step: Int
            switch action {
            case .left: step = -grid.slotsPerCell
            case .right: step = grid.slotsPerCell
            case .up: step = -grid.slotsPerRow
            case .down: step = grid.slotsPerRow
            case .pageUp: step = -grid.slotsPerRow * page
            case .pageDown: step = grid.slotsPerRow * page
            case .top: step = -clusterSlotCount
            default: step = clusterSlotCount
            }
            next.slotCursor = min(clusterSlotCount - 1, max(0, state.slotCursor + step))
            return next
        }
        let count = rowCount(state)
        let current = min(state.selected(on: state.screen), max(0, count - 1))
        let target: Int
        switch action {
        case .up: target = current - 1
        case .down: target = current + 1
        case .pageUp: target = current - page
        case .pageDown: target = current + page
        case .top: target = 0
        default: target = count - 1
        }
        next.selection[state.screen] = min(max(0, count - 1), max(0, target))
        return next
    }

    private func rowCount(_ state: InspectorState) -> Int {
        switch state.screen {
        case .nodes:
            return NodeRow.rows(state).count
        case .events: return EventsView.rows(state).count
        case .findings: return FindingsView.rows(state).count
        default: return 0
        }
    }

    public func view(_ state: InspectorState, into buffer: inout ScreenBuffer) {
        let glyphs = state.glyphs
        let map = InspectorKeyMap.make(state)
        AppFrame.render(into: &buffer, readOnly: state.readOnly, banner: state.replay.map { replayBanner($0, state) },
                        glyphs: glyphs, footer: footer(state, map: map)) {
            buffer, body in
            let rows = Layout.rows(body, [.fixed(TabBar.height), .flexible(minimum: 0)])
            TabBar(current: state.screen, right: tabRight(state)).render(into: &buffer, in: rows[0], glyphs: glyphs)
            let area = rows[1]
            if let action = state.action, !action.hidden {
                ActionPanel(flow: action, glyphs: glyphs).render(into: &buffer, in: area)
                return
            }
            if state.showHelp {
                InspectorHelp(keyMap: map, glyphs: glyphs).render(into: &buffer, in: area)
                return
            }
            switch state.screen {
            case .overview: OverviewView(state: state).render(into: &buffer, in: area)
            case .nodes: NodesView(state: state).render(into: &buffer, in: area)
            case .slots: SlotMapView(state: state).render(into: &buffer, in: area)
            case .replication: ReplicationView(state: state).render(into: &buffer, in: area)
            case .events: EventsView(state: state).render(into: &buffer, in: area)
            case .findings: FindingsView(state: state).render(into: &buffer, in: area)
            case .log: LogView(state: state).render(into: &buffer, in: area)
            }
            if state.showDetails { DetailsPanel(state: state).render(into: &buffer, in: area) }
        }
        if let action = state.action, !TooSmallView.isTooSmall(buffer.size) {
            ActionFooter(flow: action, status: state.status, glyphs: glyphs)
                .render(into: &buffer, in: AppFrame(size: buffer.size, readOnly: state.readOnly).footer)
        }
        // The line being typed replaces the footer.
        if let input = state.input, !TooSmallView.isTooSmall(buffer.size) {
            let line = AppFrame(size: buffer.size, readOnly: state.readOnly).footer
            buffer.fill(line)
            let hint = input.kind == .filter ? "  (enter keeps, esc clears)" : "  (slot N, key NAME, node PORT; enter runs)"
            buffer.put(text: input.prompt + input.text, at: Point(x: line.x, y: line.y), style: .bold, clip: line)
            buffer.put(text: hint, at: Point(x: line.x + 1 + CharacterWidth.of(input.text), y: line.y), style: .dim,
                       clip: line)
        }
    }

    /// The replay banner: what is played, where, how fast; no actions.
    private func replayBanner(_ replay: ReplayState, _ state: InspectorState) -> String {
        let separator = ScreenStyle.separator(state.glyphs)
        let clock = Formatting.clock(replay.position, utcOffsetSeconds: state.utcOffsetSeconds)
        let mode = replay.isAtEnd ? "ended" : replay.paused ? "PAUSED" : "playing \(replay.speedLabel)"
        return ScreenStyle.text("REPLAY \(replay.shown)/\(replay.frames.count)\(separator)\(clock)\(separator)\(mode)"
            + "\(separator)recorded data, no actions", state.glyphs)
    }

    /// Poll state and target, right of the tabs (cut from the right when narrow).
    private func tabRight(_ state: InspectorState) -> String {
        (state.paused ? "PAUSED" + ScreenStyle.separator(state.glyphs) : "") + state.target
    }

    private func footer(_ state: InspectorState, map: KeyMap<InspectorAction>) -> FooterView {
        var status = state.status
        let dataTime = state.snapshot?.time ?? state.sentinel?.time
        if status.isEmpty, let dataTime {
            let age = Formatting.age(milliseconds: state.now.milliseconds(since: dataTime))
            status = state.isReplay
                ? "poll recorded at " + Formatting.clock(dataTime, utcOffsetSeconds: state.utcOffsetSeconds)
                : (state.paused ? "PAUSED, data " : "polled ") + "\(age) ago"
        }
        if let filter = state.filters[state.screen], state.screen.isFilterable {
            status = "filter: \(filter)" + (status.isEmpty ? "" : ScreenStyle.separator(state.glyphs) + status)
        }
        return FooterView(hints: map.footerHints(unicode: state.glyphs.isUnicode),
                          status: ScreenStyle.text(status, state.glyphs))
    }
}
