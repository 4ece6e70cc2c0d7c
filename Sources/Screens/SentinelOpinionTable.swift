import ClusterModel
import UI

/// Every sentinel's opinion of one group side by side: one column per sentinel, one row
/// per field. In the fields that should agree, a value that differs from the majority is
/// prefixed `≠` (`!=` in ASCII), drawn in red, and its row is marked in the first column.
struct SentinelOpinionTable {
    /// One field across the sentinels.
    struct Row {
        var label: String
        /// One per sentinel; nil where the sentinel has no value (unreachable, not reported).
        var values: [String?]
        /// Whether the sentinels are expected to agree on it (not, e.g., ping ages).
        var compared: Bool
        /// Values that are a problem whatever the others say ("YES" for tilt).
        var alarming: Set<String> = []
        /// Indices of the values that differ from the majority, or are alarming.
        var flagged: Set<Int> = []
    }

    var sentinels: [NodeAddress]
    var rows: [Row]
    var glyphs: Glyphs

    /// The mark before a value that differs.
    var unequal: String { glyphs.isUnicode ? "≠" : "!=" }

    /// Fields where the sentinels disagree (or one is alarming).
    var disagreements: Int { rows.filter { !$0.flagged.isEmpty }.count }

    init(group: SentinelGroup, sentinels statuses: [SentinelStatus], glyphs: Glyphs) {
        self.glyphs = glyphs
        let byAddress = Dictionary(group.opinions.map { ($0.sentinel, $0) }, uniquingKeysWith: { first, _ in first })
        // Sentinels that answered about this group, then those that could not be asked.
        let failed = statuses.filter { $0.failure != nil && byAddress[$0.address] == nil }
        sentinels = group.opinions.map(\.sentinel) + failed.map(\.address)
        let opinions: [SentinelOpinion?] = sentinels.map { byAddress[$0] }
        let failure: [NodeAddress: String] = Dictionary(failed.map { ($0.address, "\($0.failure!)") },
                                                        uniquingKeysWith: { first, _ in first })
        func row(_ label: String, compared: Bool = true, alarming: Set<String> = [],
                 _ value: (SentinelOpinion) -> String?) -> Row {
            Row(label: label, values: opinions.map { $0.flatMap(value) }, compared: compared, alarming: alarming)
        }
        var rows = [
            Row(label: "says master", values: zip(sentinels, opinions).map { address, opinion in
                opinion.map { $0.master?.description ?? "none" } ?? failure[address].map { "unreachable: \($0)" }
            }, compared: true),
            row("flags") { opinion in
                let words = (opinion.flags?.words ?? []).filter { $0 != "master" }
                return opinion.flags == nil ? nil : (words.isEmpty ? "ok" : words.joined(separator: ","))
            },
            row("failover") { opinion in
                guard let state = opinion.state else { return nil }
                if let phase = state.failoverState, phase != "none" { return phase }
                return state.flags.failoverInProgress ? "in progress" : "none"
            },
            row("config epoch") { $0.configEpoch.map { String($0) } },
            row("quorum") { $0.quorum.map { String($0) } },
            row("ckquorum", alarming: ["NOQUORUM"]) { opinion in
                opinion.quorumCheck.map { check in
                    (check.reachable ? "OK" : "NOQUORUM") + (check.usableSentinels.map { " \($0) usable" } ?? "")
                }
            },
            row("knows replicas") { String($0.replicas.count) },
            row("knows sentinels") { $0.knownSentinels.map { String($0) } },
            row("last ok ping", compared: false) { $0.state?.lastOkPingReply.map { "\($0)ms ago" } },
            row("tilt", compared: false, alarming: ["YES"]) { $0.tilt.map { $0 ? "YES" : "no" } },
        ]
        for index in rows.indices { rows[index].flagged = Self.flagged(rows[index]) }
        self.rows = rows
    }

    /// The values that differ from the most common one (ties: none is singled out unless
    /// alarming), plus every alarming value.
    static func flagged(_ row: Row) -> Set<Int> {
        var result = Set(row.values.indices.filter { index in
            row.values[index].map { value in row.alarming.contains { value.hasPrefix($0) } } ?? false
        })
        guard row.compared else { return result }
        var counts: [String: Int] = [:]
        for value in row.values.compactMap({ $0 }) where !value.hasPrefix("unreachable") { counts[value, default: 0] += 1 }
        guard counts.count > 1 else { return result }
        let top = counts.values.max()!
        let leaders = counts.filter { $0.value == top }.map(\.key)
        // A tie: every value is flagged, since none is the majority.
        for (index, value) in row.values.enumerated() {
            guard let value, counts[value] != nil else { continue }
            if leaders.count > 1 || value != leaders[0] { result.insert(index) }
        }
        return result
    }

    func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        var columns = [TableColumn("", minWidth: 2, maxWidth: 2, priority: 100),
                       TableColumn("sentinel", minWidth: 12, maxWidth: 15, priority: 99)]
        for (index, sentinel) in sentinels.enumerated() {
            columns.append(TableColumn(sentinel.description, minWidth: 12, maxWidth: 30, priority: 90 - index))
        }
        let mark = unequal
        let tableRows = rows.map { row in
            var cells = [row.flagged.isEmpty ? "" : mark, row.label]
            for (index, value) in row.values.enumerated() {
                let text = value ?? "-"
                cells.append(row.flagged.contains(index) ? "\(mark) \(text)" : text)
            }
            return TableRow(cells, style: row.flagged.isEmpty ? .plain : Style(bold: true))
        }
        let table = Table(columns: columns, rows: tableRows)
        table.render(into: &buffer, in: rect, glyphs: glyphs)
        // The differing values in red, on top of the row's style.
        let placements = table.layout(width: rect.width)
        for (line, row) in rows.prefix(max(0, rect.height - 1)).enumerated() {
            for index in row.flagged {
                guard let placement = placements.first(where: { $0.column == index + 2 }) else { continue }
                buffer.setStyle(ScreenStyle.problem, in: Rect(x: rect.x + placement.x, y: rect.y + 1 + line,
                                                               width: placement.width, height: 1))
            }
        }
    }
}
