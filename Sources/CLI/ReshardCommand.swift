import ArgumentParser
import ClusterModel
import Operations
import Wire

/// `slotscope reshard HOST:PORT --from … --to … --slots …` or `--balance`: plan the slot
/// moves, show them, confirm, run them with a journal and a command log, and verify.
struct ReshardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reshard",
        abstract: "Move slots and their keys between masters, or even them out (--balance): planned, confirmed, journaled, verified.",
        discussion: """
        Takes --slots N from the --from masters in proportion to what each owns (--from all: every \
        master but the target), or exactly the given ranges. --balance evens out slots by --weight, \
        as redis-cli --cluster rebalance does. Slots move in windows whose commands are pipelined \
        per node, different sources in parallel; every step is journaled and every command that \
        changes the cluster goes to commands.log in the journal folder. Ctrl-C stops after the \
        slots in flight; --resume finishes an interrupted run (kill -9, lost session, stopped node). \
        Exit status: 0 moved and verified, 1 stopped or not verified, 2 refused or cannot connect.
        """)

    @Argument(help: "A cluster node, as HOST:PORT (default 127.0.0.1:6379 or -h/-p/-u).")
    var address: String?

    @Option(help: ArgumentHelp("Masters to take slots from: ids or unique prefixes, comma-separated, or all.", valueName: "ID[,ID…]|all"))
    var from: String?

    @Option(help: ArgumentHelp("The master that receives the slots: its id or a unique prefix.", valueName: "ID"))
    var to: String?

    @Option(help: ArgumentHelp("How many slots (1000), or which (0-999,2000-2099).", valueName: "N|RANGES"))
    var slots: String?

    @Flag(help: "Even out slots across the masters (by --weight) instead of --from/--to/--slots.")
    var balance = false

    @Option(name: .customLong("weight"), parsing: .singleValue,
            help: ArgumentHelp("With --balance: a master's weight, ID=W (repeatable; default 1, 0 empties it).", valueName: "ID=W"))
    var weights: [String] = []

    @Flag(name: .customLong("use-empty-masters"), help: "With --balance: give slots to masters that own none too.")
    var useEmptyMasters = false

    @Option(help: ArgumentHelp("With --balance: move nothing unless a master is this many percent off its share.", valueName: "PERCENT"))
    var threshold: Double = 2

    @Option(help: "Keys per GETKEYSINSLOT/MIGRATE batch (redis-cli's --cluster-pipeline, whose default is 10).")
    var pipeline: Int = 1000

    @OptionGroup var execution: PlanRunFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let environment = ProcessEnvironment.current
        let request = try connection.resolve(address: address, environment: environment)
        // Read-only mode refuses before a single command (even a read) is sent.
        if request.readOnly {
            throw CLIError("reshard changes the cluster: refused in read-only mode (--read-only or SLOTSCOPE_READONLY=1); "
                           + "nothing was sent", exitCode: 2)
        }
        try validateFlags()
        if let warning = request.passwordSource?.warning { printError(warning) }
        let directory = execution.journalDirectory(environment)
        let session = try await ActionSession.start(request, maps: inspection.maps, journalDirectory: directory)
        defer { session.pool.closeAll() }

        let cycle = try await session.poll()
        var plan: Plan
        var firstStep = 0
        var resumed: PlanJournal?
        if execution.resume {
            guard let previous = PlanJournal.latestUnfinished(in: directory, action: "reshard") else {
                throw CLIError("no interrupted reshard to resume in \(directory); open slots left by another tool: slotscope fix", exitCode: 1)
            }
            if balance || from != nil || to != nil || slots != nil {
                printError("note: --resume finishes the journaled plan as it was made; --balance, --from, --to and --slots are ignored")
            }
            plan = previous.record.plan
            firstStep = previous.record.completedSteps
            resumed = previous
            let conflicts = ReshardChecks.resumeConflicts(plan, snapshot: cycle.snapshot, from: firstStep)
            if let first = conflicts.first {
                throw CLIError("cannot resume \(previous.path): \(first)\(conflicts.count > 1 ? " (and \(conflicts.count - 1) more)" : ""); "
                               + "the cluster changed since — check it with slotscope check, then plan afresh", exitCode: 2)
            }
            printNow("Resuming \(previous.path)")
            let (trimmed, skipped) = ReshardChecks.withoutCompletedMoves(plan, snapshot: cycle.snapshot, from: firstStep)
            if !skipped.isEmpty {
                printNow("Already complete, left out: slots \(slotRanges(of: skipped).compactDescription).")
            }
            plan = trimmed
        } else {
            plan = try makePlan(cycle.snapshot, session: session)
        }
        plan.move.replace = plan.move.replace || execution.replace
        let verifiedPlan = resumed?.record.plan ?? plan

        printNow(PlanText.render(plan, action: "reshard", from: firstStep, commands: execution.dryRun))
        if plan.isEmpty { return }
        let unreachable = ReshardChecks.unreachable(plan, snapshot: cycle.snapshot, from: firstStep)
        if let first = unreachable.first {
            if !execution.forceUnreachable {
                throw CLIError("cannot start: \(first)\(unreachable.count > 1 ? " (and \(unreachable.count - 1) more)" : "") — "
                               + "the plan sends it commands; fix that, or pass --force-unreachable", exitCode: 2)
            }
            for line in unreachable { printError("warning: \(line) is unreachable; going on as asked") }
        }
        if execution.dryRun {
            printNow("Dry run: nothing was changed.")
            return
        }
        if !execution.yes { try Confirmation.require(plan, action: "reshard") }
        try session.openCommandLog()

        let journalFile: PlanJournal
        do {
            journalFile = try resumed ?? PlanJournal.create(directory: directory, action: "reshard", seed: request.address, plan: plan)
        } catch {
            throw CLIError("\(error)")
        }
        InterruptWatch.start()
        defer { InterruptWatch.stop() }
        let fault = FaultInjection(environment: environment)
        let hooks = ExecutionHooks(shouldStop: { InterruptWatch.isRequested },
                                   checkpoint: { step, point in fault?.reached(step: step, point) })
        let printer = ProgressPrinter()
        let executor = PlanExecutor(pool: session.pool, journal: journalFile, hooks: hooks) { printer.show($0) }
        let report: ExecutionReport
        do {
            report = try await executor.run(plan, from: firstStep)
        } catch {
            throw CLIError("reshard stopped: \(error.description) (journal: \(journalFile.path))", exitCode: 1)
        }
        for warning in report.warnings.prefix(10) { printError("warning: " + warning) }
        if report.warnings.count > 10 { printError("warning: … and \(report.warnings.count - 10) more (see \(session.commandLog.path))") }
        printNow("Moved \(ReshardChecks.pendingMoves(plan, from: firstStep).count) slot(s) and \(report.keysMoved) key(s)"
                 + (report.identicalReplaced > 0 ? " (\(report.identicalReplaced) identical replaced)" : "")
                 + " in \(ProgressPrinter.seconds(report.duration)).")
        try await verify(verifiedPlan, session: session)
    }

    private func validateFlags() throws(CLIError) {
        guard (1...100_000).contains(pipeline) else { throw CLIError.usage("--pipeline must be from 1 to 100000") }
        if execution.resume { return }
        if balance {
            if from != nil || to != nil || slots != nil {
                throw CLIError.usage("--balance moves slots by weight: leave out --from, --to and --slots")
            }
            guard threshold >= 0 else { throw CLIError.usage("--threshold must be a percentage ≥ 0") }
        } else {
            guard to != nil, slots != nil else {
                throw CLIError.usage("reshard needs --to ID and --slots N (or ranges), with --from ID[,ID…]|all; or --balance")
            }
            if !weights.isEmpty || useEmptyMasters { throw CLIError.usage("--weight and --use-empty-masters go with --balance") }
        }
    }

    private func makePlan(_ snapshot: ClusterSnapshot, session: ActionSession) throws(CLIError) -> Plan {
        let move = MoveSettings(keysPerBatch: pipeline, migrateTimeoutMilliseconds: session.migrateTimeoutMilliseconds,
                                replace: execution.replace, authenticated: session.pool.options.credentials.password != nil)
        do {
            if balance {
                let request = BalanceRequest(weights: try ReshardArguments.weights(weights), useEmptyMasters: useEmptyMasters,
                                             thresholdPercent: threshold)
                return try ReshardPlanner.balance(snapshot, request: request, move: move)
            }
            let request = ReshardRequest(slots: try ReshardArguments.slots(slots ?? ""), sources: try ReshardArguments.sources(from),
                                         target: to ?? "")
            return try ReshardPlanner.plan(snapshot, request: request, move: move)
        } catch let error as ReshardPlanError {
            throw CLIError(error.description, exitCode: 2)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Polls until every slot is with its new owner in every view and nothing is open
    /// (gossip takes a moment), for up to 10 s.
    private func verify(_ plan: Plan, session: ActionSession) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        var problems: [String] = []
        repeat {
            // Ownership and open slots need no key census.
            let cycle = try await session.poll(fresh: true, countKeys: false)
            problems = ReshardChecks.remainingProblems(plan, snapshot: cycle.snapshot)
            if problems.isEmpty {
                printNow("Verified: a fresh poll shows all \(plan.slots.count) slot(s) served by their new owners, and none open.")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        } while clock.now < deadline
        printNow("Still wrong after the reshard:")
        for problem in problems { printNow("  - " + problem) }
        throw CLIError("the reshard ran, but a fresh poll still shows \(problems.count) problem(s) (listed above); "
                       + "slotscope fix finishes open slots", exitCode: 1)
    }
}
