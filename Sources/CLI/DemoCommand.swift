import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Sandbox
import Wire

/// `slotscope demo`: a live run against a local sandbox of real redis-server processes: a
/// cluster and, beside it, a Sentinel group.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a local sandbox cluster and Sentinel group on 127.0.0.1 and inspect them; stop them on exit.",
        discussion: """
        The sandbox is a cluster and, beside it, a Sentinel group (\(groupName): a master, \
        \(groupReplicas) replicas and \(groupSentinels) sentinels), started side by side. On a terminal the demo \
        opens the interactive inspector on the cluster, and v switches to the Sentinel group and back; otherwise \
        (output piped or redirected) it pings every server and stops. The servers run in a temp directory on free \
        loopback ports and are stopped by PID when the demo ends, however it ends (Ctrl-C included). On the \
        cluster, K kills a master, S stops (then continues) a replica, O opens a slot and U unassigns slots; f \
        fixes what breaks. On the Sentinel group, K kills the group's master (the sentinels fail over: see Events) \
        and S stops (then continues) a sentinel. With --no-sentinel only the cluster starts. With --keep the \
        sandbox stays up until Ctrl-C, so you can point `slotscope ping` and `slotscope --sentinel` at it.
        """)

    /// The Sentinel group's master name, and its shape.
    static let groupName = "demo-master"
    static let groupReplicas = 2
    static let groupSentinels = 3
    /// Low, so a killed master is failed over within seconds (+sdown after this long).
    static let groupDownAfterMilliseconds = 1500

    @Option(help: "Masters in the sandbox cluster.")
    var masters = 3

    @Option(name: .customLong("replicas"), help: "Replicas per master.")
    var replicasPerMaster = 1

    @Flag(name: .customLong("no-sentinel"), help: "Start only the cluster, without the Sentinel group.")
    var noSentinel = false

    @Flag(help: "Keep the sandbox running until Ctrl-C.")
    var keep = false

    @Flag(name: .customLong("read-only"), help: "Open the inspector in read-only mode (also SLOTSCOPE_READONLY=1).")
    var readOnly = false

    @OptionGroup var interactive: InteractiveOptions

    func validate() throws {
        guard (3...50).contains(masters) else { throw CLIError.usage("--masters \(masters): a cluster needs 3 to 50 masters here") }
        guard (0...3).contains(replicasPerMaster) else { throw CLIError.usage("--replicas \(replicasPerMaster): use 0 to 3") }
    }

    func run() async throws {
        let sandbox: Sandbox
        do {
            sandbox = try Sandbox()
        } catch {
            throw CLIError("cannot start the sandbox: \(error)")
        }
        let clock = ContinuousClock()
        let started = clock.now
        printNow("starting a \(masters)×\(replicasPerMaster) cluster"
            + (noSentinel ? "" : " and a Sentinel group (\(Self.groupName): 1 master, \(Self.groupReplicas) replicas, \(Self.groupSentinels) sentinels)")
            + " of real redis-server processes on 127.0.0.1 …")
        let servers: DemoServers
        do {
            servers = try await start(in: sandbox)
        } catch {
            await sandbox.stopAll()
            throw error
        }
        if !keep && isatty(0) == 1 && isatty(1) == 1 {
            try await inspect(servers, sandbox: sandbox)
            return
        }
        printNow("cluster_state:ok" + (servers.group.map { ", \($0.masterName) seen by all \($0.sentinels.count) sentinels" } ?? "")
            + " after \(ProbeReport.milliseconds(clock.now - started)); pinging every server at once:\n")
        let failures = await DemoPing.printAll(servers)
        if keep {
            printNow("sandbox running: try `slotscope ping 127.0.0.1:\(servers.cluster.nodes[0].port)`"
                + (servers.group.map { group in
                    " or `slotscope --sentinel 127.0.0.1:\(group.sentinels[0].port) --master-name \(group.masterName)`"
                } ?? "")
                + "; Ctrl-C stops every server.")
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }
        await sandbox.stopAll()
        printNow("stopped \(sandbox.servers.count) servers (by PID).")
        if failures > 0 { throw CLIError("\(failures) of \(servers.count) servers did not answer", exitCode: 1) }
    }

    /// The cluster and the Sentinel group, started side by side (each waits for its own
    /// servers, so together they take about as long as the slower one).
    private func start(in sandbox: Sandbox) async throws -> DemoServers {
        async let cluster = startCluster(in: sandbox)
        async let group = startGroup(in: sandbox)
        return DemoServers(cluster: try await cluster, group: try await group)
    }

    private func startCluster(in sandbox: Sandbox) async throws(CLIError) -> SandboxCluster {
        do {
            return try await sandbox.startCluster(masters: masters, replicasPerMaster: replicasPerMaster)
        } catch {
            throw CLIError("cannot start the sandbox cluster: \(error)")
        }
    }

    private func startGroup(in sandbox: Sandbox) async throws(CLIError) -> SentinelGroup? {
        guard !noSentinel else { return nil }
        do {
            return try await sandbox.startSentinelGroup(
                masterName: Self.groupName, replicas: Self.groupReplicas, sentinels: Self.groupSentinels, quorum: 2,
                downAfterMilliseconds: Self.groupDownAfterMilliseconds, failoverTimeoutMilliseconds: 10_000)
        } catch {
            throw CLIError("cannot start the sandbox Sentinel group: \(error)")
        }
    }

    private func loadKeys(into group: SentinelGroup?, sandbox: Sandbox) async throws {
        guard let group else { return }
        try await sandbox.loadKeys(into: group, count: 100, prefix: "demo")
    }

    /// The interactive path: a few keys so counts are not all zero, then the inspector on
    /// the cluster (and the group behind `v`); the servers are stopped however it ends.
    private func inspect(_ servers: DemoServers, sandbox: Sandbox) async throws {
        // The first and last slot of every master, so each shard holds some.
        let slots = servers.cluster.masters.flatMap { master in master.slots.flatMap { [$0.lowerBound, $0.upperBound] } }
        async let clusterKeys = sandbox.loadKeys(into: servers.cluster, slots: slots, keysPerSlot: 20, prefix: "demo")
        async let groupKeys = loadKeys(into: servers.group, sandbox: sandbox)
        _ = try? await clusterKeys
        _ = try? await groupKeys
        var arguments = ["--timeout", "1s"]
        if readOnly { arguments.append("--read-only") }
        let exit: InspectorApp.Exit
        do {
            let flags = try ConnectionFlags.parse(arguments)
            let inspection = try InspectionFlags.parse([])
            let request = try flags.resolve(address: "127.0.0.1:\(servers.cluster.nodes[0].port)",
                                            environment: ProcessEnvironment.current)
            var sentinel: (request: ConnectionRequest, session: SentinelInspection, drills: DemoDrills)?
            if let group = servers.group {
                let seeds = group.sentinels.map { Endpoint(host: "127.0.0.1", port: $0.port) }
                let sentinelRequest = try flags.resolve(address: seeds[0].description, environment: ProcessEnvironment.current)
                let session = try SentinelInspection.start(sentinelRequest, seeds: seeds, masterNames: [group.masterName],
                                                           inspection: inspection)
                sentinel = (sentinelRequest, session, DemoDrills(sandbox: sandbox, group: group))
            }
            exit = try await InteractiveSession.runDemo(cluster: request, flags: inspection,
                                                        drills: DemoDrills(sandbox: sandbox, cluster: servers.cluster),
                                                        sentinel: sentinel, options: interactive)
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
        if case .signal(let signal) = exit { InspectorApp.reraise(signal) }
        printNow("stopped \(sandbox.servers.count) servers (by PID).")
    }
}

/// What `slotscope demo` started.
struct DemoServers: Sendable {
    let cluster: SandboxCluster
    /// nil with --no-sentinel.
    let group: SentinelGroup?

    /// Every server: the cluster's nodes, the group's data nodes and sentinels.
    var count: Int { cluster.nodes.count + (group.map { $0.dataNodes.count + $0.sentinels.count } ?? 0) }
}
