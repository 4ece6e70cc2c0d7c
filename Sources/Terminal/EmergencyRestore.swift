#if canImport(Glibc)
import Glibc
#endif

/// What a signal handler needs to put the terminal back without curses: the termios saved
/// before curses started and the bytes that leave the alternate screen and show the cursor.
/// Written only while no handler is installed; handlers only read it.
struct EmergencyState {
    var active = false
    var ttyDescriptor: Int32 = 0
    var savedTermios = termios()
    var leaveBytes: (count: Int, storage: UnsafeMutablePointer<UInt8>) = (0, .allocate(capacity: 512))
    /// Write end of the self-pipe the termination handlers report to.
    var signalPipe: Int32 = -1
    /// Termination signals not yet consumed by the loop; a second one forces an exit.
    var pendingTerminations: Int32 = 0
    /// The actions found before ours, by signal number, restored on close and chained on crash.
    var previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    /// The temporary file fd 2 points at while the screen is ours (see `HeldStderr`); -1: none.
    var heldStderr: Int32 = -1
    /// The real stderr, kept to be put back; -1: none.
    var savedStderr: Int32 = -1
    /// Where `releaseHeldStderr` copies through, so it never allocates.
    var copyBuffer: (count: Int, storage: UnsafeMutablePointer<UInt8>) = (4096, .allocate(capacity: 4096))
}

/// One allocation made before any handler exists, so handlers never allocate or lazily
/// initialise anything.
nonisolated(unsafe) let emergency: UnsafeMutablePointer<EmergencyState> = {
    let pointer = UnsafeMutablePointer<EmergencyState>.allocate(capacity: 1)
    pointer.initialize(to: EmergencyState())
    return pointer
}()

/// Async-signal-safe: restores the saved termios, writes the leave-screen bytes, then puts
/// back stderr with what was written to it meanwhile.
func emergencyRestoreTerminal() {
    guard emergency.pointee.active else { return }
    emergency.pointee.active = false
    var saved = emergency.pointee.savedTermios
    _ = tcsetattr(emergency.pointee.ttyDescriptor, TCSANOW, &saved)
    let leave = emergency.pointee.leaveBytes
    var offset = 0
    while offset < leave.count {
        let written = write(1, leave.storage + offset, leave.count - offset)
        if written <= 0 { break }
        offset += written
    }
    releaseHeldStderr()
}

/// SIGINT, SIGTERM, SIGHUP: hand the signal to the loop through the self-pipe; if the loop
/// has not picked up the previous one (it is stuck), restore the terminal and exit now.
let terminationHandler: @convention(c) (Int32) -> Void = { signal in
    emergency.pointee.pendingTerminations += 1
    if emergency.pointee.pendingTerminations > 1 || emergency.pointee.signalPipe < 0 {
        emergencyRestoreTerminal()
        _exit(128 + signal)
    }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(emergency.pointee.signalPipe, &byte, 1)
}

/// SIGWINCH: only tell the loop, which asks the kernel for the new size.
let resizeHandler: @convention(c) (Int32) -> Void = { signal in
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(emergency.pointee.signalPipe, &byte, 1)
}

/// SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (a Swift trap on arm64): restore the
/// terminal, put back the previous action (e.g. Swift's backtracer, which then prints on a
/// sane screen) and re-raise.
let crashHandler: @convention(c) (Int32) -> Void = { signal in
    emergencyRestoreTerminal()
    _ = sigaction(signal, emergency.pointee.previousActions + Int(signal), nil)
    _ = raise(signal)
}

/// Installs and removes the handlers above.
enum SignalHandlers {
    static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crash: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    static let all = termination + crash + [SIGWINCH, SIGPIPE]

    static func install(signalPipe: Int32) {
        emergency.pointee.signalPipe = signalPipe
        emergency.pointee.pendingTerminations = 0
        installAlternateStack()
        for signal in termination { set(signal, handler: terminationHandler, flags: 0) }
        for signal in crash { set(signal, handler: crashHandler, flags: SA_ONSTACK | SA_NODEFER) }
        set(SIGWINCH, handler: resizeHandler, flags: SA_RESTART)
        set(SIGPIPE, handler: nil, flags: 0)
        // A parent may have started us with these blocked; then no exit path would restore.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in termination + crash + [SIGWINCH] { sigaddset(&handled, signal) }
        _ = pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// Puts back every action found at install (SIGPIPE stays ignored: a UI process has no
    /// use for dying on a closed socket).
    static func uninstall() {
        for signal in all where signal != SIGPIPE {
            _ = sigaction(signal, emergency.pointee.previousActions + Int(signal), nil)
        }
    }

    private static func set(_ signal: Int32, handler: (@convention(c) (Int32) -> Void)?, flags: Int32) {
        var action = sigaction()
        if let handler {
            action.__sigaction_handler.sa_handler = handler
        } else {
            action.__sigaction_handler.sa_handler = unsafeBitCast(Int(1), to: __sighandler_t.self)  // SIG_IGN
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        _ = sigaction(signal, &action, emergency.pointee.previousActions + Int(signal))
    }

    /// A stack for the crash handler, so a stack overflow can still restore the terminal.
    private static func installAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        _ = sigaltstack(&stack, nil)
    }
}
