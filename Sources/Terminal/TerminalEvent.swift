import UI

/// What woke the UI loop.
public enum TerminalEvent: Sendable, Equatable {
    /// A key press. Ctrl-C arrives as `.key(.ctrl("c"))` (it is a SIGINT under cbreak).
    case key(Key)
    /// The terminal changed size; draw the next frame at this size.
    case resize(Size)
    /// Another thread called `TerminalWaker.wake()` (new data to show).
    case wake
    /// SIGTERM or SIGHUP: close the terminal and exit (see `Terminal.exit(bySignal:)`).
    case terminate(signal: Int32)
    /// Nothing happened within the timeout.
    case timeout
}
