/// How to open the terminal. `fromEnvironment` applies `NO_COLOR`.
public struct TerminalOptions: Sendable, Equatable {
    /// Never use colour (`--no-color`, or `NO_COLOR` set to anything non-empty).
    public var noColor: Bool
    /// Use ASCII glyphs even in a UTF-8 locale (`--ascii`).
    public var forceASCII: Bool
    /// How long `nextEvent` waits for an escape sequence to complete, in milliseconds.
    public var escapeDelayMilliseconds: Int32

    public init(noColor: Bool = false, forceASCII: Bool = false, escapeDelayMilliseconds: Int32 = 25) {
        self.noColor = noColor
        self.forceASCII = forceASCII
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }

    /// The options with the environment applied (`NO_COLOR`, per no-color.org).
    public func applyingEnvironment(_ environment: [String: String]) -> TerminalOptions {
        var copy = self
        if let value = environment["NO_COLOR"], !value.isEmpty { copy.noColor = true }
        return copy
    }
}

/// What the opened terminal can do.
public struct TerminalCapabilities: Sendable, Equatable {
    /// The terminfo name in use (may be a fallback).
    public var termName: String
    /// The locale's character set is UTF-8 (and `--ascii` was not given): use `Glyphs.unicode`.
    public var unicode: Bool
    /// Colours are on (the terminal has them and they were not turned off).
    public var colors: Bool
    /// The one-line warning printed when `TERM` fell back, for the status line.
    public var warning: String?
}
