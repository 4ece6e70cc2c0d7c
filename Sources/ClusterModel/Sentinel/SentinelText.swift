import RESP

extension RESPValue {
    /// The text of a reply that carries a text document (bulk or verbatim), or a typed error.
    func documentText(command: String) throws(ModelParseError) -> String {
        String(decoding: try documentBytes(command: command), as: UTF8.self)
    }
}

/// Calls `body` for each `key:value` line of an INFO-style document, with its `# Section`
/// (lower-cased); blank lines and lines without a colon are skipped.
func keyValueLines(_ text: String, _ body: (_ section: String?, _ key: Substring, _ value: Substring) -> Void) {
    var section: String?
    for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
        let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
        if line.isEmpty { continue }
        if line.hasPrefix("#") {
            section = line.dropFirst().drop(while: { $0 == " " }).lowercased()
            continue
        }
        guard let colon = line.firstIndex(of: ":") else { continue }
        body(section, line[..<colon], line[line.index(after: colon)...])
    }
}
