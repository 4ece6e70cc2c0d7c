import UI

/// Word wrapping for explanations: lines of at most `width` cells, words longer than a line
/// cut hard.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                while CharacterWidth.of(word) > width {
                    if !line.isEmpty { result.append(line); line = "" }
                    let head = String(word.prefix(width))
                    result.append(head)
                    word = String(word.dropFirst(head.count))
                }
                if line.isEmpty {
                    line = word
                } else if CharacterWidth.of(line) + 1 + CharacterWidth.of(word) <= width {
                    line += " " + word
                } else {
                    result.append(line)
                    line = word
                }
            }
            result.append(line)
        }
        return result
    }
}
