/// A key press, after the driver has decoded escape sequences.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable grapheme, case kept (`R` is not `r`).
    case char(Character)
    /// Control plus a letter, stored lowercase: `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// Function key F1…F24.
    case function(Int)
    /// Not a key: the terminal changed size (delivered as a key by curses).
    case resize

    /// The key for a character code read from the terminal outside any escape sequence:
    /// control codes become `.ctrl`, `.enter`, `.tab`, `.escape` or `.backspace`.
    public init?(codePoint: UInt32) {
        switch codePoint {
        case 0x0D, 0x0A: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x7F, 0x08: self = .backspace
        case 0x01...0x1A: self = .ctrl(Character(Unicode.Scalar(codePoint + 0x60)!))
        case 0x00..<0x20: return nil
        default:
            guard let scalar = Unicode.Scalar(codePoint) else { return nil }
            self = .char(Character(scalar))
        }
    }

    /// Parses the names used in key declarations and help text: a single character (`q`,
    /// `?`), `ctrl-c`, `up`, `pgup`, `home`, `enter`, `esc`, `tab`, `backtab`, `f5`, `space`…
    public init?(_ name: String) {
        let lower = name.lowercased()
        if name.count == 1, let character = name.first {
            self = .char(character)
            return
        }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") || lower.hasPrefix("^") {
            let rest = lower.drop(while: { $0 != "-" && $0 != "^" }).dropFirst()
            guard rest.count == 1, let letter = rest.first, letter.isLetter, letter.isASCII else { return nil }
            self = .ctrl(letter)
            return
        }
        if lower.count >= 2, lower.first == "f", let number = Int(lower.dropFirst()), (1...24).contains(number) {
            self = .function(number)
            return
        }
        switch lower {
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "home": self = .home
        case "end": self = .end
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "tab": self = .tab
        case "backtab", "shift-tab", "s-tab": self = .backTab
        case "backspace", "bs": self = .backspace
        case "delete", "del": self = .delete
        case "insert", "ins": self = .insert
        case "space": self = .char(" ")
        case "resize": self = .resize
        default: return nil
        }
    }

    /// The name shown in the footer and help (arrows as symbols; see `asciiDescription`).
    public var description: String {
        switch self {
        case .char(" "): return "space"
        case .char(let character): return String(character)
        case .ctrl(let letter): return "ctrl-\(letter)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case .home: return "home"
        case .end: return "end"
        case .enter: return "enter"
        case .escape: return "esc"
        case .tab: return "tab"
        case .backTab: return "backtab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .insert: return "insert"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        }
    }

    /// The name in 7-bit ASCII (arrows spelled out), for terminals without UTF-8.
    public var asciiDescription: String {
        switch self {
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        default: return description
        }
    }
}
