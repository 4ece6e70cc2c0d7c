import CNcursesw
import UI

/// Translates what `get_wch` returns into `Key`.
enum CursesKeys {
    /// `code` is a function-key code when `get_wch` returned `KEY_CODE_YES`, else a character.
    static func key(code: UInt32, isFunctionKey: Bool) -> Key? {
        guard isFunctionKey else { return Key(codePoint: code) }
        switch Int32(bitPattern: code) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .function(Int(Int32(bitPattern: code) - KEY_F0))
        default: return nil
        }
    }
}
