/// `INFO` text as `field → value` (lines `key:value`; `# Section` headers and blanks skipped).
/// Enough for `ping`; the inspection engine has the full, typed INFO parser.
enum InfoText {
    static func fields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return fields
    }
}
