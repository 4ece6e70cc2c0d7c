import ArgumentParser
import ClusterModel
import Operations
import Wire

/// `slotscope fix HOST:PORT`: plan the repair of what `check` finds, show it, confirm,
/// run it with a journal, and verify with a fresh poll.
struct FixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Repair unserved and open slots, keys on non-owners and ghost nodes: planned, confirmed, journaled, verified.",
        discussion: """
        Polls every node (with a key census), prints the exact plan, and runs it after --yes or a typed \
        confirmation. Beyond redis-cli --cluster fix it re-homes keys of a stable slot that sit on a \
        master not owning it, forgets ghost nodes on every node within the 60 s ban window, and keeps \
        the configured owner of a slot whose importer holds more keys (--owner importer to choose the \
        importer). Every command that changes the cluster goes, with its reply, to commands.log in the \
        journal folder. Exit status: 0 repaired and verified (or nothing to fix), 1 something is still wrong \
        or the run stopped, 2 refused or cannot connect.
        """)

    @Argument(help: "A cluster node, as HOST:PORT (default 127.0.0.1:6379 or -h/-p/-u).")
    var address: String?

    @Option(help: "Keys per GETKEYSINSLOT/MIGRATE batch.")
    var pipeline: Int = 100

    @Option(help: ArgumentHelp("Who keeps a slot whose importer holds more keys than its owner: owner or importer.",
                               valueName: "owner|importer"))
    var owner: String = "owner"

    @OptionGroup var execution: PlanRunFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let environment = ProcessEnvironment.current
        let request = try connection.resolve(address: address, environment: environment)
        // Read-only mode refuses before a single command (even a read) is sent.
        if request.readOnly {
            throw CLIError("fix changes the cluster: refused in read-only mode (--read-only or SLOTSCOPE_READONLY=1); "
                           + "nothing was sent — use slotscope check to see the problems", exitCode: 2)
        }
        guard (1...100_000).contains(pipeline) else { throw CLIError.usage("--pipeline must be from 1 to 100000") }
        guard let choice = OwnerChoice(rawValue: owner) else { throw CLIError.usage("--owner must be owner or importer") }
        guard !inspection.singleEndpoint else {
            throw CLIError.usage("fix needs to reach every node: --single-endpoint is for inspection only")
        }
        if let warning = request.passwordSource?.warning { printError(warning) }
        let directory = execution.journalDirectory(environment)
        let session = try await ActionSession.start(request, maps: inspection.maps, journalDirectory: directory)
        defer { session.pool.closeAll() }

        let cycle = try await session.poll()
        var plan: Plan
        var firstStep = 0
        var resumed: PlanJournal?
        if execution.resume {
            guard let previous = PlanJournal.latestUnfinished(in: directory, action: "fix") else {
                throw CLIError("no interrupted fix to resume in \(directory): run slotscope fix to plan afresh (open slots describe themselves)")
            }
            plan = previous.record.plan
            firstStep = previous.record.completedSteps
            resumed = previous
            printNow("Resuming \(previous.path)")
        } else {
            let move = MoveSettings(keysPerBatch: pipeline, migrateTimeoutMilliseconds: session.migrateTimeoutMilliseconds,
                                    replace: execution.replace, authenticated: session.pool.options.credentials.password != nil)
            plan = FixPlanner.plan(cycle.snapshot, findings: findings(cycle.snapshot),
                                   options: FixOptions(ownerChoice: choice, move: move))
        }
        plan.move.replace = plan.move.replace || execution.replace

        if plan.isEmpty {
            printNow(PlanText.render(plan, action: "fix"))
            let remaining = findings(cycle.snapshot).filter { FixPlanner.verifiedKinds.contains($0.kind) }
            if remaining.isEmpty && plan.unresolved.isEmpty {
                printNow("Nothing to fix: no unserved or open slots, no keys on non-owners, no ghost nodes.")
                return
            }
            for finding in remaining { printNow("still wrong: " + finding.title) }
            for line in plan.unresolved { printNow("not repaired: " + line) }
            throw CLIError("nothing fix can do safely here: \(remaining.count + plan.unresolved.count) problem(s) remain (listed above)", exitCode: 1)
        }
        try checkReachable(plan, snapshot: cycle.snapshot, from: firstStep)
        printNow(PlanText.render(plan, action: "fix", from: firstStep))
        if execution.dryRun {
            printNow("Dry run: nothing was changed.")
            return
        }
        if !execution.yes { try Confirmation.require(plan, action: "fix") }
        try session.openCommandLog()

        let journalFile: PlanJournal
        if let resumed {
            journalFile = resumed
        } else {
            do {
                journalFile = try PlanJournal.create(directory: directory, action: "fix", seed: request.address, plan: plan)
            } catch {
                throw CLIError(error.description)
            }
        }
        // Ctrl-C: the step in flight (a command, or a slot's key move) finishes, then it stops.
        InterruptWatch.start()
        defer { InterruptWatch.stop() }
        let hooks = ExecutionHooks(shouldStop: { InterruptWatch.isRequested })
        let printer = ProgressPrinter()
        let executor = PlanExecutor(pool: session.pool, journal: journalFile, hooks: hooks) { printer.show($0) }
        let report: ExecutionReport
        do {
            report = try await executor.run(plan, from: firstStep)
        } catch {
            throw CLIError("fix stopped: \(error.description) (journal: \(journalFile.path))", exitCode: 1)
        }
        for warning in report.warnings { printError("warning: " + warning) }
        printNow("Ran \(report.stepsRun) step(s), moved \(report.keysMoved) key(s)"
                 + (report.identicalReplaced > 0 ? " (\(report.identicalReplaced) identical replaced)" : "")
                 + " in \(ProgressPrinter.seconds(report.duration)).")
        try await verify(session)
    }

    /// Refuses to start while a node the plan talks to, or a master (whose keys the plan
    /// relies on), is unreachable — unless `--force-unreachable`.
    private func checkReachable(_ plan: Plan, snapshot: ClusterSnapshot, from firstStep: Int) throws(CLIError) {
        for blocker in PlanReachability.blockers(plan, snapshot: snapshot, from: firstStep) {
            if execution.forceUnreachable {
                printError("warning: \(blocker.node.address) (\(blocker.node.id.short)) is unreachable (\(blocker.why)); going on as asked")
                continue
            }
            throw CLIError(blocker.message + "; fix that, or pass --force-unreachable", exitCode: 2)
        }
    }

    /// Polls until the problems fix repairs are gone (gossip takes a moment), for up to 10 s.
    private func verify(_ session: ActionSession) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        var remaining: [Finding] = []
        repeat {
            let cycle = try await session.poll(fresh: true)
            remaining = findings(cycle.snapshot).filter { FixPlanner.verifiedKinds.contains($0.kind) }
            if remaining.isEmpty {
                printNow("Verified: a fresh poll shows no unserved or open slots, no keys on non-owners and no ghost nodes.")
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        } while clock.now < deadline
        printNow("Still wrong after the fix:")
        for finding in remaining { printNow("  - " + finding.title) }
        throw CLIError("the fix ran, but a fresh poll still shows \(remaining.count) problem(s) (listed above); run slotscope fix again", exitCode: 1)
    }
}
