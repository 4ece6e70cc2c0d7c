import RESP

extension RESPValue {
    /// Bytes of a reply that carries a text document (RESP2 bulk, RESP3 verbatim, or a status line);
    /// an error reply or any other type becomes a `ModelParseError` for `command`.
    func documentBytes(command: String) throws(ModelParseError) -> [UInt8] {
        if let message = errorMessage {
            throw ModelParseError(command: command, text: message, reason: "server replied with an error")
        }
        switch withoutAttributes {
        case .bulkString(let bytes), .verbatim(_, let bytes): return bytes
        case .simpleString(let text): return Array(text.utf8)
        default: throw ModelParseError(command: command, reason: "expected a text reply")
        }
    }
}
