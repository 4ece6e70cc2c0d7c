import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Sandbox
import Wire

/// `slotscope demo`: a live run against a local sandbox of real redis-server processes.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start a local sandbox cluster on 127.0.0.1 and inspect it; stop it on exit.",
        discussion: """
        On a terminal the demo opens the interactive inspector on the sandbox; otherwise \
        (output piped or redirected) it pings every node and stops. The servers run in a temp directory on free loopback ports and are stopped by PID \
        when the demo ends, however it ends (Ctrl-C included). In the inspector, K kills a master, \
        S stops (then continues) a replica, O opens a slot and U unassigns slots; f fixes what breaks. \
        With --keep the sandbox stays \
        up until Ctrl-C, so you can point `slotscope ping` at it.
        """)

    @Option(help: "Masters in the sandbox cluster.")
    var masters = 3

    @Option(name: .customLong("replicas"), help: "Replicas per master.")
    var replicasPerMaster = 1

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
        printNow("starting a \(masters)×\(replicasPerMaster) cluster of real redis-server processes on 127.0.0.1 …")
        let cluster: SandboxCluster
        do {
            cluster = try await sandbox.startCluster(masters: masters, replicasPerMaster: replicasPerMaster)
        } catch {
            await sandbox.stopAll()
            throw CLIError("cannot start the sandbox cluster: \(error)")
        }
        if !keep && isatty(0) == 1 && isatty(1) == 1 {
            try await inspect(cluster, sandbox: sandbox)
            return
        }
        printNow("cluster_state:ok after \(ProbeReport.milliseconds(clock.now - started)); pinging every node at once:\n")

        let endpoints = cluster.nodes.map { Endpoint(host: "127.0.0.1", port: $0.port) }
        let options = ConnectionOptions(connectTimeout: .seconds(2), requestTimeout: .seconds(2))
        let reports = await withTaskGroup(of: (Int, Result<ProbeReport, WireError>).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask { (index, await NodeProbe.probeResult(endpoint, options: options)) }
            }
            var results = [Result<ProbeReport, WireError>?](repeating: nil, count: endpoints.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        var failures = 0
        for result in reports {
            switch result {
            case .success(let report): printNow(report.text + "\n")
            case .failure(let error): failures += 1; printNow("error: \(error)\n")
            }
        }
        if keep {
            printNow("sandbox running: try `slotscope ping 127.0.0.1:\(endpoints[0].port)`; Ctrl-C stops every server.")
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }
        await sandbox.stopAll()
        printNow("stopped \(sandbox.servers.count) servers (by PID).")
        if failures > 0 { throw CLIError("\(failures) of \(endpoints.count) nodes did not answer", exitCode: 1) }
    }

    /// The interactive path: a few keys so counts are not all zero, then the inspector on
    /// the first node; the servers are stopped however the inspector ends.
    private func inspect(_ cluster: SandboxCluster, sandbox: Sandbox) async throws {
        _ = try? await sandbox.loadKeys(into: cluster, slots: [0, 5000, 5461, 10923, 16383], keysPerSlot: 20, prefix: "demo")
        var arguments = ["--timeout", "1s"]
        if readOnly { arguments.append("--read-only") }
        let exit: InspectorApp.Exit
        do {
            let request = try ConnectionFlags.parse(arguments)
                .resolve(address: "127.0.0.1:\(cluster.nodes[0].port)", environment: ProcessEnvironment.current)
            exit = try await InteractiveSession.run(request, flags: try InspectionFlags.parse([]), options: interactive,
                                                    drills: DemoDrills(sandbox: sandbox, cluster: cluster))
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
        if case .signal(let signal) = exit { InspectorApp.reraise(signal) }
        printNow("stopped \(sandbox.servers.count) servers (by PID).")
    }
}
