import ClusterModel

/// A `:` command line: `slot N` or `key NAME` jump the slot map's cursor; `node PORT`
/// (or `HOST:PORT`, or an id prefix) selects that node on the Nodes screen.
public enum InspectorCommand: Sendable, Hashable {
    case slot(Int)
    case key(String)
    case node(String)

    /// Parses the typed text, or returns the one-line reason it cannot.
    public static func parse(_ text: String) -> Result<InspectorCommand, CommandError> {
        let trimmed = text.drop { $0 == " " }
        let parts = trimmed.split(separator: " ", maxSplits: 1)
        guard let verb = parts.first?.lowercased() else {
            return .failure(CommandError("type slot N, key NAME or node PORT"))
        }
        let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
        switch verb {
        case "slot", "s":
            guard let slot = Int(argument), (0..<clusterSlotCount).contains(slot) else {
                return .failure(CommandError("slot needs a number from 0 to 16383"))
            }
            return .success(.slot(slot))
        case "key", "k":
            guard !argument.isEmpty else { return .failure(CommandError("key needs a key name")) }
            return .success(.key(argument))
        case "node", "n":
            guard !argument.isEmpty else { return .failure(CommandError("node needs a port, HOST:PORT or an id prefix")) }
            return .success(.node(argument))
        default:
            return .failure(CommandError("unknown command \(verb): try slot N, key NAME or node PORT"))
        }
    }

    /// The slot the command jumps to (nil for `node`).
    public var slot: Int? {
        switch self {
        case .slot(let slot): return slot
        case .key(let key): return KeySlot.slot(forKey: Array(key.utf8))
        case .node: return nil
        }
    }

    /// Whether `row` is the node `query` names: its port, its announced or dialed
    /// `HOST:PORT`, its hostname, or a prefix of its id.
    static func node(_ row: NodeRow, matches query: String) -> Bool {
        let node = row.node
        if let port = Int(query) { return node.address.port == port }
        let lowered = query.lowercased()
        return node.address.description == lowered || row.dialed?.lowercased() == lowered
            || node.hostname.map { "\($0):\(node.address.port)".lowercased() == lowered || $0.lowercased() == lowered } == true
            || node.id.description.hasPrefix(lowered)
    }

    public struct CommandError: Error, Sendable, Hashable {
        public var message: String
        init(_ message: String) { self.message = message }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
