import RESP
import Wire

/// Keys written by `Sandbox.loadKeys`: which keys went into which slot, and which node took them.
public struct LoadedKeys: Sendable {
    /// Key names by slot, each list sorted. A key's value is its own name.
    public let keysBySlot: [Int: [String]]
    /// For each slot, the port of the master that accepted its keys (the owner at write time).
    public let ownerPortBySlot: [Int: Int]

    /// Number of keys written.
    public var count: Int { keysBySlot.values.reduce(0) { $0 + $1.count } }
    /// Every key written, sorted.
    public var keys: [String] { keysBySlot.values.flatMap { $0 }.sorted() }
}

extension Sandbox {
    /// Writes `keysPerSlot` keys into each of `slots` the way a cluster client does: each slot's
    /// keys go, pipelined, to the slot's owner as `CLUSTER SLOTS` says (asked of the first
    /// running node), following `MOVED` if the map was stale. Keys are
    /// `{tag}<prefix>:<slot>:<n>` with the tag from `KeySlot.tag(for:)`, so every run writes the
    /// same names; the value of each key is its name.
    ///
    /// Throws if a slot is not served (`CLUSTERDOWN`) or a node refuses a write.
    @discardableResult
    public func loadKeys(into cluster: SandboxCluster, slots: [Int], keysPerSlot: Int,
                         prefix: String = "key") async throws -> LoadedKeys {
        guard keysPerSlot >= 0, slots.allSatisfy({ (0..<KeySlot.slotCount).contains($0) }) else {
            throw SandboxError.invalidConfiguration("loadKeys needs slots in 0..<16384 and keysPerSlot >= 0")
        }
        var keysBySlot: [Int: [String]] = [:]
        for slot in Set(slots) {
            keysBySlot[slot] = (0..<keysPerSlot).map { KeySlot.key("\(prefix):\(slot):\($0)", inSlot: slot) }.sorted()
        }
        guard let seed = cluster.nodes.first(where: { $0.process.isRunning }) else {
            throw SandboxError.invalidConfiguration("loadKeys: no running node in the cluster")
        }
        let owners = try await slotOwnerPorts(askingPort: seed.port, options: cluster.options)
        var pending: [Int: [(slot: Int, key: String)]] = [:]
        for (slot, keys) in keysBySlot {
            guard let port = owners[slot] else {
                throw SandboxError.commandFailed(command: "loadKeys slot \(slot)", exitStatus: 0,
                                                 output: "CLUSTERDOWN Hash slot not served (no owner in CLUSTER SLOTS)")
            }
            pending[port, default: []] += keys.map { (slot, $0) }
        }
        var ownerPortBySlot: [Int: Int] = [:]
        for _ in 0..<3 where !pending.isEmpty {
            var moved: [Int: [(slot: Int, key: String)]] = [:]
            for (port, entries) in pending {
                let replies = try await ScenarioWire.with(port: port, options: cluster.options) { connection in
                    try await connection.pipeline(entries.map { RESPCommand("SET", $0.key, $0.key) })
                }
                for (entry, reply) in zip(entries, replies) {
                    if let error = reply.errorMessage {
                        let parts = error.split(separator: " ")
                        guard parts.first == "MOVED", parts.count == 3,
                              let target = parts[2].split(separator: ":").last.flatMap({ Int($0) }) else {
                            throw SandboxError.commandFailed(command: "SET \(entry.key) on port \(port)",
                                                             exitStatus: 0, output: error)
                        }
                        moved[target, default: []].append(entry)
                    } else {
                        ownerPortBySlot[entry.slot] = port
                    }
                }
            }
            pending = moved
        }
        guard pending.isEmpty else {
            throw SandboxError.commandFailed(command: "loadKeys", exitStatus: 0, output: "still redirected after 3 rounds")
        }
        return LoadedKeys(keysBySlot: keysBySlot, ownerPortBySlot: ownerPortBySlot)
    }

    /// Slot → port of its master, from `CLUSTER SLOTS` of the node at `port`. The announced
    /// host is ignored (it may be unreachable on purpose): every sandbox node is on 127.0.0.1.
    func slotOwnerPorts(askingPort port: Int, options: ServerOptions) async throws -> [Int: Int] {
        let reply = try await ScenarioWire.with(port: port, options: options) { connection in
            try await ScenarioWire.pipelineExpectingSuccess(connection, [RESPCommand("CLUSTER", "SLOTS")])[0]
        }
        var owners: [Int: Int] = [:]
        for range in reply.elements ?? [] {
            guard let fields = range.elements, fields.count >= 3,
                  let start = fields[0].integer, let end = fields[1].integer,
                  let master = fields[2].elements, master.count >= 2, let owner = master[1].integer else { continue }
            for slot in Int(start)...Int(end) { owners[slot] = Int(owner) }
        }
        return owners
    }
}
