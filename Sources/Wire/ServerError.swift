import RESP

/// The meaning of an error reply (`-MOVED 3999 127.0.0.1:6381`, `-CLUSTERDOWN …`).
///
/// Error replies to ordinary commands arrive as `RESPValue.error` values, not thrown
/// errors, so a pipeline keeps one reply per command; use this to decide what to do.
public enum ServerError: Sendable, Hashable, CustomStringConvertible {
    /// The slot lives elsewhere for good. The host is `?` when the server does not know it.
    case moved(slot: Int, endpoint: Endpoint)
    /// The slot is being migrated: retry once at `endpoint`, after `ASKING`.
    case ask(slot: Int, endpoint: Endpoint)
    case clusterDown(message: String)
    case tryAgain(message: String)
    case crossSlot(message: String)
    case loading(message: String)
    case masterDown(message: String)
    /// `-READONLY`: a write sent to a replica.
    case readOnlyReplica(message: String)
    case noAuth(message: String)
    /// `-WRONGPASS`, or `-ERR invalid password` from servers before ACLs.
    case wrongPass(message: String)
    case noPerm(message: String)
    case busyKey(message: String)
    /// `-ERR unknown command …` / `-ERR unknown subcommand …`: the server is older.
    case unknownCommand(message: String)
    /// Anything else; `code` is the first word (`ERR`, `WRONGTYPE`, …).
    case other(code: String, message: String)

    /// Classifies an error reply; nil for values that are not errors.
    public init?(_ value: RESPValue) {
        guard let message = value.errorMessage else { return nil }
        self.init(message: message)
    }

    /// Classifies the text of an error reply (the line without its `-`).
    public init(message: String) {
        let trimmed = message.hasPrefix("-") ? String(message.dropFirst()) : message
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        let code = words.first.map { $0.uppercased() } ?? ""
        switch code {
        case "MOVED", "ASK":
            if words.count >= 3, let slot = Int(words[1]),
               let endpoint = try? Endpoint(parsing: String(words[2])) {
                self = code == "MOVED" ? .moved(slot: slot, endpoint: endpoint) : .ask(slot: slot, endpoint: endpoint)
            } else {
                self = .other(code: code, message: trimmed)
            }
        case "CLUSTERDOWN": self = .clusterDown(message: trimmed)
        case "TRYAGAIN": self = .tryAgain(message: trimmed)
        case "CROSSSLOT": self = .crossSlot(message: trimmed)
        case "LOADING": self = .loading(message: trimmed)
        case "MASTERDOWN": self = .masterDown(message: trimmed)
        case "READONLY": self = .readOnlyReplica(message: trimmed)
        case "NOAUTH": self = .noAuth(message: trimmed)
        case "WRONGPASS": self = .wrongPass(message: trimmed)
        case "NOPERM": self = .noPerm(message: trimmed)
        case "BUSYKEY": self = .busyKey(message: trimmed)
        case "ERR":
            let lower = trimmed.lowercased()
            if lower.hasPrefix("err unknown command") || lower.hasPrefix("err unknown subcommand") {
                self = .unknownCommand(message: trimmed)
            } else if lower.hasPrefix("err invalid password") {
                self = .wrongPass(message: trimmed)
            } else {
                self = .other(code: code, message: trimmed)
            }
        default:
            self = .other(code: code, message: trimmed)
        }
    }

    public var description: String {
        switch self {
        case .moved(let slot, let endpoint): return "MOVED \(slot) \(endpoint)"
        case .ask(let slot, let endpoint): return "ASK \(slot) \(endpoint)"
        case .clusterDown(let m), .tryAgain(let m), .crossSlot(let m), .loading(let m), .masterDown(let m),
             .readOnlyReplica(let m), .noAuth(let m), .wrongPass(let m), .noPerm(let m), .busyKey(let m),
             .unknownCommand(let m), .other(_, let m):
            return m
        }
    }
}
