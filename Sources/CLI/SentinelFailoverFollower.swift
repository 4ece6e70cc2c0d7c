import ClusterModel
import Operations
import Synchronization

/// Follows one group's failover through the sentinels' events: prints the first copy of
/// each event (with the sentinel that published it and the time since the command), and
/// records the `+switch-master` or the abort that ends it.
final class SentinelFailoverFollower: Sendable {
    enum Outcome: Sendable, Hashable {
        case switched(MasterSwitch)
        case aborted(String)
    }

    private struct State {
        var started: ContinuousClock.Instant
        var seen: Set<SentinelEvent> = []
        var outcome: Outcome?
    }

    let masterName: String
    private let state: Mutex<State>

    init(masterName: String, started: ContinuousClock.Instant) {
        self.masterName = masterName
        state = Mutex(State(started: started))
    }

    var outcome: Outcome? { state.withLock { $0.outcome } }

    /// Times from now on count from `instant` (when the command was accepted).
    func restart(at instant: ContinuousClock.Instant) { state.withLock { $0.started = instant } }

    func handle(_ update: SentinelWatcher.Update) {
        guard case .observed(let observed) = update, observed.event.masterName == masterName else {
            if case .lost(let address, let reason) = update { printError("sentinel \(address): subscription lost (\(reason)); retrying") }
            return
        }
        let event = observed.event
        let line: String? = state.withLock { state in
            guard state.seen.insert(event.identity).inserted else { return nil }
            if state.outcome == nil {
                if event.type == .switchMaster, let change = event.masterSwitch {
                    state.outcome = .switched(change)
                } else if event.type.rawValue.hasPrefix("-failover-abort") {
                    state.outcome = .aborted(event.description)
                }
            }
            return FailoverText.elapsed(ContinuousClock.now - state.started) + "\(event.description)   (from sentinel \(observed.sentinel))"
        }
        if let line { printNow(line) }
    }
}
