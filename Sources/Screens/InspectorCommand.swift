import ClusterModel

/// A `:` command line: `slot N` or `key NAME` jump the slot map's cursor.
public enum InspectorCommand: Sendable, Hashable {
    case slot(Int)
    case key(String)

    /// Parses the typed text, or returns the one-line reason it cannot.
    public static func parse(_ text: String) -> Result<InspectorCommand, CommandError> {
        let trimmed = text.drop { $0 == " " }
        let parts = trimmed.split(separator: " ", maxSplits: 1)
        guard let verb = parts.first?.lowercased() else { return .failure(CommandError("type slot N or key NAME")) }
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
        default:
            return .failure(CommandError("unknown command \(verb): try slot N or key NAME"))
        }
    }

    /// The slot the command jumps to.
    public var slot: Int {
        switch self {
        case .slot(let slot): return slot
        case .key(let key): return KeySlot.slot(forKey: Array(key.utf8))
        }
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
