/// The inspector's screens, in tab order (`ux.md`); the number keys `1`…`7` choose them.
public enum InspectorScreen: Int, Sendable, Hashable, CaseIterable {
    case overview, nodes, slots, replication, events, findings, log

    /// The tab label.
    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .nodes: return "Nodes"
        case .slots: return "Slot map"
        case .replication: return "Replication"
        case .events: return "Events"
        case .findings: return "Findings"
        case .log: return "Log"
        }
    }

    /// The tab label when the full ones do not fit beside the target (80 columns).
    public var shortTitle: String {
        switch self {
        case .slots: return "Slots"
        case .replication: return "Repl"
        default: return title
        }
    }

    /// The key that selects it: "1" for the first screen.
    public var numberKey: Character { Character(String(rawValue + 1)) }

    /// Screens whose rows `/` filters.
    public var isFilterable: Bool { self == .nodes || self == .events || self == .findings }

    /// Screens with a selectable row list (up/down, enter for details).
    public var isList: Bool { self == .nodes || self == .events || self == .findings }

    /// The next (or, with `by: -1`, previous) screen, wrapping around.
    public func advanced(by step: Int) -> InspectorScreen {
        let count = Self.allCases.count
        return InspectorScreen(rawValue: ((rawValue + step) % count + count) % count)!
    }
}
