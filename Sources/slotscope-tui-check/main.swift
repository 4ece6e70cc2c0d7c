#if canImport(Glibc)
import Glibc
#endif
import Terminal
import UI

// slotscope-tui-check [--read-only] [--ascii] [--no-color]
// Draws one screen with the real driver and reacts to keys; TerminalTests run it in tmux.

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
                       glyphs: terminal.capabilities.unicode ? .unicode : .ascii, size: terminal.size)
var running = true
while running {
    terminal.draw(program.render(state, size: terminal.size))
    let message: CheckMessage
    switch terminal.nextEvent(timeoutMilliseconds: 250) {
    case .key(let key): message = .key(key)
    case .resize(let size): message = .resized(size)
    case .terminate(let signal): terminal.exit(bySignal: signal)
    case .wake, .timeout: continue
    }
    let effects: [CheckEffect]
    (state, effects) = program.update(state, message)
    if effects.contains(.quit) { running = false }
}
terminal.close()
