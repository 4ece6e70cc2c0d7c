import ClusterModel
import Operations
import Wire

/// `failover HOST:PORT --replica ID`: plan with pre-checks, show, confirm, send
/// `CLUSTER FAILOVER [FORCE|TAKEOVER]` to the replica, follow it with polls until the
/// replica is master with a higher epoch and every node agrees, then a verdict.
struct ClusterFailover {
    let request: ConnectionRequest
    let maps: [String]
    let replica: String
    let mode: FailoverMode
    let maxLagBytes: Int64
    let wait: Duration
    let dryRun: Bool
    let yes: Bool

    func run() async throws {
        let session = try await ActionSession.start(request, maps: maps, movesKeys: false)
        defer { session.pool.closeAll() }
        let cycle = try await session.poll(countKeys: false)
        let planned: FailoverPlan
        switch FailoverPlanner.plan(cycle.snapshot, replica: replica, mode: mode, maxLagBytes: maxLagBytes) {
        case .success(let plan): planned = plan
        case .failure(let refusal): throw CLIError("cannot fail over: \(refusal.description); nothing was sent", exitCode: 2)
        }
        printNow(PlanText.render(planned.plan, action: "failover" + (mode == .coordinated ? "" : " " + mode.rawValue)))
        if dryRun {
            printNow("Dry run: nothing was changed.")
            return
        }
        if !yes {
            try Confirmation.require(typing: planned.confirmation,
                                     what: "\(planned.confirmation) (the id of the replica to promote)", action: "failover")
        }
        try session.openCommandLog()
        let clock = ContinuousClock()
        let started = clock.now
        do {
            _ = try await PlanExecutor(pool: session.pool).run(planned.plan)
        } catch {
            throw CLIError("failover not started: \(error.description)", exitCode: 1)
        }
        printNow("\(planned.replica) accepted \(mode.arguments.joined(separator: " ")) (logged in \(session.commandLog.path)); "
                 + "following it for up to \(ProgressPrinter.seconds(wait))")
        var last: String?
        var status: FailoverStatus?
        repeat {
            let now = try await session.poll(countKeys: false)
            let current = FailoverStatus.read(now.snapshot, for: planned)
            status = current
            let line = FailoverText.progress(current, plan: planned)
            if line != last {
                printNow(FailoverText.elapsed(clock.now - started) + line)
                last = line
            }
            if current.isComplete(after: planned) { break }
            try await Task.sleep(for: .milliseconds(50))  // a poll costs a few round trips: follow closely
        } while clock.now - started < wait
        try await verdict(session, planned: planned, finished: status?.isComplete(after: planned) == true)
    }

    /// A fresh poll: the new roles and every finding it shows; exit 1 if not finished.
    private func verdict(_ session: ActionSession, planned: FailoverPlan, finished: Bool) async throws {
        let fresh = try await session.poll(countKeys: false)
        let status = FailoverStatus.read(fresh.snapshot, for: planned)
        let problems = findings(fresh.snapshot)
        let done = finished || status.isComplete(after: planned)
        for line in FailoverText.verdict(status, plan: planned, snapshot: fresh.snapshot, findings: problems, done: done) {
            printNow(line)
        }
        if !done {
            throw CLIError("the failover did not finish within \(ProgressPrinter.seconds(wait)) (state above); "
                           + "run slotscope check, and look at the replica's log", exitCode: 1)
        }
    }
}
