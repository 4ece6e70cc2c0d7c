import ClusterModel
import UI

/// The Overview's picture of Sentinel groups when the terminal has room for it: per group,
/// whom each sentinel names as master (and whether it flags it down), then each data node's
/// role and what it follows, with `≠` (`!=` in ASCII) wherever it disagrees with the master
/// most sentinels name. Screen 4 has every field side by side.
struct OverviewSentinelGroups {
    var snapshot: SentinelSnapshot
    var glyphs: Glyphs

    /// Draws from row `top`, using at most `lines` rows; returns the next free row.
    func render(into buffer: inout ScreenBuffer, in rect: Rect, y top: Int, lines: Int) -> Int {
        var y = top
        let last = min(rect.maxY, top + lines)
        for group in snapshot.groups {
            guard y < last else { break }
            for (text, style) in self.lines(group, width: rect.width) {
                guard y < last else { break }
                y = ScreenStyle.line(text, in: rect, y: y, style: style, glyphs: glyphs, into: &buffer)
            }
        }
        return y
    }

    /// The group's heading, its sentinels' opinions and its data nodes, wrapped to `width`.
    func lines(_ group: SentinelGroup, width: Int) -> [(String, Style)] {
        let unequal = glyphs.isUnicode ? " ≠" : " !="
        let arrow = glyphs.isUnicode ? " → " : " -> "
        let named = group.namedMaster
        let masters = Set(group.opinions.compactMap(\.master))
        var heading = group.label + (group.opinions.compactMap(\.quorum).first.map { " (quorum \($0))" } ?? "")
        if masters.count > 1 { heading += "\(unequal) \(masters.count) masters named" }
        var result: [(String, Style)] = [(heading, masters.count > 1 ? ScreenStyle.problem : ScreenStyle.heading)]

        let opinions = group.opinions.map { opinion -> String in
            guard let master = opinion.master else { return "\(opinion.sentinel)\(arrow)no answer" }
            let down = opinion.flags?.objectivelyDown == true ? " o_down"
                : opinion.flags?.subjectivelyDown == true ? " s_down" : ""
            return "\(opinion.sentinel)\(arrow)\(master)\(down)" + (master == named ? "" : unequal)
        }
        let nodes = group.dataNodes.map { node -> String in
            var text = "\(node.address) \(node.role.map { $0 == "slave" ? "replica" : $0 } ?? "?")"
            if !node.isMaster, let master = node.following {
                text += " of \(master)" + (node.linkUp == false ? ", link down" : "")
            }
            if !node.reachability.isReachable { text += " (\(Formatting.reachability(node.reachability)))" }
            let disagrees = node.isMaster ? node.address != named : (node.following.map { $0 != named } ?? false)
            return disagrees ? text + unequal : text
        }
        for (label, parts) in [("sentinels: ", opinions), ("data nodes: ", nodes)] where !parts.isEmpty {
            let flowed = ScreenStyle.flow(parts, separator: ScreenStyle.separator(glyphs), width: max(20, width - 2 - label.count))
            for (index, line) in flowed.enumerated() {
                let prefix = index == 0 ? "  " + label : String(repeating: " ", count: 2 + label.count)
                result.append((prefix + line, line.contains(unequal) ? ScreenStyle.problem : .plain))
            }
        }
        return result
    }
}
