import CNcursesw
import UI

/// Turns `Style` into curses attributes and colour pairs, allocating pairs on first use.
struct CursesStyles {
    let colors: Bool
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1

    init(colors: Bool) {
        self.colors = colors
    }

    mutating func attributes(for style: Style) -> (attributes: attr_t, pair: Int16) {
        let attributes = slotscope_attributes(style.bold ? 1 : 0, style.reverse ? 1 : 0, style.dim ? 1 : 0,
                                              style.underline ? 1 : 0)
        guard colors, style.foreground != .default || style.background != .default else { return (attributes, 0) }
        let key = UInt16(style.foreground.rawValue) << 8 | UInt16(style.background.rawValue)
        if let pair = pairs[key] { return (attributes, pair) }
        guard Int32(nextPair) < slotscope_color_pairs() else { return (attributes, 0) }  // out of pairs: plain
        let pair = nextPair
        nextPair += 1
        init_pair(pair, Self.cursesColor(style.foreground), Self.cursesColor(style.background))
        pairs[key] = pair
        return (attributes, pair)
    }

    /// -1 is the terminal's default colour (enabled by `use_default_colors`).
    static func cursesColor(_ color: PaletteColor) -> Int16 {
        switch color {
        case .default: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }
}
