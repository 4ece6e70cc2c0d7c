/// Minimal reading of CLUSTER NODES, enough to tell when a sandbox cluster has converged.
/// (The full, tolerant parser belongs to ClusterModel.)
struct ClusterNodesLine: Equatable, Sendable {
    var id: String
    var flags: Set<String>
    var masterID: String?
    var slots: [String]

    var isMaster: Bool { flags.contains("master") }

    /// Flags that mean the view is not settled yet.
    static let unsettledFlags: Set<String> = ["handshake", "fail", "fail?", "noaddr"]

    static func parse(_ text: String) -> [ClusterNodesLine] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 8 else { return nil }
            return ClusterNodesLine(id: fields[0], flags: Set(fields[2].split(separator: ",").map(String.init)),
                                    masterID: fields[3] == "-" ? nil : fields[3],
                                    slots: Array(fields[8...]))
        }
    }

    /// A view without `myself` and timing columns, comparable across nodes.
    static func agreementKey(_ lines: [ClusterNodesLine]) -> [String] {
        lines.map { line in
            let role = line.isMaster ? "master" : "replica"
            return "\(line.id) \(role) \(line.masterID ?? "-") \(line.slots.joined(separator: " "))"
        }.sorted()
    }
}
