import Foundation
import Operations
import Screens
import Terminal

extension InspectorApp {
    /// What one inspector view shows and how it gets its data: a cluster, Sentinel groups or
    /// a recording. The demo runs two on one terminal.
    struct Pane: Sendable {
        var feed: Feed
        var configuration: Configuration
    }

    /// What a pane's update asks of the loop that owns the terminal.
    enum PaneRequest {
        case quit
        /// Show the next pane (the demo's view key).
        case switchView
        /// Repaint every cell (Ctrl-L).
        case redraw
    }

    /// A pane while the UI runs, on the UI thread: its state, its poll control and the
    /// runtime of its actions. Effects run here; only quitting and switching go up.
    struct LivePane {
        let pane: Pane
        let control: PollControl
        let runner: ActionRunner?
        var state: InspectorState

        init(_ pane: Pane, control: PollControl, terminal: CursesTerminal) {
            let configuration = pane.configuration
            self.pane = pane
            self.control = control
            runner = configuration.actions.map { ActionRunner(setup: $0, control: control, waker: terminal.waker) }
            var state = InspectorState(target: configuration.target, readOnly: configuration.readOnly,
                                       mode: configuration.mode,
                                       glyphs: terminal.capabilities.unicode ? .unicode : .ascii, size: terminal.size,
                                       now: WallClock.now())
            state.replay = configuration.replay
            state.utcOffsetSeconds = TimeZone.current.secondsFromGMT()
            if let warning = terminal.capabilities.warning { state.status = warning }
            state.drills = configuration.drills?.available ?? []
            state.otherView = configuration.otherView
            self.state = state
        }

        /// Updates the state with `message` and runs the effects that stay in this pane.
        mutating func apply(_ message: InspectorMessage, program: InspectorProgram,
                            waker: TerminalWaker) -> PaneRequest? {
            let effects: [InspectorEffect]
            (state, effects) = program.update(state, message)
            var request: PaneRequest?
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .switchView: request = .switchView
                case .redraw: request = .redraw
                case .refreshNow: control.requestRefresh()
                case .setPaused(let paused): control.setPaused(paused)
                case .countKeys(let slot, let node):
                    guard let count = pane.feed.countKeys else { break }
                    let control = control
                    Task.detached {
                        control.post(.slotKeys(slot: slot, node: node, keys: await count(slot, node)))
                        waker.wake()
                    }
                case .action(.drill(let drill)):
                    let control = control
                    pane.configuration.drills?.run(drill) { line in
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
            return request
        }
    }
}
