import RESP

/// Where a MOVED or ASK redirect points. `host` is nil when the server wrote `?`
/// or nothing (unknown endpoint); it may be a hostname (7.0+).
public struct RedirectTarget: Hashable, Sendable, Codable, CustomStringConvertible {
    public var host: String?
    public var port: Int
    public var address: NodeAddress? { host.map { NodeAddress(host: $0, port: port) } }
    public var description: String { "\(host ?? "?"):\(port)" }
}

/// An error reply, classified. Mirrors Wire's `ServerError` without depending on it.
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

    /// Classifies an error line, with or without the leading `-`.
    public init(message: String) {
        var trimmed = Substring(message)
        if trimmed.hasPrefix("-") { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, last == "\r" || last == "\n" || last == " " { trimmed = trimmed.dropLast() }
        let text = String(trimmed)
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        let code = words.first.map { $0.uppercased() } ?? ""
        switch code {
        case "MOVED", "ASK":
            if words.count >= 3, let slot = Int(words[1]), let target = Self.target(words[2]) {
                self = code == "MOVED" ? .moved(slot: slot, target: target) : .ask(slot: slot, target: target)
            } else {
                self = .other(code: code, message: text)
            }
        case "CLUSTERDOWN":
            self = text.lowercased().contains("hash slot not served") ? .slotNotServed(message: text) : .clusterDown(message: text)
        case "TRYAGAIN": self = .tryAgain(message: text)
        case "CROSSSLOT": self = .crossSlot(message: text)
        case "LOADING": self = .loading(message: text)
        case "MASTERDOWN": self = .masterDown(message: text)
        case "READONLY": self = .readOnly(message: text)
        case "NOAUTH": self = .noAuth(message: text)
        case "WRONGPASS": self = .wrongPass(message: text)
        case "NOPERM": self = .noPerm(message: text)
        case "BUSYKEY": self = .busyKey(message: text)
        case "ERR" where text.lowercased().contains("unknown command") || text.lowercased().contains("unknown subcommand"):
            self = .unknownCommand(message: text)
        default: self = .other(code: code, message: text)
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
