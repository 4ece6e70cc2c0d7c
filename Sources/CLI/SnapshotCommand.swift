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
        if !seeds.isEmpty {
            let session = try SentinelInspection.start(request, seeds: seeds, masterNames: sentinel.masterNames,
                                                       inspection: inspection, sentinelAccess: sentinelAccess)
            return try await printSentinels(session)
        }
        let session = try await Inspection.start(request, flags: inspection, countKeys: keyCensus)
        let cycle: PollCycle
        switch try await session.firstPollOrStandalone() {
        case .cluster(let polled):
            try sentinel.refuseMasterNames(clusterNode: request.address)
            cycle = polled
        case .standalone(let explanation):
            switch try await DataNodeEntry.route(request, inspection: inspection, sentinel: sentinel,
                                                 sentinelAccess: sentinelAccess, standalone: explanation) {
            case .sentinels(let session):
                return try await printSentinels(session)
            case .plain(let plain):
                plain.pool.closeAll()
                return print(JSONOutput.encode(SentinelDocument(target: plain.target, snapshot: plain.first.snapshot)))
            }
        }
        session.pool.closeAll()
        let dialed = Dictionary(uniqueKeysWithValues: cycle.dialed.map { ($0.key.description, $0.value.description) })
        print(JSONOutput.encode(Document(target: request.address, snapshot: cycle.snapshot,
                                         findings: findings(cycle.snapshot), dialed: dialed)))
    }
}
