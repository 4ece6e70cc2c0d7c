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
        var interval: Duration
        var terminal: TerminalOptions
        /// How actions run (nil in read-only mode: action keys are refused before this).
        var actions: ActionRunner.Setup? = nil
        /// The demo's drills (nil outside `slotscope demo`).
        var drills: DemoDrills? = nil
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
        let control = PollControl()
        control.post(.polled(PollResult(first, commands: commands)))
        let result: Result<Exit, TerminalError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(TerminalError) in
                    try terminalLoop(configuration: configuration, control: control, pool: pool) { waker in
                        Task.detached { await pollLoop(poller, control: control, waker: waker,
                                                       interval: configuration.interval, commands: commands) }
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
    private static func pollLoop(_ poller: ClusterPoller, control: PollControl, waker: TerminalWaker,
                                 interval: Duration, commands: [String]) async {
        let clock = ContinuousClock()
        var last = clock.now
        while !control.isStopped && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            guard control.shouldPoll(intervalElapsed: clock.now - last >= interval) else { continue }
            let cycle = await poller.poll()
            last = clock.now
            guard !control.isStopped else { break }
            control.post(.polled(PollResult(cycle, commands: commands)))
            waker.wake()
        }
    }

    /// Opens the terminal, starts polling, and runs the event loop; closes the terminal on
    /// every way out.
    private static func terminalLoop(configuration: Configuration, control: PollControl, pool: ConnectionPool,
                                     startPolling: (TerminalWaker) -> Void) throws(TerminalError) -> Exit {
        let terminal = try CursesTerminal(options: configuration.terminal)
        defer { terminal.close() }
        startPolling(terminal.waker)
        let waker = terminal.waker
        let runner = configuration.actions.map { ActionRunner(setup: $0, control: control, waker: waker) }
        defer { runner?.close() }
        let program = InspectorProgram()
        var state = InspectorState(target: configuration.target, readOnly: configuration.readOnly,
                                   glyphs: terminal.capabilities.unicode ? .unicode : .ascii, size: terminal.size,
                                   now: WallClock.now())
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
                        countKeys(slot: slot, node: node, pool: pool, control: control, waker: terminal.waker)
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
            // A second is enough for the ages to tick; new polls wake the loop at once.
            switch terminal.nextEvent(timeoutMilliseconds: 1000) {
            case .key(let key): control.post(.key(key))
            case .resize(let size): control.post(.resized(size))
            case .terminate(let signal): return .signal(signal)
            case .wake, .timeout: break
            }
        }
    }

    /// Asks `node` for the keys of `slot` in a task of its own; the answer (or nil after the
    /// connection's timeout) comes back as a message, like a poll.
    private static func countKeys(slot: Int, node: NodeAddress, pool: ConnectionPool, control: PollControl,
                                  waker: TerminalWaker) {
        let connection = pool.connection(to: Endpoint(host: node.host, port: node.port))
        Task.detached {
            let reply = await connection.sendResult(RESPCommand("CLUSTER", "COUNTKEYSINSLOT", String(slot)))
            let keys = (try? reply.get())?.integer.map { Int($0) }
            control.post(.slotKeys(slot: slot, node: node, keys: keys))
            waker.wake()
        }
    }

    /// Ends the process by `signal`'s default action, after the caller's cleanup.
    static func reraise(_ signal: Int32) -> Never {
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }
}
