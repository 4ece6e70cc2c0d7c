import ClusterModel

extension Step {
    /// The exact commands of this step, one line each as `ADDRESS COMMAND ARGS`, the way
    /// `--dry-run` prints them. A password never appears: MIGRATE shows `AUTH ***`.
    public func commandLines(move: MoveSettings) -> [String] {
        switch action {
        case .command(let node, let arguments, _, _):
            return ["\(node.address) \(Self.quoted(arguments))"]
        case .moveKeys(let slot, let source, let target, _):
            return Self.keyMoveLines(slot: slot, source: source, target: target, move: move)
        case .commandOnAll(let nodes, let arguments, _, _):
            return nodes.map { "\($0.address) \(Self.quoted(arguments))" }
        case .moveSlots(let moves, let masters):
            return moves.flatMap { m -> [String] in
                let node = ["CLUSTER", "SETSLOT", String(m.slot), "NODE", m.target.id.description]
                return ["\(m.target.address) CLUSTER SETSLOT \(m.slot) IMPORTING \(m.source.id)",
                        "\(m.source.address) CLUSTER SETSLOT \(m.slot) MIGRATING \(m.target.id)"]
                    + Self.keyMoveLines(slot: m.slot, source: m.source, target: m.target, move: move)
                    + [m.target, m.source].map { "\($0.address) \(Self.quoted(node))" }
                    + masters.filter { $0.id != m.source.id && $0.id != m.target.id }.map { "\($0.address) \(Self.quoted(node))" }
            }
        }
    }

    private static func keyMoveLines(slot: Int, source: PlanNode, target: PlanNode, move: MoveSettings) -> [String] {
        ["\(source.address) CLUSTER GETKEYSINSLOT \(slot) \(move.keysPerBatch)",
         "\(source.address) \(quoted(migrateArguments(to: target, move: move))) KEYS <those keys>   # repeat both until no key is left"]
    }

    /// MIGRATE's arguments before `KEYS`, as printed and logged: the password as `***`.
    static func migrateArguments(to target: PlanNode, move: MoveSettings) -> [String] {
        var migrate = ["MIGRATE", target.address.host, String(target.address.port), "", "0", String(move.migrateTimeoutMilliseconds)]
        if move.replace { migrate.append("REPLACE") }
        if move.authenticated { migrate += ["AUTH", "***"] }
        return migrate
    }

    /// Arguments joined by spaces, empty ones as `""`, ones with spaces quoted.
    /// (A byte test: `String.contains(" ")` goes through Foundation's string search, which
    /// cost a reshard more than all its SETSLOT commands.)
    static func quoted(_ arguments: [String]) -> String {
        arguments.map { $0.isEmpty ? "\"\"" : $0.utf8.contains(UInt8(ascii: " ")) ? "\"\($0)\"" : $0 }.joined(separator: " ")
    }
}
