import Operations
import Synchronization

/// Prints action progress to stderr: at each new step, and at most twice a second while
/// keys move.
final class ProgressPrinter: Sendable {
    private let last = Mutex<(step: Int, at: ContinuousClock.Instant)?>(nil)

    func show(_ progress: ActionProgress) {
        let now = ContinuousClock.now
        let due = last.withLock { last -> Bool in
            if let previous = last, previous.step == progress.step, now - previous.at < .milliseconds(500) { return false }
            last = (progress.step, now)
            return true
        }
        if due { printError(PlanText.progress(progress)) }
    }

    /// `1.23 s`.
    static func seconds(_ duration: Duration) -> String {
        let ms = duration.wholeMilliseconds
        return "\(ms / 1000).\(String(format: "%02d", (ms % 1000) / 10)) s"
    }
}
