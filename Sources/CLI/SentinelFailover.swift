import ClusterModel
import Operations
import RESP
import Wire

/// `failover --sentinel HOST:PORT --master-name NAME`: plan (current master, likely pick,
/// risks), confirm, subscribe to every sentinel, then send `SENTINEL FAILOVER`, print the
/// events up to `+switch-master`, and give a verdict from fresh polls.
struct SentinelFailover {
    let request: ConnectionRequest
    let seeds: [Endpoint]
    let masterName: String
    let inspection: InspectionFlags
    /// The sentinels' own login (--sentinel-user/--sentinel-pass…), when it differs from the data nodes'.
    let sentinelAccess: SentinelAccess?
    let wait: Duration
    let dryRun: Bool
    let yes: Bool

    func run() async throws {
        let session = try SentinelInspection.start(request, seeds: seeds, masterNames: [masterName], inspection: inspection,
                                                   sentinelAccess: sentinelAccess)
        defer { session.close() }
        let first = try await session.firstPoll()
        let preferred = seeds.map { NodeAddress(host: $0.host, port: $0.port) }
        let plan: SentinelFailoverPlan
        switch SentinelFailoverPlanner.plan(first.snapshot, masterName: masterName, preferred: preferred) {
        case .success(let planned): plan = planned
        case .failure(let refusal): throw CLIError("cannot fail over: \(refusal.description); nothing was sent", exitCode: 2)
        }
        printNow(SentinelFailoverText.plan(plan))
        if dryRun {
            printNow("Dry run: nothing was changed.")
            return
        }
        let log = CommandLogFile(path: CommandLogFile.defaultPath(environment: ProcessEnvironment.current))
        try ActionSession.open(log)
        if !yes {
            try Confirmation.require(typing: masterName, what: "\(masterName) (the name of the group to fail over)",
                                     action: "failover", changes: "the group")
        }

        // Subscribe first: the failover's first events follow the reply within milliseconds.
        let watcher = SentinelWatcher(options: session.options, addressMap: session.pool.addressMap)
        let clock = ContinuousClock()
        let follower = SentinelFailoverFollower(masterName: masterName, started: clock.now)
        let reader = Task { for await update in watcher.updates { follower.handle(update) } }
        defer {
            watcher.stop()
            reader.cancel()
        }
        watcher.watch(await session.poller.sentinels)
        // Every sentinel if it can be had within the timeout; the one that runs the failover at least.
        let subscribeBy = clock.now + request.timeout
        while watcher.subscribed.count < watcher.watched.count && clock.now < subscribeBy {
            try await Task.sleep(for: .milliseconds(20))
        }
        guard watcher.subscribed.contains(plan.sentinel) else {
            throw CLIError("cannot subscribe to the events of sentinel \(plan.sentinel) to follow the failover; nothing was sent",
                           exitCode: 2)
        }
        printNow("Subscribed to \(watcher.subscribed.count) of \(watcher.watched.count) sentinels; sending SENTINEL FAILOVER \(masterName) to "
                 + "\(plan.sentinel) (logged in \(log.path)) and following the events for up to \(ProgressPrinter.seconds(wait))")
        follower.restart(at: clock.now)
        try await send(plan, options: session.options, map: session.pool.addressMap, log: log)

        let deadline = clock.now + wait
        while follower.outcome == nil && clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        switch follower.outcome {
        case .switched(let change)?:
            let answered = first.snapshot.group(masterName)?.dataNodes.filter(\.reachability.isReachable).map(\.address) ?? []
            try await verdict(session, newMaster: change.to, oldMaster: change.from, expected: answered, deadline: deadline)
        case .aborted(let line)?:
            throw CLIError("the failover was abandoned: \(line); the master is unchanged — run slotscope check --sentinel", exitCode: 1)
        case nil:
            throw CLIError("no +switch-master within \(ProgressPrinter.seconds(wait)); run slotscope check --sentinel to see the state",
                           exitCode: 1)
        }
    }

    /// `SENTINEL FAILOVER NAME` on the plan's sentinel, over a connection of its own that may write.
    private func send(_ plan: SentinelFailoverPlan, options: ConnectionOptions, map: AddressMap,
                      log: CommandLogFile) async throws(CLIError) {
        var writable = options
        writable.readOnly = false
        let connection = Connection(endpoint: map.map(Endpoint(host: plan.sentinel.host, port: plan.sentinel.port)),
                                    options: writable, commandLog: log)
        defer { connection.close() }
        let reply: RESPValue
        do {
            reply = try await connection.send(RESPCommand(plan.arguments))
        } catch {
            throw CLIError("SENTINEL FAILOVER \(masterName) on \(plan.sentinel): \(error.description)", exitCode: 1)
        }
        if let message = reply.errorMessage {
            throw CLIError("\(plan.sentinel) refused SENTINEL FAILOVER \(masterName): \(message); nothing changed", exitCode: 1)
        }
    }

    /// Fresh polls until every sentinel names the new master and every data node follows it
    /// (the old master is converted about 8 s after the switch), or the deadline. `expected`:
    /// the data nodes that answered before, each of which must be found following.
    private func verdict(_ session: SentinelInspection, newMaster: NodeAddress, oldMaster: NodeAddress,
                         expected: [NodeAddress], deadline: ContinuousClock.Instant) async throws {
        let clock = ContinuousClock()
        var status: SentinelFailoverStatus
        var snapshot: SentinelSnapshot
        repeat {
            snapshot = await session.poller.poll().snapshot
            status = SentinelFailoverStatus.read(snapshot, masterName: masterName, newMaster: newMaster, expected: expected)
            if status.isSettled { break }
            try await Task.sleep(for: .milliseconds(500))
        } while clock.now < deadline
        let findings = snapshot.findings.filter { $0.group == nil || $0.group == masterName }
        for line in SentinelFailoverText.verdict(status, oldMaster: oldMaster, findings: findings) { printNow(line) }
        if !status.isSettled {
            throw CLIError("the sentinels switched to \(newMaster), but the group has not settled within "
                           + "\(ProgressPrinter.seconds(wait)) (listed above)", exitCode: 1)
        }
    }
}
