import ArgumentParser
import Operations

/// `slotscope failover`: promote a replica, in a cluster (`HOST:PORT --replica ID`) or in a
/// Sentinel group (`--sentinel HOST:PORT --master-name NAME`). Planned, pre-checked,
/// confirmed, followed to the end and verified by a fresh poll.
struct FailoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failover",
        abstract: "Promote a replica: CLUSTER FAILOVER on a cluster replica, or SENTINEL FAILOVER for a Sentinel group.",
        discussion: """
        Cluster: slotscope failover HOST:PORT --replica ID (a unique prefix of the id is enough). The default \
        mode is coordinated with the master, which must answer; --force (master dead; the masters still vote) \
        and --takeover (no vote; last resort) only when asked, with their risks in the plan. Pre-checks: the id \
        is a replica that answers, its link is up and it is at most --max-lag bytes behind (when the master \
        answers), a majority of the masters serving slots is up (default and --force). \
        Sentinel: slotscope failover --sentinel HOST:PORT --master-name NAME sends SENTINEL FAILOVER after \
        showing the master and the replica the sentinels will likely pick, follows the sentinels' events \
        to +switch-master and checks every sentinel and replica with a fresh poll. \
        Both print the plan first and need --yes or the typed replica id / master name on a terminal. \
        Exit status: 0 failed over and verified, 1 not confirmed or not finished in --wait, 2 refused.
        """)

    @Argument(help: "A cluster node, as HOST:PORT (default 127.0.0.1:6379 or -h/-p/-u); or use --sentinel.")
    var address: String?

    @Option(help: ArgumentHelp("The replica to promote: its node id or a unique prefix of it.", valueName: "ID"))
    var replica: String?

    @Flag(help: "CLUSTER FAILOVER FORCE: no handshake with the master (for a dead master); the masters still vote.")
    var force = false

    @Flag(help: "CLUSTER FAILOVER TAKEOVER: no handshake and no vote; for when most masters are gone.")
    var takeover = false

    @Option(name: .customLong("max-lag"),
            help: ArgumentHelp("Most bytes the replica may be behind a master that answers (-1: do not check).", valueName: "BYTES"))
    var maxLag: Int64 = FailoverPlanner.defaultMaxLagBytes

    @Option(help: ArgumentHelp("How long to follow the failover before giving up, e.g. 30s.", valueName: "DURATION"))
    var wait: String = "30s"

    @Flag(name: .customLong("dry-run"), help: "Print the plan and the exact command, and change nothing.")
    var dryRun = false

    @Flag(help: "Run without the typed confirmation.")
    var yes = false

    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let environment = ProcessEnvironment.current
        let seeds = try sentinel.seeds(positional: address)
        let request = try connection.resolve(address: address, environment: environment)
        // Read-only mode refuses before a single command (even a read) is sent.
        if request.readOnly {
            throw CLIError("failover changes \(seeds.isEmpty ? "the cluster" : "the group"): refused in read-only mode "
                           + "(--read-only or SLOTSCOPE_READONLY=1); nothing was sent — use slotscope check to see the state",
                           exitCode: 2)
        }
        let patience = try DurationParsing.parse(wait, flag: "--wait")
        if let warning = request.passwordSource?.warning { printError(warning) }
        if seeds.isEmpty {
            guard let replica else {
                throw CLIError.usage("failover needs --replica ID (the replica to promote), "
                                     + "or --sentinel HOST:PORT --master-name NAME for a Sentinel group")
            }
            if force && takeover { throw CLIError.usage("--force and --takeover are two different modes: give one") }
            let mode: FailoverMode = takeover ? .takeover : force ? .force : .coordinated
            guard !inspection.singleEndpoint else {
                throw CLIError.usage("failover needs to reach every node: --single-endpoint is for inspection only")
            }
            let run = ClusterFailover(request: request, maps: inspection.maps, replica: replica, mode: mode,
                                      maxLagBytes: maxLag, wait: patience, dryRun: dryRun, yes: yes)
            try await run.run()
        } else {
            if replica != nil || force || takeover {
                throw CLIError.usage("--replica, --force and --takeover are for a cluster: the sentinels pick the replica")
            }
            guard sentinel.masterNames.count == 1, let name = sentinel.masterNames.first else {
                throw CLIError.usage("failover --sentinel needs exactly one --master-name NAME (the group to fail over)")
            }
            let run = SentinelFailover(request: request, seeds: seeds, masterName: name, inspection: inspection,
                                       sentinelAccess: try sentinel.access(environment: environment),
                                       wait: patience, dryRun: dryRun, yes: yes)
            try await run.run()
        }
    }
}
