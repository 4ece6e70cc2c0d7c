/// Why the full-screen UI cannot start. `message` is the one line to print.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file, `kubectl exec` without `-t`).
    case notATerminal
    /// The terminal cannot address the cursor (`TERM=dumb`, or a terminfo entry without `cup`).
    case cannotAddressCursor(term: String)
    /// Neither `TERM` nor any fallback has a terminfo entry here.
    case noUsableTerminalType(term: String?)
    /// curses refused to start on this terminal.
    case cursesFailed(term: String)

    /// The exit status for these errors: usage/environment (2), like `check` cannot connect.
    public static let exitStatus: Int32 = 2

    public var description: String {
        let alternatives = "use `slotscope watch HOST:PORT` (plain event stream) or `slotscope check HOST:PORT`"
        switch self {
        case .notATerminal:
            return "slotscope: the interactive UI needs a terminal on stdin and stdout; \(alternatives)"
        case .cannotAddressCursor(let term):
            return "slotscope: TERM=\(term) cannot move the cursor, so the interactive UI cannot run; \(alternatives)"
        case .noUsableTerminalType(let term):
            return "slotscope: no terminfo entry for TERM=\(term ?? "(unset)") nor for xterm-256color or vt100; "
                + "install ncurses-base or \(alternatives)"
        case .cursesFailed(let term):
            return "slotscope: curses could not start on TERM=\(term); \(alternatives)"
        }
    }
}
