/// An error reply's line, classified by its code. The one set of rules for reading
/// `-MOVED 3999 127.0.0.1:6381`, `-CLUSTERDOWN …`, `-ERR unknown command …`, shared by the
/// connection layer (`Wire.ServerError`) and the model (`ClusterModel.ErrorReply`), which
/// differ only in how they type the redirect's address.
public struct RESPErrorLine: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case moved, ask
        /// `CLUSTERDOWN Hash slot not served`.
        case slotNotServed
        /// Any other `CLUSTERDOWN`.
        case clusterDown
        case tryAgain, crossSlot, loading, masterDown
        /// `READONLY`: a write sent to a replica.
        case readOnly
        case noAuth
        /// `WRONGPASS`, or `ERR invalid password` from servers before ACLs.
        case wrongPass
        case noPerm, busyKey
        /// `ERR unknown command …` / `ERR unknown subcommand …`.
        case unknownCommand
        /// Anything else, including a MOVED/ASK whose slot or address cannot be read.
        case other
    }

    /// Where a MOVED or ASK points: the slot and the endpoint as written (`host:port`,
    /// `?:port`, `[::1]:port`).
    public struct Redirect: Sendable, Hashable {
        public var slot: Int
        public var endpoint: String

        public init(slot: Int, endpoint: String) {
            self.slot = slot
            self.endpoint = endpoint
        }
    }

    public var kind: Kind
    /// The first word, upper-cased (`MOVED`, `ERR`, `WRONGTYPE`…).
    public var code: String
    /// The line without its `-` and trailing line ending.
    public var message: String
    /// Set for `.moved` and `.ask`.
    public var redirect: Redirect?

    public init(_ line: String) {
        var trimmed = Substring(line)
        if trimmed.hasPrefix("-") { trimmed = trimmed.dropFirst() }
        // `last.isNewline`: Swift reads "\r\n" as one Character, equal to neither "\r" nor "\n".
        while let last = trimmed.last, last.isNewline || last == " " { trimmed = trimmed.dropLast() }
        message = String(trimmed)
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        code = words.first.map { $0.uppercased() } ?? ""
        redirect = nil
        switch code {
        case "MOVED", "ASK":
            if words.count >= 3, let slot = Int(words[1]), words[2].contains(":") {
                redirect = Redirect(slot: slot, endpoint: String(words[2]))
                kind = code == "MOVED" ? .moved : .ask
            } else {
                kind = .other
            }
        case "CLUSTERDOWN": kind = message.lowercased().contains("hash slot not served") ? .slotNotServed : .clusterDown
        case "TRYAGAIN": kind = .tryAgain
        case "CROSSSLOT": kind = .crossSlot
        case "LOADING": kind = .loading
        case "MASTERDOWN": kind = .masterDown
        case "READONLY": kind = .readOnly
        case "NOAUTH": kind = .noAuth
        case "WRONGPASS": kind = .wrongPass
        case "NOPERM": kind = .noPerm
        case "BUSYKEY": kind = .busyKey
        case "ERR":
            let lower = message.lowercased()
            if lower.hasPrefix("err unknown command") || lower.hasPrefix("err unknown subcommand") {
                kind = .unknownCommand
            } else if lower.hasPrefix("err invalid password") {
                kind = .wrongPass
            } else {
                kind = .other
            }
        default: kind = .other
        }
    }
}
