import Screens
import Synchronization

/// What the UI thread and the polling task share: the UI's requests (pause, refresh now,
/// stop) and the poll results waiting to be shown. Neither side ever waits on the other.
final class PollControl: Sendable {
    private struct Shared {
        var paused = false
        var refreshRequested = false
        var stopped = false
        var inbox: [InspectorMessage] = []
    }

    private let shared = Mutex(Shared())

    /// Queues a message for the UI (the poller then wakes the terminal).
    func post(_ message: InspectorMessage) { shared.withLock { $0.inbox.append(message) } }

    /// Takes every queued message, oldest first.
    func takeMessages() -> [InspectorMessage] {
        shared.withLock { shared in
            defer { shared.inbox.removeAll() }
            return shared.inbox
        }
    }

    func setPaused(_ paused: Bool) { shared.withLock { $0.paused = paused } }
    func requestRefresh() { shared.withLock { $0.refreshRequested = true } }
    func stop() { shared.withLock { $0.stopped = true } }
    var isStopped: Bool { shared.withLock { $0.stopped } }

    /// Whether to poll now: a refresh was asked for (even when paused), or the interval has
    /// passed and polling is not paused. Clears the refresh request.
    func shouldPoll(intervalElapsed: Bool) -> Bool {
        shared.withLock { shared in
            defer { shared.refreshRequested = false }
            return shared.refreshRequested || (intervalElapsed && !shared.paused)
        }
    }
}
