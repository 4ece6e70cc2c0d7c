import ClusterModel
import UI

/// What a key binding of the inspector does.
public enum InspectorAction: Sendable, Hashable {
    case quit
    case toggleHelp
    case show(InspectorScreen)
    case nextScreen
    case previousScreen
    case up, down, left, right, pageUp, pageDown, top, bottom
    case startFilter
    case startCommand
    case back
    case togglePause
    case refresh
    /// Cycle the Nodes screen's order.
    case sort
    /// Open or close the details panel of the selected row.
    case toggleDetails
    /// Replay only: play/pause, show the next poll, change the speed.
    case replayTogglePause
    case replayStep
    case replayFaster
    case replaySlower
    /// A cluster-changing action: plan, typed confirmation, progress, verdict.
    case act(ActionKind)
    /// A demo drill (only bound in `slotscope demo`).
    case drill(DemoDrill)
    /// Show the demo's other view: the cluster or the Sentinel group (only bound in `slotscope demo`).
    case switchView
    /// Repaint the whole screen (Ctrl-L, as in most terminal programs: after other output
    /// garbled it, e.g. a kernel message on a console or a wall(1) over SSH).
    case redraw
}

/// What the inspector receives: keys, resizes, poll results, clock ticks.
public enum InspectorMessage: Sendable {
    case key(Key)
    case resized(Size)
    case polled(PollResult)
    /// A Sentinel poll (Sentinel mode).
    case sentinelPolled(SentinelPollResult)
    /// A poll could not run at all (not a node failing: those are in the snapshot).
    case pollFailed(String)
    case tick(Timestamp)
    /// The keys of `slot` as its owner `node` counted them just now (nil: it could not).
    case slotKeys(slot: Int, node: NodeAddress, keys: Int?)
    /// The runtime reports on an action (plan ready, progress, result, verdict, commands sent).
    case action(ActionUpdate)
}

/// What `update` asks the runtime to do.
public enum InspectorEffect: Sendable, Hashable {
    case quit
    /// Poll now, without waiting for the interval.
    case refreshNow
    /// Stop or resume the polling loop.
    case setPaused(Bool)
    /// Ask `node` how many keys `slot` holds (`CLUSTER COUNTKEYSINSLOT`, a read).
    case countKeys(slot: Int, node: NodeAddress)
    /// Plan, run, abort or drop an action; run a demo drill.
    case action(ActionRequest)
    /// Show the demo's other view (the runtime keeps this one's state for the way back).
    case switchView
    /// Forget what the terminal shows and repaint every cell.
    case redraw
}
