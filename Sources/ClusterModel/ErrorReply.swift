import RESP

/// Where a MOVED or ASK redirect points. `host` is nil when the server wrote `?`
/// or nothing (unknown endpoint); it may be a hostname (7.0+).
public struct RedirectTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    public var host: String?
    public var port: Int
    public var address: NodeAddress? { host.map { NodeAddress(host: $0, port: port) } }
    public var description: String { "\(host ?? "?"):\(port)" }
}

/// An error reply, classified by `RESPErrorLine`, with the redirect typed for the model
/// (`RedirectTarget`: `nil` host for `?`); Wire's `ServerError` types it as an `Endpoint`.
public enum ErrorReply: Hashable, Sendable, Codable, CustomStringConvertible {
    case moved(slot: Int, target: RedirectTarget)
    case ask(slot: Int, target: RedirectTarget)
    /// `CLUSTERDOWN Hash slot not served`: the key's slot has no owner.
    case slotNotServed(message: String)
    /// `CLUSTERDOWN The cluster is down` and other CLUSTERDOWN texts.
    case clusterDown(message: String)
    case tryAgain(message: String)
    case crossSlot(message: String)
    case loading(message: String)
    case masterDown(message: String)
    case readOnly(message: String)
    case noAuth(message: String)
    case wrongPass(message: String)
    case noPerm(message: String)
    case busyKey(message: String)
    case unknownCommand(message: String)
    /// Any other error: its first word and the whole line.
    case other(code: String, message: String)

    /// Classifies an error reply; nil when the value is not an error.
    public init?(_ value: RESPValue) {
        guard let message = value.errorMessage else { return nil }
        self.init(message: message)
    }

    /// Classifies an error line, with or without the leading `-`, by the rules in
    /// `RESPErrorLine` (shared with the connection layer).
    public init(message: String) {
        let line = RESPErrorLine(message)
        let text = line.message
        switch line.kind {
        case .moved, .ask:
            guard let redirect = line.redirect, let target = Self.target(Substring(redirect.endpoint)) else {
                self = .other(code: line.code, message: text)
                return
            }
            self = line.kind == .moved ? .moved(slot: redirect.slot, target: target) : .ask(slot: redirect.slot, target: target)
        case .slotNotServed: self = .slotNotServed(message: text)
        case .clusterDown: self = .clusterDown(message: text)
        case .tryAgain: self = .tryAgain(message: text)
        case .crossSlot: self = .crossSlot(message: text)
        case .loading: self = .loading(message: text)
        case .masterDown: self = .masterDown(message: text)
        case .readOnly: self = .readOnly(message: text)
        case .noAuth: self = .noAuth(message: text)
        case .wrongPass: self = .wrongPass(message: text)
        case .noPerm: self = .noPerm(message: text)
        case .busyKey: self = .busyKey(message: text)
        case .unknownCommand: self = .unknownCommand(message: text)
        case .other: self = .other(code: line.code, message: text)
        }
    }

    static func target(_ word: Substring) -> RedirectTarget? {
        guard let colon = word.lastIndex(of: ":"), let port = Int(word[word.index(after: colon)...]) else { return nil }
        var host = String(word[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return RedirectTarget(host: host.isEmpty || host == "?" ? nil : host, port: port)
    }

    /// The line as the server sent it (without the `-`).
    public var description: String {
        switch self {
        case .moved(let slot, let target): return "MOVED \(slot) \(target)"
        case .ask(let slot, let target): return "ASK \(slot) \(target)"
        case .slotNotServed(let m), .clusterDown(let m), .tryAgain(let m), .crossSlot(let m), .loading(let m),
             .masterDown(let m), .readOnly(let m), .noAuth(let m), .wrongPass(let m), .noPerm(let m),
             .busyKey(let m), .unknownCommand(let m), .other(_, let m):
            return m
        }
    }
}
