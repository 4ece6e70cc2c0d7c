#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// How many SIGINTs arrived since `InterruptWatch.start`.
private let interrupts = Atomic<Int>(0)

/// Turns the first Ctrl-C (SIGINT) into a request to stop between steps, so the step in
/// flight (a reshard's window of slots, a fix's command or key move) finishes and the
/// journal says where to resume; a second Ctrl-C quits at once
/// (slots may then be left open, which `--resume` or `fix` finishes).
enum InterruptWatch {
    /// Installs the handler. Only write(2) and _exit run in it: both are async-signal-safe.
    static func start() {
        interrupts.store(0, ordering: .relaxed)
        signal(SIGINT) { _ in
            if interrupts.add(1, ordering: .relaxed).newValue >= 2 {
                let text: StaticString = "slotscope: interrupted again: stopped at once; run the same command with --resume to finish\n"
                _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
                _exit(130)
            }
            let text: StaticString = "slotscope: stopping after the step in flight (Ctrl-C again to stop at once)\n"
            _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
        }
    }

    static var isRequested: Bool { interrupts.load(ordering: .relaxed) > 0 }

    static func stop() {
        signal(SIGINT, SIG_DFL)
    }
}
