import ClusterModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Operations
import Screens
import RESP
import Terminal
import UI
import Wire

/// The interactive inspector: the terminal loop on a thread of its own (it blocks in
/// `poll(2)` between events), polling in a task beside it (one per pane: the demo shows a
/// cluster and a Sentinel group on one terminal). Each poller posts results to its pane's
/// `PollControl` and wakes the terminal; a key press never waits on the network.
enum InspectorApp {
    /// How the UI ended.
    enum Exit: Sendable, Equatable {
        case quit
        /// SIGTERM or SIGHUP: the caller cleans up, then re-raises it with `reraise`.
        case signal(Int32)
    }

    struct Configuration: Sendable {
        var target: String
        var readOnly: Bool
        var mode: InspectorMode = .cluster
        var interval: Duration
        var terminal: TerminalOptions
        /// A recording to play instead of polling (`slotscope replay`).
        var replay: ReplayState?
        /// How actions run (nil in read-only mode and replays: action keys are refused before this).
        var actions: ActionRunner.Setup? = nil
        /// The demo's drills (nil outside `slotscope demo`).
        var drills: DemoDrills? = nil
        /// The demo's other view, named for the key that shows it (nil outside `slotscope demo`).
        var otherView: String? = nil
    }

    /// Where the UI's data comes from: a first poll, then `poll` every interval (nil for a
    /// replay, which polls nothing), and the slot key counter of the slot map (nil: none).
    struct Feed: Sendable {
        var first: InspectorMessage?
        var poll: (@Sendable () async -> InspectorMessage)?
        var countKeys: (@Sendable (Int, NodeAddress) async -> Int?)?
    }

    /// Fails fast, before connecting, when there is no terminal or `TERM` cannot run a UI.
    static func requireTerminal() throws(CLIError) {
        do {
            try CursesTerminal.preflight()
        } catch {
            throw CLIError(Self.message(error), exitCode: TerminalError.exitStatus)
        }
    }

    /// A cluster's feed: `first`, then a poll of `session` each time; slot keys counted by
    /// the slot's owner.
    static func feed(_ session: Inspection, first: PollCycle) async -> Feed {
        let poller = session.poller
        let pool = session.pool
        let commands = await poller.settings.commandNames
        return Feed(first: .polled(PollResult(first, commands: commands)),
                    poll: { .polled(PollResult(await poller.poll(), commands: commands)) },
                    countKeys: { slot, node in
                        let connection = pool.connection(to: Endpoint(host: node.host, port: node.port))
                        let reply = await connection.sendResult(RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String(slot)))
                        return (try? reply.get())?.integer.map { Int($0) }
                    })
    }

    /// Runs the UI on any feed (a cluster, Sentinel groups, or a recording) until the user
    /// quits or a termination signal arrives. Terminal errors become one-line `CLIError`s (exit 2).
    static func run(_ feed: Feed, configuration: Configuration) async throws(CLIError) -> Exit {
        try await run([Pane(feed: feed, configuration: configuration)])
    }

    /// Runs the UI on one terminal over several panes (the demo's cluster and Sentinel
    /// group), the first shown first; each pane's `switchView` shows the next. Every pane
    /// polls all the time, so the one not shown keeps its events for the way back.
    static func run(_ panes: [Pane]) async throws(CLIError) -> Exit {
        precondition(!panes.isEmpty, "the inspector needs a pane to show")
        let controls = panes.map { pane in
            let control = PollControl()
            if let first = pane.feed.first { control.post(first) }
            return control
        }
        let result: Result<Exit, TerminalError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(TerminalError) in
                    try terminalLoop(panes, controls: controls) { waker in
                        for (pane, control) in zip(panes, controls) {
                            guard let poll = pane.feed.poll else { continue }
                            let interval = pane.configuration.interval
                            Task.detached { await pollLoop(poll, control: control, waker: waker, interval: interval) }
                        }
                    }
                })
            }
            thread.name = "slotscope-ui"
            thread.start()
        }
        for control in controls { control.stop() }
        switch result {
        case .success(let exit): return exit
        case .failure(let error): throw CLIError(Self.message(error), exitCode: TerminalError.exitStatus)
        }
    }

    /// The error's line without the `slotscope: ` that `CLIError` adds again.
    private static func message(_ error: TerminalError) -> String {
        let text = error.description
        return text.hasPrefix("slotscope: ") ? String(text.dropFirst("slotscope: ".count)) : text
    }

    /// Polls every `interval` (or at once when asked) until stopped, posting each result.
    private static func pollLoop(_ poll: @Sendable () async -> InspectorMessage, control: PollControl,
                                 waker: TerminalWaker, interval: Duration) async {
        let clock = ContinuousClock()
        var last = clock.now
        while !control.isStopped && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            guard control.shouldPoll(intervalElapsed: clock.now - last >= interval) else { continue }
            let message = await poll()
            last = clock.now
            guard !control.isStopped else { break }
            control.post(message)
            waker.wake()
        }
    }

    /// Opens the terminal once, starts polling, and runs the event loop over the panes;
    /// closes the terminal on every way out.
    private static func terminalLoop(_ panes: [Pane], controls: [PollControl],
                                     startPolling: (TerminalWaker) -> Void) throws(TerminalError) -> Exit {
        let terminal = try CursesTerminal(options: panes[0].configuration.terminal)
        defer { terminal.close() }
        startPolling(terminal.waker)
        let program = InspectorProgram()
        var live = zip(panes, controls).map { pane, control in
            LivePane(pane, control: control, terminal: terminal)
        }
        defer { for pane in live { pane.runner?.close() } }
        var shown = 0
        while true {
            let now = WallClock.now()
            for index in live.indices {
                var messages = live[index].control.takeMessages()
                messages.append(.tick(now))
                for message in messages {
                    switch live[index].apply(message, program: program, waker: terminal.waker) {
                    case .quit: return .quit
                    case .switchView: shown = (index + 1) % live.count
                    case .redraw: terminal.invalidate()
                    case nil: break
                    }
                }
            }
            let state = live[shown].state
            terminal.draw(program.render(state, size: terminal.size))
            // A second is enough for the ages to tick; new polls wake the loop at once. A
            // playing replay wakes when its next poll is due, so it comes out on its beat.
            let due = state.replay?.millisecondsUntilNextFrame.map { Int32(min(1000, max(10, $0))) }
            switch terminal.nextEvent(timeoutMilliseconds: due ?? 1000) {
            case .key(let key): live[shown].control.post(.key(key))
            case .resize(let size): for pane in live { pane.control.post(.resized(size)) }
            case .terminate(let signal): return .signal(signal)
            case .wake, .timeout: break
            }
        }
    }

    /// Ends the process by `signal`'s default action, after the caller's cleanup.
    static func reraise(_ signal: Int32) -> Never {
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }
}
