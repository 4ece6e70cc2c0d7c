import ArgumentParser
import ClusterModel
import Operations
import Wire

/// `slotscope check HOST:PORT`: one-shot health check, for people, scripts and probes.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a cluster (or Sentinel groups, with --sentinel or from one of their masters or replicas) once: every problem, worst first, with the fix that applies.",
        discussion: """
        Exit status: 0 healthy (notes only), 1 problems found, 2 cannot connect or bad usage — \
        usable as a Kubernetes probe. Unlike redis-cli --cluster check it never hangs on a stopped \
        node (--timeout bounds every node), and it also finds keys sitting on a master that does \
        not own their slot, ghost nodes and announced addresses unreachable from here.
        """)

    @Argument(help: "A cluster node, or a standalone master or replica (its group and sentinels are found from it), as HOST:PORT (default 127.0.0.1:6379 or -h/-p/-u); or use --sentinel.")
    var address: String?

    @Flag(help: "Print the report as JSON (schema: Resources/schemas/check.schema.json; sentinel-check.schema.json for Sentinel and replication groups).")
    var json = false

    @Flag(name: .customLong("no-key-census"),
          help: "Skip counting keys per slot on every master (faster on huge clusters; keys on non-owners go unseen).")
    var noKeyCensus = false

    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let seeds = try sentinel.seeds(positional: address)
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let sentinelAccess = try sentinel.access(environment: ProcessEnvironment.current)
        let session: Inspection
        let cycle: PollCycle
        switch try await InspectionTarget.open(request, seeds: seeds, sentinel: sentinel, sentinelAccess: sentinelAccess,
                                               inspection: inspection, countKeys: !noKeyCensus) {
        case .cluster(let cluster, let first):
            (session, cycle) = (cluster, first)
        case .sentinels(let groups):
            return try await checkSentinels(groups)
        case .plain(let plain):
            plain.pool.closeAll()
            return try report(SentinelCheckReport(target: plain.target, cycle: plain.first))
        }
        session.pool.closeAll()
        let report = CheckReport(target: request.address, cycle: cycle, findings: findings(cycle.snapshot))
        print(json ? JSONOutput.encode(report) : report.text)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// `check --sentinel …`: the Sentinel groups' findings, worst first, same exit codes.
    private func checkSentinels(_ session: SentinelInspection) async throws {
        let cycle = try await session.firstPoll()
        session.close()
        try report(SentinelCheckReport(target: session.target, cycle: cycle))
    }

    /// Prints a Sentinel or replication group report; exits 1 on problems.
    private func report(_ report: SentinelCheckReport) throws {
        print(json ? JSONOutput.encode(report) : report.text)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
