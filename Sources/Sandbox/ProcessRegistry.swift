import Foundation

/// Process-wide list of the PIDs the sandbox started and has not yet reaped.
///
/// On normal exit (`atexit`) and on SIGINT/SIGTERM/SIGHUP every listed PID gets SIGKILL, so an
/// interrupted test run leaves no redis-server behind. The signal handler only reads a
/// fixed-size C array of `pid_t` and calls `kill(2)`, both async-signal-safe; it then hands the
/// signal to the handler that was installed before (or re-raises it with the default action).
/// A slot holds 0 when free; the handler skips anything `<= 0`, so it can never signal a
/// process group.
enum ProcessRegistry {
    static let capacity = 1024

    /// Slots of live PIDs. Written under `writeLock`; read lock-free by the signal handler.
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<pid_t> = {
        let pointer = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
        return pointer
    }()

    private static let writeLock = Locked(false) // value: hooks installed

    /// Records `pid`; installs the exit and signal hooks on first use.
    static func register(_ pid: pid_t) {
        guard pid > 0 else { return }
        writeLock.withLock { installed in
            if !installed {
                installHooks()
                installed = true
            }
            for index in 0..<capacity where slots[index] == 0 {
                slots[index] = pid
                return
            }
            // Registry full: the process still gets stopped by its owner, just not on a signal.
        }
    }

    /// Forgets `pid` (after it was reaped, so its number may be reused).
    static func unregister(_ pid: pid_t) {
        guard pid > 0 else { return }
        writeLock.withLock { _ in
            for index in 0..<capacity where slots[index] == pid { slots[index] = 0 }
        }
    }

    /// The registered PIDs (for diagnostics and tests).
    static var livePIDs: [pid_t] {
        writeLock.withLock { _ in (0..<capacity).map { slots[$0] }.filter { $0 > 0 } }
    }

    /// SIGKILLs every registered PID. Async-signal-safe.
    static func killAllRegistered() {
        for index in 0..<capacity {
            let pid = slots[index]
            if pid > 0 { _ = kill(pid, SIGKILL) }
        }
    }

    private static func installHooks() {
        _ = slots[0] // initialise the lazy global now, never inside the signal handler
        atexit { ProcessRegistry.killAllRegistered() }
        previousSIGINT = signal(SIGINT, onSignal)
        previousSIGTERM = signal(SIGTERM, onSignal)
        previousSIGHUP = signal(SIGHUP, onSignal)
        // Crashes too: kill the servers, then hand the signal on (to Swift's backtracer).
        for signo in crashSignals { installCrashHandler(signo) }
    }

    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    private static func installCrashHandler(_ signo: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = onCrash
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        var previous = sigaction()
        guard sigaction(signo, &action, &previous) == 0 else { return }
        previousCrashActions[Int(signo)] = previous
    }
}

#if os(Linux)
private typealias SignalHandler = __sighandler_t
#else
private typealias SignalHandler = sig_t
#endif

// Handlers that were installed before ours; read by the signal handler.
nonisolated(unsafe) private var previousSIGINT: SignalHandler?
nonisolated(unsafe) private var previousSIGTERM: SignalHandler?
nonisolated(unsafe) private var previousSIGHUP: SignalHandler?

/// Crash actions that were installed before ours, by signal number.
nonisolated(unsafe) private var previousCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

private func onCrash(_ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    ProcessRegistry.killAllRegistered()
    // Put back what was there (Swift's backtracer, or the default) and let it run.
    var previous = previousCrashActions[Int(signo)]
    sigaction(signo, &previous, nil)
    if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
        handler(signo, info, context)
    } else {
        raise(signo)
    }
}

private func onSignal(_ signo: Int32) {
    ProcessRegistry.killAllRegistered()
    let previous: SignalHandler?
    switch signo {
    case SIGINT: previous = previousSIGINT
    case SIGTERM: previous = previousSIGTERM
    default: previous = previousSIGHUP
    }
    let raw = previous.map { unsafeBitCast($0, to: Int.self) } ?? 0
    if raw == 0 || raw == 1 || raw == -1 {
        // SIG_DFL, SIG_IGN or SIG_ERR before us: restore the default action and re-raise.
        if raw == 1 { return }
        signal(signo, nil)
        raise(signo)
    } else if let previous {
        previous(signo)
    }
}
