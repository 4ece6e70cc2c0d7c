/// A line being typed at the bottom of the screen: a `/` filter or a `:` command.
public struct TextInput: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case filter
        case command
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String = "") {
        self.kind = kind
        self.text = text
    }

    /// The prompt shown before the text.
    public var prompt: String { kind == .filter ? "/" : ":" }
}
