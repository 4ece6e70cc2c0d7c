/// The bindings of one screen, in declaration order. Build it from the current state each
/// frame (so `isEnabled` is always current) and derive everything else from it.
public struct KeyMap<Action: Hashable & Sendable>: Sendable, Hashable {
    public var bindings: [KeyBinding<Action>]
    /// Read-only mode: dangerous bindings are neither shown nor run.
    public var readOnly: Bool

    public init(_ bindings: [KeyBinding<Action>], readOnly: Bool) {
        self.bindings = bindings
        self.readOnly = readOnly
    }

    /// The bindings the user can use now: enabled, and not dangerous in read-only mode.
    public var available: [KeyBinding<Action>] {
        bindings.filter { $0.isEnabled && !(readOnly && $0.isDangerous) }
    }

    /// What pressing `key` does. When several bindings share a key, an available one wins
    /// (so a context can rebind a key by disabling the other binding).
    public func resolve(_ key: Key) -> KeyResolution<Action> {
        let matching = bindings.filter { $0.keys.contains(key) }
        if let usable = matching.first(where: { $0.isEnabled && !(readOnly && $0.isDangerous) }) {
            return .action(usable.action)
        }
        if readOnly, let dangerous = matching.first(where: { $0.isDangerous }) {
            return .refusedReadOnly(dangerous)
        }
        if let disabled = matching.first { return .disabled(disabled) }
        return .unbound
    }

    /// Footer hints, in declaration order.
    public func footerHints(unicode: Bool = true) -> [KeyHint] {
        available.filter(\.inFooter).compactMap { binding in
            binding.keys.first.map { KeyHint(key: unicode ? $0.description : $0.asciiDescription, help: binding.help) }
        }
    }

    /// The help screen's content: every available binding, grouped in first-seen group order.
    public func helpSections(unicode: Bool = true) -> [(group: String, entries: [(keys: String, help: String)])] {
        var order: [String] = []
        var entries: [String: [(keys: String, help: String)]] = [:]
        for binding in available {
            if entries[binding.group] == nil { order.append(binding.group); entries[binding.group] = [] }
            entries[binding.group]!.append((binding.keyLabel(unicode: unicode), binding.help))
        }
        return order.map { ($0, entries[$0]!) }
    }

    /// The message shown when a dangerous key is refused in read-only mode.
    public static func refusalMessage(for binding: KeyBinding<Action>, unicode: Bool = true) -> String {
        "\(binding.keyLabel(unicode: unicode)) (\(binding.help)) is disabled: read-only mode"
    }
}
