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

    /// Classifies the text of an error reply (with or without its `-`), by the rules in
    /// `RESPErrorLine`.
    public init(message: String) {
        let line = RESPErrorLine(message)
        let text = line.message
        switch line.kind {
        case .moved, .ask:
            guard let redirect = line.redirect, let endpoint = try? Endpoint(parsing: redirect.endpoint) else {
                self = .other(code: line.code, message: text)
                return
            }
            self = line.kind == .moved ? .moved(slot: redirect.slot, endpoint: endpoint) : .ask(slot: redirect.slot, endpoint: endpoint)
        case .slotNotServed, .clusterDown: self = .clusterDown(message: text)
        case .tryAgain: self = .tryAgain(message: text)
        case .crossSlot: self = .crossSlot(message: text)
        case .loading: self = .loading(message: text)
        case .masterDown: self = .masterDown(message: text)
        case .readOnly: self = .readOnlyReplica(message: text)
        case .noAuth: self = .noAuth(message: text)
        case .wrongPass: self = .wrongPass(message: text)
        case .noPerm: self = .noPerm(message: text)
        case .busyKey: self = .busyKey(message: text)
        case .unknownCommand: self = .unknownCommand(message: text)
        case .other: self = .other(code: line.code, message: text)
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
