import CNcursesw
import UI

/// Turns `Style` into curses attributes and colour pairs, allocating pairs on first use.
struct CursesStyles {
    let colors: Bool
    /// `use_default_colors` worked: `.default` can stay the terminal's own colour (-1).
    let defaultColors: Bool
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1

    init(colors: Bool, defaultColors: Bool) {
        self.colors = colors
        self.defaultColors = defaultColors
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
        init_pair(pair, color(style.foreground, isForeground: true), color(style.background, isForeground: false))
        pairs[key] = pair
        return (attributes, pair)
    }

    /// -1 is the terminal's default colour where `use_default_colors` allows it; elsewhere
    /// the classic white on black stands in for it.
    func color(_ color: PaletteColor, isForeground: Bool) -> Int16 {
        switch color {
        case .default: return defaultColors ? -1 : Int16(isForeground ? COLOR_WHITE : COLOR_BLACK)
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
