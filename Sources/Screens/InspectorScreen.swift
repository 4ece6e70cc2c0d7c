/// The inspector's screens, in tab order; the number keys `1`…`6` choose them.
public enum InspectorScreen: Int, Sendable, Hashable, CaseIterable {
    case overview, nodes, slots, events, findings, log

    /// The tab label.
    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .nodes: return "Nodes"
        case .slots: return "Slot map"
        case .events: return "Events"
        case .findings: return "Findings"
        case .log: return "Log"
        }
    }

    /// The key that selects it: "1" for the first screen.
    public var numberKey: Character { Character(String(rawValue + 1)) }

    /// Screens whose rows `/` filters.
    public var isFilterable: Bool { self == .nodes || self == .events || self == .findings }

    /// The next (or, with `by: -1`, previous) screen, wrapping around.
    public func advanced(by step: Int) -> InspectorScreen {
        let count = Self.allCases.count
        return InspectorScreen(rawValue: ((rawValue + step) % count + count) % count)!
    }
}
