#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import UI

/// The ncursesw driver: opens the terminal, flushes `ScreenBuffer` frames (only changed
/// cells), reads keys with a timeout, and restores the terminal on every exit path.
/// Use it from one thread; wake it from others with `waker`. At most one is open at a time.
public final class CursesTerminal {
    public let capabilities: TerminalCapabilities
    /// Wakes `nextEvent` from another thread.
    public let waker: TerminalWaker
    /// The size the next frame should have.
    public private(set) var size: Size

    private let screen: OpaquePointer
    private var styles: CursesStyles
    private var previous: ScreenBuffer?
    /// One run of cells as curses takes them, kept between frames for its capacity.
    private var line: [cchar_t] = []
    private var queued: [TerminalEvent] = []
    private let signalRead: Int32
    private let wakeRead: Int32
    private var isOpen = true

    /// Opens the terminal, or throws the one-line reason it cannot. Prints the `TERM`
    /// fallback warning (one line, stderr) before entering the alternate screen.
    public init(options: TerminalOptions = TerminalOptions()) throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let unicode = String(cString: slotscope_codeset()) == "UTF-8" && !options.forceASCII

        let term = getenv("TERM").map { String(cString: $0) }
        let choice = TerminalTypeChoice.choose(term: term) { name in
            var known: Int32 = 0
            let usable = slotscope_term_usable(name, &known)
            return known == 0 ? .unknown : (usable == 1 ? .usable : .cannotAddressCursor)
        }
        let termName: String
        let warning: String?
        switch choice {
        case .refuse(let error): throw error
        case .use(let name, let message): termName = name; warning = message
        }
        if let warning { Self.printLine(warning) }

        tcgetattr(0, &emergency.pointee.savedTermios)
        emergency.pointee.ttyDescriptor = 0
        let signalPipe = Self.makePipe()
        let wakePipe = Self.makePipe()
        signalRead = signalPipe.read
        wakeRead = wakePipe.read
        waker = TerminalWaker(descriptor: wakePipe.write)
        // Our handlers go in first: curses then leaves SIGINT/SIGTERM/SIGWINCH alone.
        SignalHandlers.install(signalPipe: signalPipe.write)

        set_escdelay(options.escapeDelayMilliseconds)
        // Never fclose these: that would close fds 0 and 1.
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r"),
              let screen = newterm(termName, output, input) else {
            SignalHandlers.uninstall()
            emergency.pointee.signalPipe = -1
            for descriptor in [signalPipe.read, signalPipe.write, wakePipe.read, wakePipe.write] {
                Glibc.close(descriptor)
            }
            throw .cursesFailed(term: termName)
        }
        self.screen = screen
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        let window = slotscope_stdscr()
        keypad(window, true)
        nodelay(window, true)
        intrflush(window, false)
        curs_set(0)
        mousemask(0, nil)

