/// One key binding, declared once: its keys, what it does, and whether it may run now.
/// The footer hints, the help screen and read-only refusal are all derived from these.
public struct KeyBinding<Action: Hashable & Sendable>: Sendable, Hashable {
    /// The keys that trigger it; the first is the one shown in the footer.
    public var keys: [Key]
    /// What it does, a few words ("fix", "next screen").
    public var help: String
    /// Heading it is listed under in the help screen ("Navigation", "Actions").
    public var group: String
    /// Changes the cluster: hidden and refused in read-only mode.
    public var isDangerous: Bool
    /// False when it does not apply in the current state; such bindings are not shown and
    /// resolve to `.disabled`.
    public var isEnabled: Bool
    /// Shown among the footer hints (the help screen lists every enabled binding anyway).
    public var inFooter: Bool
    /// What the application does when the binding fires.
    public var action: Action

    public init(keys: [Key], help: String, group: String, isDangerous: Bool = false, isEnabled: Bool = true,
                inFooter: Bool = true, action: Action) {
        self.keys = keys
        self.help = help
        self.group = group
        self.isDangerous = isDangerous
        self.isEnabled = isEnabled
        self.inFooter = inFooter
        self.action = action
    }

    /// The keys as shown to the user: "q, ctrl-c".
    public func keyLabel(unicode: Bool = true) -> String {
        keys.map { unicode ? $0.description : $0.asciiDescription }.joined(separator: ", ")
    }
}

/// What a key press means under a `KeyMap`.
public enum KeyResolution<Action: Hashable & Sendable>: Sendable, Hashable {
    /// Run this action.
    case action(Action)
    /// A dangerous binding pressed in read-only mode: refuse it and say why.
    case refusedReadOnly(KeyBinding<Action>)
    /// A binding that exists but does not apply right now.
    case disabled(KeyBinding<Action>)
    /// No binding for this key.
    case unbound
}

/// A short hint for the footer: "q quit".
public struct KeyHint: Sendable, Hashable {
    public var key: String
    public var help: String

    public init(key: String, help: String) {
        self.key = key
        self.help = help
    }
}
