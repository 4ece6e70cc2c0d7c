import UI

/// The `?` screen: `HelpView` of the key map, split at a group boundary into two boxes side
/// by side when one column would not fit the height (80×24 cannot show every group in one).
struct InspectorHelp {
    var keyMap: KeyMap<InspectorAction>
    var glyphs: Glyphs

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        let whole = HelpView(keyMap: keyMap, unicode: glyphs.isUnicode)
        guard whole.lines().count > rect.height - 2, rect.width >= 60 else {
            whole.render(into: &buffer, in: rect, glyphs: glyphs)
            return
        }
        // Split the groups where the first half's lines reach half of the total.
        let groups = keyMap.available.reduce(into: [String]()) { if !$0.contains($1.group) { $0.append($1.group) } }
        let total = whole.lines().count
        var firstGroups: [String] = []
        for group in groups {
            firstGroups.append(group)
            let left = KeyMap(keyMap.bindings.filter { firstGroups.contains($0.group) }, readOnly: keyMap.readOnly)
            if HelpView(keyMap: left, unicode: glyphs.isUnicode).lines().count * 2 >= total { break }
        }
        let left = KeyMap(keyMap.bindings.filter { firstGroups.contains($0.group) }, readOnly: keyMap.readOnly)
        let right = KeyMap(keyMap.bindings.filter { !firstGroups.contains($0.group) }, readOnly: keyMap.readOnly)
        let halves = Layout.columns(rect, [.flexible(minimum: 20), .flexible(minimum: 20)])
        HelpView(keyMap: left, unicode: glyphs.isUnicode).render(into: &buffer, in: halves[0], glyphs: glyphs)
        HelpView(keyMap: right, unicode: glyphs.isUnicode, title: "Keys (continued)")
            .render(into: &buffer, in: halves[1], glyphs: glyphs)
    }
}
