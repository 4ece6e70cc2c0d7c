/// Picks the terminal type to open: `TERM` when terminfo knows it, else a fallback with one
/// warning; refuses types that cannot address the cursor. Pure, so it is testable.
public enum TerminalTypeChoice: Sendable, Equatable {
    /// Use `name`; `warning` (one line) is set when it is a fallback.
    case use(name: String, warning: String?)
    case refuse(TerminalError)

    /// Tried in order when `TERM` is unset or unknown.
    public static let fallbacks = ["xterm-256color", "vt100"]

    /// What terminfo says about a name.
    public enum Lookup: Sendable, Equatable {
        case unknown, cannotAddressCursor, usable
    }

    public static func choose(term: String?, lookup: (String) -> Lookup) -> TerminalTypeChoice {
        let requested = term.flatMap { $0.isEmpty ? nil : $0 }
        if let requested {
            if requested == "dumb" { return .refuse(.cannotAddressCursor(term: requested)) }
            switch lookup(requested) {
            case .usable: return .use(name: requested, warning: nil)
            case .cannotAddressCursor: return .refuse(.cannotAddressCursor(term: requested))
            case .unknown: break
            }
        }
        for fallback in fallbacks where lookup(fallback) == .usable {
            let reason = requested.map { "TERM=\($0) is unknown here" } ?? "TERM is not set"
            return .use(name: fallback, warning: "slotscope: warning: \(reason); using \(fallback)")
        }
        return .refuse(.noUsableTerminalType(term: requested))
    }
}