        var colors = false, defaultColors = false
        if has_colors() && !options.noColor {
            colors = start_color() == OK
            defaultColors = colors && use_default_colors() == OK
        }
        styles = CursesStyles(colors: colors, defaultColors: defaultColors)
        capabilities = TerminalCapabilities(termName: termName, unicode: unicode, colors: colors, warning: warning)
        size = Size(width: Int(slotscope_cols()), height: Int(slotscope_lines()))
        // Until the first endwin, ncurses counts as not yet started and writes its buffer
        // out after every cursor move: a write(2) per move, ~170 for a full repaint. One
        // endwin and update now, before anything is drawn, leaves that state for good.
        endwin()
        doupdate()
        Self.saveLeaveBytes()
        HeldStderr.hold()
        emergency.pointee.active = true
        if !Self.atexitRegistered {
            Self.atexitRegistered = true
            atexit(restoreAtExit)
        }
    }

    /// `atexit` handlers cannot be removed, so one registration serves every terminal opened.
    nonisolated(unsafe) private static var atexitRegistered = false

    deinit {
        close()
    }

    /// Leaves curses and restores the terminal as it was. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        emergency.pointee.active = false
        endwin()
        delscreen(screen)
        _ = tcsetattr(emergency.pointee.ttyDescriptor, TCSANOW, &emergency.pointee.savedTermios)
        releaseHeldStderr()
        SignalHandlers.uninstall()
        Glibc.close(signalRead)
        Glibc.close(emergency.pointee.signalPipe)
        emergency.pointee.signalPipe = -1
        // The wake pipe stays open: a waker held by another thread must never write into
        // a reused descriptor.
    }

    /// Draws `buffer`, writing only the cells that differ from the previous frame.
    public func draw(_ buffer: ScreenBuffer) {
        guard isOpen else { return }
        let window = slotscope_stdscr()
        let sameSize = previous?.size == buffer.size
        // A full redraw writes every cell of the buffer: only a buffer smaller than the
        // window leaves cells that must be erased first.
        var rows: Int32 = 0, columns: Int32 = 0
        slotscope_getmaxyx(window, &rows, &columns)
        if !sameSize && (buffer.width < Int(columns) || buffer.height < Int(rows)) { werase(window) }
        let spans = buffer.spans(from: sameSize ? previous : nil)
        buffer.cells.withUnsafeBufferPointer { cells in
            for span in spans {
                let start = span.row * buffer.width + span.column
                let run = cells[start..<(start + span.count)]
                // A run of one-cell graphemes is copied into the window in one call (no
                // cursor moves, no per-character processing); runs with wide graphemes go
                // cell by cell so curses keeps both halves of each together.
                guard run.allSatisfy({ $0.width == 1 }) else {
                    var x = span.column
                    for cell in run {
                        if !cell.isContinuation { put(cell, x: x, y: span.row, window: window) }
                        x += 1
                    }
                    continue
                }
                // A local array: appending to the stored one would check exclusive access per cell.
                var line = self.line
                self.line = []
                defer { self.line = line }
                line.removeAll(keepingCapacity: true)
                // Neighbouring cells mostly share a style: look its attributes up once.
                var style = run[start].style
                var attributes = styles.attributes(for: style)
                for cell in run {
                    if cell.style != style {
                        style = cell.style
                        attributes = styles.attributes(for: style)
                    }
                    var complex = cchar_t()
                    set(&complex, cell, attributes)
                    line.append(complex)
                }
                mvwadd_wchnstr(window, Int32(span.row), Int32(span.column), line, Int32(line.count))
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    /// Forgets the previous frame so the next `draw` repaints every cell (after a resize,
    /// or when the user asks for a redraw because the screen was garbled).
    ///
    /// curses is told to rewrite every cell rather than to clear the screen and then draw
    /// what is not blank: after a clear it skips each blank gap between table columns with
    /// a cursor move, and working out each move costs it ~15,000 instructions, more than
    /// writing the blanks. The terminal's attributes and cursor position may have been
    /// changed behind curses' back, so both are first reset to what curses assumes.
    public func invalidate() {
        previous = nil
        guard isOpen else { return }
        if let reset = slotscope_string_capability("sgr0") { putp(reset) }
        mvcur(-1, -1, 0, 0)  // unknown position: an absolute move, and curses notes it
        // Both write through stdio's `stdout` (fd 1, like curses' own stream): out before
        // the next frame.
        slotscope_flush_stdout()
        redrawwin(slotscope_stdscr())
    }

    /// Waits up to `timeoutMilliseconds` for a key, a resize, a wake-up or a termination
    /// signal. Never blocks longer, so the loop can redraw polled data on time.
    public func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent {
        if !queued.isEmpty { return queued.removeFirst() }
        if let key = readKey() { return key }
        var descriptors = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalRead, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        if ready > 0 {
            if descriptors[1].revents != 0 { drainSignals() }
            if descriptors[2].revents != 0 { Self.drain(wakeRead); queued.append(.wake) }
            if descriptors[0].revents != 0, let key = readKey() { queued.append(key) }
        } else if ready < 0, let key = readKey() {
            queued.append(key)  // EINTR: curses may have queued something
        }
        return queued.isEmpty ? .timeout : queued.removeFirst()
    }

    /// Leaves by re-raising `signal` with its default action, so the parent sees the
    /// signal as the cause. Closes the terminal first.
    public func exit(bySignal signal: Int32) -> Never {
        close()
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
        _exit(128 + signal)
    }

    // MARK: - Internals

    private func put(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>?) {
        var complex = cchar_t()
        set(&complex, cell, styles.attributes(for: cell.style))
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
        if !capabilities.unicode && !cell.character.isASCII && cell.width == 2 {
            mvwadd_wch(window, Int32(y), Int32(x + 1), &complex)
        }
    }

    /// Fills `complex` with `cell`'s grapheme and its style's curses attributes.
    private func set(_ complex: inout cchar_t, _ cell: Cell, _ style: (attributes: attr_t, pair: Int16)) {
        let (attributes, pair) = style
        if let scalar = cell.scalar {
            // One scalar (nearly every cell). No UTF-8 locale: never send bytes it cannot show.
            let shown = capabilities.unicode || scalar.isASCII
            let value = shown ? wchar_t(bitPattern: scalar.value) : wchar_t(UInt8(ascii: "?"))
            slotscope_set_cell(&complex, value, attributes, Int32(pair))
            return
        }
        let character = cell.character
        if capabilities.unicode || character.isASCII {
            var text = character.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
            text.append(0)
            setcchar(&complex, text, attributes, pair, nil)
        } else {
            slotscope_set_cell(&complex, wchar_t(UInt8(ascii: "?")), attributes, Int32(pair))
        }
    }

    private func readKey() -> TerminalEvent? {
        var code: wint_t = 0
        while true {
            let result = wget_wch(slotscope_stdscr(), &code)
            if result == ERR { return nil }
            guard let key = CursesKeys.key(code: UInt32(code), isFunctionKey: result == KEY_CODE_YES) else { continue }
            if key == .resize { return updateSize() }
            return .key(key)
        }
    }

    private func drainSignals() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(signalRead, &bytes, bytes.count)
            if count <= 0 { break }
            for byte in bytes.prefix(count) {
                switch Int32(byte) {
                case SIGWINCH: queued.append(updateSize())
                case SIGINT: queued.append(.key(.ctrl("c")))
                case let signal: queued.append(.terminate(signal: signal))
                }
            }
        }
        emergency.pointee.pendingTerminations = 0
    }

    /// Takes the size from the kernel, tells curses, and schedules a full repaint.
    private func updateSize() -> TerminalEvent {
        var rows: Int32 = 0, columns: Int32 = 0
        if slotscope_window_size(1, &rows, &columns) == 0, rows > 0, columns > 0 {
            resize_term(rows, columns)
        }
        size = Size(width: Int(slotscope_cols()), height: Int(slotscope_lines()))
        invalidate()
        return .resize(size)
    }

    private static func saveLeaveBytes() {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmcup"] {
            if let value = slotscope_string_capability(capability) { bytes += Array(String(cString: value).utf8) }
        }
        bytes.append(contentsOf: Array("\r\n".utf8))
        let count = min(bytes.count, 512)
        for index in 0..<count { emergency.pointee.leaveBytes.storage[index] = bytes[index] }
        emergency.pointee.leaveBytes.count = count
    }

    private static func makePipe() -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return (-1, -1) }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }

    private static func drain(_ descriptor: Int32) {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &bytes, bytes.count) > 0 {}
    }

    static func printLine(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// `exit()` called while the terminal is open (anywhere in the program) still restores it.
private let restoreAtExit: @convention(c) () -> Void = {
    guard emergency.pointee.active else { return }
    endwin()
    emergencyRestoreTerminal()
}
