import ArgumentParser
import ClusterModel
import Foundation
import Operations

/// `slotscope snapshot HOST:PORT --json`: the whole picture as JSON.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the whole cluster (or, with --sentinel or from a master or replica, the Sentinel or replication group) as one JSON document (schemas: Resources/schemas/snapshot.schema.json, sentinel-snapshot.schema.json).")

    @Argument(help: "A cluster node, or a standalone master or replica, as HOST:PORT.")
    var address: String?

    @Flag(help: "JSON output (the only format; accepted for symmetry with check).")
    var json = false

    @Flag(name: .customLong("key-census"), help: "Also count keys per slot on every master (finds keys on non-owners).")
    var keyCensus = false

    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    /// `snapshot --sentinel …` (or from a standalone data node): every group with each
    /// sentinel's opinion, as JSON (schema: Resources/schemas/sentinel-snapshot.schema.json).
    struct SentinelDocument: Codable {
        var schema = "slotscope.sentinel-snapshot/1"
        var target: String
        var snapshot: SentinelSnapshot
    }

    private func printSentinels(_ session: SentinelInspection) async throws(CLIError) {
        let cycle = try await session.firstPoll()
        session.close()
        print(JSONOutput.encode(SentinelDocument(target: session.target, snapshot: cycle.snapshot)))
    }

    struct Document: Codable {
        var schema = "slotscope.snapshot/1"
        var target: String
        var snapshot: ClusterSnapshot
        var findings: [Finding]
        /// Announced address → the address dialed, where they differ.
        var dialed: [String: String]
    }

    func run() async throws {
        let seeds = try sentinel.seeds(positional: address)
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let sentinelAccess = try sentinel.access(environment: ProcessEnvironment.current)
        let session: Inspection
        let cycle: PollCycle
        switch try await InspectionTarget.open(request, seeds: seeds, sentinel: sentinel, sentinelAccess: sentinelAccess,
                                               inspection: inspection, countKeys: keyCensus) {
        case .cluster(let cluster, let first):
            (session, cycle) = (cluster, first)
        case .sentinels(let groups):
            return try await printSentinels(groups)
        case .plain(let plain):
            plain.pool.closeAll()
            return print(JSONOutput.encode(SentinelDocument(target: plain.target, snapshot: plain.first.snapshot)))
        }
        session.pool.closeAll()
        let dialed = Dictionary(uniqueKeysWithValues: cycle.dialed.map { ($0.key.description, $0.value.description) })
        print(JSONOutput.encode(Document(target: request.address, snapshot: cycle.snapshot,
                                         findings: findings(cycle.snapshot), dialed: dialed)))
    }
}
