#if canImport(Glibc)
import Glibc
#endif
import Terminal
import UI

// slotscope-tui-check [--read-only] [--ascii] [--no-color] [--ticker] [--test-keys]
// Draws one screen with the real driver and reacts to keys; TerminalTests run it in tmux.
// --ticker wakes the loop from another task every 100 ms (as poll results would);
// --test-keys makes `!` crash the program and `s` stall its loop, to test that a crash, and
// a second SIGTERM while the loop is stuck, still restore the terminal.

let arguments = Set(CommandLine.arguments.dropFirst())
var environment: [String: String] = [:]
if let value = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: value) }
let options = TerminalOptions(noColor: arguments.contains("--no-color"), forceASCII: arguments.contains("--ascii"))
    .applyingEnvironment(environment)

let terminal: CursesTerminal
do {
    terminal = try CursesTerminal(options: options)
} catch {
    let line = Array((error.description + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(TerminalError.exitStatus)
}

let program = CheckProgram()
var state = CheckState(readOnly: arguments.contains("--read-only"),
                       glyphs: terminal.capabilities.unicode ? .unicode : .ascii, size: terminal.size,
                       testKeys: arguments.contains("--test-keys"))
if arguments.contains("--ticker") {
    let waker = terminal.waker
    Task.detached {
        while true {
            try? await Task.sleep(for: .milliseconds(100))
            waker.wake()
        }
    }
}
var running = true
while running {
    terminal.draw(program.render(state, size: terminal.size))
    let message: CheckMessage
    // A long timeout on purpose: redraws for new data must come from the waker, not polling.
    switch terminal.nextEvent(timeoutMilliseconds: 5_000) {
    case .key(let key): message = .key(key)
    case .resize(let size): message = .resized(size)
    case .wake: message = .woken
    case .terminate(let signal): terminal.exit(bySignal: signal)
    case .timeout: continue
    }
    let effects: [CheckEffect]
    (state, effects) = program.update(state, message)
    if effects.contains(.quit) { running = false }
    if effects.contains(.crash) { crash() }
    if effects.contains(.trap) { trap(after: state.wakes) }
    if effects.contains(.warn) { warnOnStderr("slotscope-tui-check: a warning written while the screen was ours") }
    if effects.contains(.stall) { stall(seconds: 30) }
}
terminal.close()

/// A real fault (not a Swift trap), so the crash handler is what restores the terminal.
func crash() -> Never {
    let pointer = UnsafeMutablePointer<Int>(bitPattern: 8)!
    pointer.pointee = 1
    fatalError("unreachable: writing to address 8 faults")
}

/// A failed precondition, the way a Swift bug ends a program. The condition reads state
/// so the optimiser cannot prove it and drop the code after it.
func trap(after wakes: Int) -> Never {
    precondition(wakes < 0, "slotscope-tui-check: trap requested with the T key")
    fatalError("unreachable: wakes is never negative")
}

/// Writes one line to fd 2, as a library's warning would.
func warnOnStderr(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// Sleeps through signals (each one cuts `sleep` short) until `seconds` have passed.
func stall(seconds: Int) {
    var start = timespec(), now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    repeat {
        sleep(1)
        clock_gettime(CLOCK_MONOTONIC, &now)
    } while now.tv_sec - start.tv_sec < seconds
}
