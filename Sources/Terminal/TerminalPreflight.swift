#if canImport(Glibc)
import Glibc
#endif
import CNcursesw

extension CursesTerminal {
    /// The checks `init` makes before touching the screen (a terminal on stdin and stdout,
    /// a `TERM` that can address the cursor), without opening it: a program can refuse
    /// with the one-line reason before it connects anywhere. Prints nothing.
    public static func preflight() throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        let term = getenv("TERM").map { String(cString: $0) }
        let choice = TerminalTypeChoice.choose(term: term) { name in
            var known: Int32 = 0
            let usable = slotscope_term_usable(name, &known)
            return known == 0 ? .unknown : (usable == 1 ? .usable : .cannotAddressCursor)
        }
        if case .refuse(let error) = choice { throw error }
    }
}
