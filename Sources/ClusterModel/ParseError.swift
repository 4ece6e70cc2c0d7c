/// Why a reply could not be turned into a model. Never a crash: a parser that
/// meets input it cannot use throws this, naming the command and the line.
public struct ModelParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The command whose reply this was, e.g. `CLUSTER NODES`.
    public var command: String
    /// 1-based line (text replies) or element index (array replies); nil when it applies to the whole reply.
    public var line: Int?
    /// The offending text, shortened.
    public var text: String
    /// What was wrong.
    public var reason: String

    public init(command: String, line: Int? = nil, text: String = "", reason: String) {
        self.command = command
        self.line = line
        self.text = String(text.prefix(200))
        self.reason = reason
    }

    public var description: String {
        let at = line.map { " line \($0)" } ?? ""
        let quoted = text.isEmpty ? "" : ": \(text)"
        return "\(command)\(at): \(reason)\(quoted)"
    }
}
