import RESP

extension RESPValue {
    /// Text of a reply that carries a text document (bulk or RESP3 verbatim).
    func documentText(command: String) throws(ModelParseError) -> String {
        if let message = errorMessage {
            throw ModelParseError(command: command, text: message, reason: "server replied with an error")
        }
        guard let text = string else {
            throw ModelParseError(command: command, reason: "expected a text reply")
        }
        return text
    }

    /// Bytes of a reply that carries a text document.
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

/// Splits `key:value` lines (CLUSTER INFO, INFO), skipping blanks and `#` headers.
func keyValueLines(_ text: String, _ body: (_ section: String?, _ key: Substring, _ value: Substring) -> Void) {
    var section: String?
    for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
        let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
        if line.isEmpty { continue }
        if line.hasPrefix("#") {
            section = line.dropFirst().trimmingSpaces().lowercased()
            continue
        }
        guard let colon = line.firstIndex(of: ":") else { continue }
        body(section, line[..<colon], line[line.index(after: colon)...])
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
