extension ScreenBuffer {
    /// Each row as plain text (styles dropped, wide graphemes once, trailing spaces trimmed).
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = self[x, y]
                if !cell.isContinuation { line.append(cell.character) }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole grid as plain text, one line per row: the form snapshot tests compare.
    public func text() -> String {
        lines().joined(separator: "\n")
    }
}
