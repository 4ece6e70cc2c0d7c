#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How many stop signals arrived since `InterruptWatch.start`.
private let interrupts = Atomic<Int>(0)
/// Whether the handler speaks for a watch loop (`startForWatch`) rather than an action.
private let forWatch = Atomic<Bool>(false)

/// Turns the first Ctrl-C (SIGINT) into a request to stop at the next safe point, and a
/// second one into an immediate exit.
///
/// For actions (`start`) the safe point is between steps: the step in flight (a reshard's
/// window of slots, a fix's command or key move) finishes and the journal says where to
/// resume; quitting at once may leave slots open, which `--resume` or `fix` finishes.
/// For `watch` and `record` (`startForWatch`, which takes SIGTERM too, as `kubectl delete`
/// sends) it is the end of the poll in flight: the lines still waiting for other sentinels'
/// copies and the failover stories are printed, and the recording ends on a whole line.
enum InterruptWatch {
    /// Installs the handler for an action. Only write(2) and _exit run in it: both are
    /// async-signal-safe.
    static func start() {
        begin(forWatch: false)
        signal(SIGINT, onSignal)
    }

    /// Installs the handler for a watch loop, on SIGINT and SIGTERM. Call it before the
    /// first poll, so a signal from the start on ends the watch cleanly; calling it again
    /// (the watch loop does) keeps a request that already arrived.
    static func startForWatch() {
        if forWatch.load(ordering: .relaxed) { return }
        begin(forWatch: true)
        signal(SIGINT, onSignal)
        signal(SIGTERM, onSignal)
    }

    static var isRequested: Bool { interrupts.load(ordering: .relaxed) > 0 }

    /// Sleeps until `deadline` or a stop request, whichever comes first. It wakes every 50 ms
    /// to look: a signal handler cannot resume a task.
    static func sleep(until deadline: ContinuousClock.Instant) async {
        let clock = ContinuousClock()
        while !isRequested && !Task.isCancelled && clock.now < deadline {
            try? await Task.sleep(until: min(deadline, clock.now + .milliseconds(50)))
        }
    }

    /// Gives the signals their default actions back.
    static func stop() {
        signal(SIGINT, SIG_DFL)
        if forWatch.exchange(false, ordering: .relaxed) { signal(SIGTERM, SIG_DFL) }
    }

    private static func begin(forWatch watch: Bool) {
        interrupts.store(0, ordering: .relaxed)
        forWatch.store(watch, ordering: .relaxed)
    }
}

private func onSignal(_: Int32) {
    let watch = forWatch.load(ordering: .relaxed)
    if interrupts.add(1, ordering: .relaxed).newValue >= 2 {
        let text: StaticString = watch
            ? "slotscope: interrupted again: stopped at once\n"
            : "slotscope: interrupted again: stopped at once; run the same command with --resume to finish\n"
        _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
        _exit(130)
    }
    let text: StaticString = watch
        ? "slotscope: stopping after the poll in flight (Ctrl-C again to stop at once)\n"
        : "slotscope: stopping after the step in flight (Ctrl-C again to stop at once)\n"
    _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
}
