import ClusterModel
import UI

/// Short, fixed-style texts for numbers, sizes, ages and clock times.
public enum Formatting {
    /// Bytes in the style of `used_memory_human`: "512B", "1.5K", "100.0M", "4.0G".
    public static func bytes(_ value: Int64) -> String {
        let units = ["B", "K", "M", "G", "T", "P"]
        var amount = Double(value)
        var unit = 0
        while abs(amount) >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        if unit == 0 { return "\(value)B" }
        let tenths = Int64((amount * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))\(units[unit])"
    }

    /// A count with thousands kept short: "950", "10.0k", "1.2M".
    public static func count(_ value: Int64) -> String {
        if abs(value) < 10_000 { return "\(value)" }
        if abs(value) < 1_000_000 {
            let tenths = value / 100
            return "\(tenths / 10).\(abs(tenths % 10))k"
        }
        let tenths = value / 100_000
        return "\(tenths / 10).\(abs(tenths % 10))M"
    }

    /// An age in the largest whole unit: "0s", "42s", "3m", "5h", "2d".
    public static func age(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h" }
        return "\(seconds / 86_400)d"
    }

    /// "HH:MM:SS" of `time` shifted by `utcOffsetSeconds`.
    public static func clock(_ time: Timestamp, utcOffsetSeconds: Int) -> String {
        let seconds = (time.milliseconds / 1000 + Int64(utcOffsetSeconds)) % 86_400
        let day = seconds < 0 ? seconds + 86_400 : seconds
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))"
    }

    /// A camel-case name as the findings' kinds are written: "replicationIDChanged" →
    /// "replication-id-changed".
    public static func kebab(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { result.append("-") }
            }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }

    /// Why a node could not be read, in a few words for a table cell.
    public static func reachability(_ reachability: Reachability) -> String {
        switch reachability {
        case .reachable: return "ok"
        case .notPolled: return "not polled"
        case .unreachable(let failure):
            switch failure {
            case .timeout: return "timeout"
            case .refused: return "refused"
            case .authentication: return "auth failed"
            case .tls: return "tls error"
            case .dns: return "dns error"
            case .noPermission: return "noperm"
            case .protocolError: return "bad reply"
            case .other: return "error"
            }
        }
    }

    /// Severity as a word that carries the meaning without colour.
    public static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "CRIT"
        case .warning: return "WARN"
        case .info: return "info"
        }
    }

    /// The colour of a severity (always paired with `severity(_:)`'s word).
    public static func style(for severity: Severity) -> Style {
        switch severity {
        case .critical: return Style(foreground: .red, bold: true)
        case .warning: return Style(foreground: .yellow, bold: true)
        case .info: return Style(foreground: .cyan)
        }
    }
}
