import RESP

/// The `# Sentinel` section of a sentinel's INFO (`INFO sentinel`, or a full INFO).
public struct SentinelInfo: Hashable, Sendable, Codable {
    /// One `masterN:name=…,status=…,address=…,slaves=…,sentinels=…` line.
    public struct Master: Hashable, Sendable, Codable {
        public var name: String
        /// `ok`, `sdown` or `odown`.
        public var status: String?
        public var address: NodeAddress?
        public var replicas: Int?
        /// Sentinels watching it, this one included.
        public var sentinels: Int?
        public var otherFields: [AuxField]
    }

    public var masterCount: Int?
    /// `sentinel_tilt:1`: the sentinel saw its clock jump and stopped acting.
    public var tilt: Bool
    public var tiltSinceSeconds: Int64?
    public var runningScripts: Int?
    public var scriptsQueueLength: Int?
    public var simulateFailureFlags: Int?
    public var masters: [Master]
    /// Every other line of the section.
    public var otherFields: [AuxField]

    static let command = "INFO sentinel"

    public init(reply: RESPValue) throws(ModelParseError) {
        try self.init(text: reply.documentText(command: Self.command))
    }

    public init(text: String) throws(ModelParseError) {
        var fields: [AuxField] = []
        var masters: [(Int, Master)] = []
        keyValueLines(text) { section, key, value in
            guard section == nil || section == "sentinel" else { return }
            if key.hasPrefix("master"), let index = Int(key.dropFirst(6)) {
                masters.append((index, Self.master(value)))
            } else {
                fields.append(AuxField(key: String(key), value: String(value)))
            }
        }
        guard !fields.isEmpty || !masters.isEmpty else {
            throw ModelParseError(command: Self.command, text: String(text.prefix(80)), reason: "no Sentinel section")
        }
        func int(_ key: String) -> Int64? { fields.first { $0.key == key }.flatMap { Int64($0.value) } }
        masterCount = int("sentinel_masters").map(Int.init)
        tilt = int("sentinel_tilt") == 1
        tiltSinceSeconds = int("sentinel_tilt_since_seconds")
        runningScripts = int("sentinel_running_scripts").map(Int.init)
        scriptsQueueLength = int("sentinel_scripts_queue_length").map(Int.init)
        simulateFailureFlags = int("sentinel_simulate_failure_flags").map(Int.init)
        self.masters = masters.sorted { $0.0 < $1.0 }.map(\.1)
        let known: Set<String> = ["sentinel_masters", "sentinel_tilt", "sentinel_tilt_since_seconds",
                                  "sentinel_running_scripts", "sentinel_scripts_queue_length",
                                  "sentinel_simulate_failure_flags"]
        otherFields = fields.filter { !known.contains($0.key) }
    }

    static func master(_ text: Substring) -> Master {
        var master = Master(name: "", otherFields: [])
        for part in text.split(separator: ",") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq], value = String(part[part.index(after: eq)...])
            switch key {
            case "name": master.name = value
            case "status": master.status = value
            case "address": master.address = NodeAddress(parsing: value)
            case "slaves": master.replicas = Int(value)
            case "sentinels": master.sentinels = Int(value)
            default: master.otherFields.append(AuxField(key: String(key), value: value))
            }
        }
        return master
    }
}
