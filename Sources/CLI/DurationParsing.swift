/// Parses a human duration (`2s`, `500ms`, `1.5s`, `1m`, or a bare number of seconds).
public enum DurationParsing {
    public static func parse(_ text: String, flag: String) throws(CLIError) -> Duration {
        let trimmed = text.trimmingCharacters(in: " ")
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        var number = Substring(trimmed)
        var scale = 1.0
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = trimmed.dropLast(unit.suffix.count)
            scale = unit.seconds
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale <= 86_400 else {
            throw CLIError.usage("\(flag) \"\(text)\" is not a duration: use e.g. 2s, 500ms or 1.5 (seconds)")
        }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        var view = Substring(self)
        while view.first == character { view = view.dropFirst() }
        while view.last == character { view = view.dropLast() }
        return String(view)
    }
}
