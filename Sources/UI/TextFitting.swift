/// Horizontal alignment of text inside a fixed width.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}

/// Width-aware truncation and padding (wide graphemes count as two cells).
public enum TextFitting {
    /// `text` cut to at most `width` cells; when cut, the last cell shows `ellipsis`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: Character) -> String {
        guard width > 0 else { return "" }
        if CharacterWidth.of(text) <= width { return text }
        var result = ""
        var used = 0
        let budget = width - 1  // keep one cell for the ellipsis
        for character in text {
            let w = CharacterWidth.of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        result.append(ellipsis)
        return result
    }

    /// `text` truncated then padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, width: Int, alignment: Alignment, ellipsis: Character) -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - CharacterWidth.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }
}
