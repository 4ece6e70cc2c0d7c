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
/// `poll(2)` between events), polling in a task beside it. The poller posts results to a
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

    /// Runs the UI on `session` (whose first poll is `first`) until the user quits or a
    /// termination signal arrives. Terminal errors become one-line `CLIError`s (exit 2).
    static func run(_ session: Inspection, first: PollCycle, configuration: Configuration) async throws(CLIError) -> Exit {
        let poller = session.poller
        let pool = session.pool
        let commands = await poller.settings.commandNames
        let feed = Feed(first: .polled(PollResult(first, commands: commands)),
                        poll: { .polled(PollResult(await poller.poll(), commands: commands)) },
                        countKeys: { slot, node in
                            let connection = pool.connection(to: Endpoint(host: node.host, port: node.port))
                            let reply = await connection.sendResult(RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String(slot)))
                            return (try? reply.get())?.integer.map { Int($0) }
                        })
        return try await run(feed, configuration: configuration)
    }

    /// Runs the UI on any feed: a cluster, Sentinel groups, or a recording.
    static func run(_ feed: Feed, configuration: Configuration) async throws(CLIError) -> Exit {
        let control = PollControl()
        if let first = feed.first { control.post(first) }
        let result: Result<Exit, TerminalError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(TerminalError) in
                    try terminalLoop(configuration: configuration, control: control, feed: feed) { waker in
                        guard let poll = feed.poll else { return }
                        Task.detached { await pollLoop(poll, control: control, waker: waker,
                                                       interval: configuration.interval) }
                    }
                })
            }
            thread.name = "slotscope-ui"
            thread.start()
        }
        control.stop()
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

    /// Opens the terminal, starts polling, and runs the event loop; closes the terminal on
    /// every way out.
    private static func terminalLoop(configuration: Configuration, control: PollControl, feed: Feed,
                                     startPolling: (TerminalWaker) -> Void) throws(TerminalError) -> Exit {
        let terminal = try CursesTerminal(options: configuration.terminal)
        defer { terminal.close() }
        startPolling(terminal.waker)
        let waker = terminal.waker
        let runner = configuration.actions.map { ActionRunner(setup: $0, control: control, waker: waker) }
        defer { runner?.close() }
        let program = InspectorProgram()
        var state = InspectorState(target: configuration.target, readOnly: configuration.readOnly,
                                   mode: configuration.mode,
                                   glyphs: terminal.capabilities.unicode ? .unicode : .ascii, size: terminal.size,
                                   now: WallClock.now())
        state.replay = configuration.replay
        state.utcOffsetSeconds = TimeZone.current.secondsFromGMT()
        if let warning = terminal.capabilities.warning { state.status = warning }
        state.drills = configuration.drills?.available ?? []
        while true {
            var messages = control.takeMessages()
            messages.append(.tick(WallClock.now()))
            for message in messages {
                let effects: [InspectorEffect]
                (state, effects) = program.update(state, message)
                for effect in effects {
                    switch effect {
                    case .quit: return .quit
                    case .refreshNow: control.requestRefresh()
                    case .setPaused(let paused): control.setPaused(paused)
                    case .countKeys(let slot, let node):
                        guard let count = feed.countKeys else { break }
                        let waker = terminal.waker
                        Task.detached {
                            control.post(.slotKeys(slot: slot, node: node, keys: await count(slot, node)))
                            waker.wake()
                        }
                    case .action(.drill(let drill)):
                        configuration.drills?.run(drill) { line in
                            control.post(.action(.note(line)))
                            waker.wake()
                        }
                    case .action(let request):
                        if let runner {
                            runner.handle(request)
                        } else {
                            control.post(.action(.notPlanned(title: "refused in read-only mode: nothing was sent", lines: [])))
                        }
                    }
                }
            }
            terminal.draw(program.render(state, size: terminal.size))
            // A second is enough for the ages to tick; new polls wake the loop at once. A
            // playing replay wakes when its next poll is due, so it comes out on its beat.
            let due = state.replay?.millisecondsUntilNextFrame.map { Int32(min(1000, max(10, $0))) }
            switch terminal.nextEvent(timeoutMilliseconds: due ?? 1000) {
            case .key(let key): control.post(.key(key))
            case .resize(let size): control.post(.resized(size))
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
