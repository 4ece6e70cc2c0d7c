import Foundation
import RESP

/// One cluster node named in a scenario's result: its id and the port it listens on
/// (127.0.0.1).
public struct NodeRef: Sendable, Hashable, CustomStringConvertible {
    /// The 40-character node id.
    public let id: String
    public let port: Int

    public init(id: String, port: Int) {
        self.id = id
        self.port = port
    }

    public init(_ node: ClusterNode) { self.init(id: node.id, port: node.port) }

    public var description: String { "\(id.prefix(8))@\(port)" }
}

extension Sandbox {
    /// The master that owned `slot` when `cluster` was created.
    func creationOwner(of slot: Int, in cluster: SandboxCluster) throws -> ClusterNode {
        guard let owner = cluster.masters.first(where: { $0.slots.contains { $0.contains(slot) } }) else {
            throw SandboxError.invalidConfiguration("slot \(slot) has no owner in this cluster")
        }
        return owner
    }

    /// `CLUSTER COUNTKEYSINSLOT slot` on `node`.
    func countKeys(inSlot slot: Int, on process: ServerProcess) async throws -> Int {
        let reply = try await command(process, "CLUSTER", "COUNTKEYSINSLOT", String(slot))
        guard let count = Int(reply) else {
            throw SandboxError.commandFailed(command: "CLUSTER COUNTKEYSINSLOT \(slot) on port \(process.port)",
                                             exitStatus: 0, output: reply)
        }
        return count
    }

    /// Parsed `CLUSTER NODES` of `process` (its own view).
    func clusterNodesView(of process: ServerProcess) async throws -> [ClusterNodesLine] {
        ClusterNodesLine.parse(try await command(process, "CLUSTER", "NODES"))
    }

    /// Parsed `CLUSTER INFO` of `process`.
    func clusterInfo(of process: ServerProcess) async throws -> [String: String] {
        InfoText.fields(try await command(process, "CLUSTER", "INFO"))
    }

    /// `expectOK` with the arguments listed.
    func expectOK(_ process: ServerProcess, _ args: String...) async throws {
        try await expectOK(process, args)
    }

    /// Sends `args` and throws unless the reply is `OK`.
    func expectOK(_ process: ServerProcess, _ args: [String]) async throws {
        let reply = try await control.run(process.endpoint, args)
        guard reply == "OK" else {
            throw SandboxError.commandFailed(command: "\(args.joined(separator: " ")) on port \(process.port)",
                                             exitStatus: 0, output: reply)
        }
    }

    /// `MIGRATE 127.0.0.1 <target> "" 0 5000 [AUTH pw] KEYS ...` sent to `source` over Wire (the
    /// password stays out of argv): moves `keys` the way `redis-cli --cluster` does, to the
    /// target's cluster address, never a mapped one.
    func migrate(_ keys: [String], from source: ServerProcess, toPort target: Int,
                 options: ServerOptions) async throws {
        guard !keys.isEmpty else { return }
        var args = ["MIGRATE", "127.0.0.1", String(target), "", "0", "5000"]
        if let password = options.password { args += ["AUTH", password] }
        args += ["KEYS"] + keys
        let command = RESPCommand(args)
        _ = try await ScenarioWire.with(port: source.port, options: options) {
            try await ScenarioWire.pipelineExpectingSuccess($0, [command])
        }
    }

    /// Keys named `{tag}<prefix>:<slot>:<n>` for `n` in `0..<count`, sorted (what `loadKeys`
    /// writes), for scenarios that write them somewhere other than the owner.
    static func scenarioKeys(prefix: String, slot: Int, count: Int) -> [String] {
        (0..<count).map { KeySlot.key("\(prefix):\(slot):\($0)", inSlot: slot) }.sorted()
    }
}
