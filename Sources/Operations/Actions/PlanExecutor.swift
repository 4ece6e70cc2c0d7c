import ClusterModel
import RESP
import Wire

/// Where an action is, for a progress line.
public struct ActionProgress: Sendable, Hashable {
    /// Index of the step running (or just finished).
    public var step: Int
    public var steps: Int
    /// The slot whose keys are moving, if any.
    public var slot: Int?
    /// Key-moving steps finished, and how many the plan has.
    public var slotsDone: Int
    public var slotsTotal: Int
    public var keysMoved: Int
    /// Keys the plan expected to move.
    public var keysTotal: Int
    public var keysPerSecond: Double
}

/// What a run did.
public struct ExecutionReport: Sendable, Hashable {
    public var stepsRun: Int
    public var keysMoved: Int
    /// Keys that existed on both sides with the same value and were replaced.
    public var identicalReplaced: Int
    /// Best-effort steps that failed (gossip will carry their change), one line each.
    public var warnings: [String]
    public var duration: Duration
}

/// Runs a plan step by step through the session's connection pool (never a read-only
/// one: a read-only pool is refused before anything is sent), recording each finished step
/// in the journal so an interrupted run can be resumed.
public final class PlanExecutor: Sendable {
    public let pool: ConnectionPool
    let journal: PlanJournal?
    let hooks: ExecutionHooks
    let progress: @Sendable (ActionProgress) -> Void

    /// `hooks` lets the caller stop the run between steps (SIGINT) and see each checkpoint of
    /// a slot window. The pool's command log (if any) records every mutating command it sends.
    public init(pool: ConnectionPool, journal: PlanJournal? = nil, hooks: ExecutionHooks = ExecutionHooks(),
                progress: @escaping @Sendable (ActionProgress) -> Void = { _ in }) {
        self.pool = pool
        self.journal = journal
        self.hooks = hooks
        self.progress = progress
    }

    /// Runs `plan` from step `firstStep` (0, or where a journal says an earlier run stopped).
    /// On resume, the first step re-run accepts "already" replies: it may have completed
    /// just before the interruption.
    public func run(_ plan: Plan, from firstStep: Int = 0) async throws(ActionError) -> ExecutionReport {
        guard !pool.options.readOnly else { throw .readOnly }
        let clock = ContinuousClock()
        let started = clock.now
        var report = ExecutionReport(stepsRun: 0, keysMoved: 0, identicalReplaced: 0, warnings: [], duration: .zero)
        let moves = plan.steps.reduce(0) { $0 + $1.movedSlots.count }
        var status = ActionProgress(step: firstStep, steps: plan.steps.count, slot: nil,
                                    slotsDone: plan.steps.prefix(firstStep).reduce(0) { $0 + $1.movedSlots.count },
                                    slotsTotal: moves, keysMoved: 0, keysTotal: plan.keysToMove, keysPerSecond: 0)
        for index in plan.steps.indices where index >= firstStep {
            let step = plan.steps[index]
            if index > firstStep && hooks.shouldStop() {
                let betweenSlots: Bool
                if case .moveSlots = plan.steps[index - 1].action { betweenSlots = true } else { betweenSlots = false }
                let error = ActionError.interrupted(step: index, slotsDone: status.slotsDone, slotsTotal: moves,
                                                    betweenSlots: betweenSlots)
                journal?.finish(error: error.description)
                throw error
            }
            status.step = index
            status.slot = step.movedSlot
            let elapsed = Self.seconds(clock.now - started)
            status.keysPerSecond = elapsed > 0 ? Double(status.keysMoved) / elapsed : 0
            progress(status)
            let resumed = firstStep > 0 && index == firstStep
            do {
                switch step.action {
                case .command(let node, let arguments, let tolerated, let bestEffort):
                    if let warning = try await runCommand(index, node, arguments, tolerated: tolerated + (resumed ? ["already"] : []),
                                                          bestEffort: bestEffort) {
                        report.warnings.append(warning)
                    }
                case .moveKeys(let slot, let source, let target, _):
                    let mover = KeyMover(step: index, slot: slot, source: source, target: target,
                                         sourceConnection: connection(source), targetConnection: connection(target),
                                         settings: plan.move, credentials: pool.options.credentials)
                    let progress = self.progress
                    let outcome = try await mover.run { moved in
                        status.keysMoved += moved
                        let seconds = Self.seconds(clock.now - started)
                        status.keysPerSecond = seconds > 0 ? Double(status.keysMoved) / seconds : 0
                        progress(status)
                    }
                    report.keysMoved += outcome.moved
                    report.identicalReplaced += outcome.identicalReplaced
                    status.slotsDone += 1
                case .commandOnAll(let nodes, let arguments, let tolerated, let within):
                    try await runOnAll(index, nodes, arguments, tolerated: tolerated, within: within)
                case .moveSlots(let moves, let masters):
                    let outcome = try await runWindow(index, moves, masters, plan: plan, resumed: resumed,
                                                      status: status, started: started)
                    report.keysMoved += outcome.moved
                    report.identicalReplaced += outcome.identicalReplaced
                    report.warnings += outcome.warnings
                    status.keysMoved += outcome.moved
                    status.slotsDone += moves.count
                }
            } catch {
                journal?.finish(error: error.description)
                throw error
            }
            report.stepsRun += 1
            try journal?.stepDone(index)
        }
        report.duration = clock.now - started
        status.step = plan.steps.count
        progress(status)
        journal?.finish(error: nil)
        return report
    }

    /// Runs one window of slot moves (see `SlotWindowMover`), reporting keys as they move.
    private func runWindow(_ index: Int, _ moves: [SlotMove], _ masters: [PlanNode], plan: Plan, resumed: Bool,
                           status: ActionProgress, started: ContinuousClock.Instant) async throws(ActionError) -> SlotWindowMover.Outcome {
        let pool = self.pool
        let hooks = self.hooks
        let mover = SlotWindowMover(step: index, moves: moves, masters: masters, settings: plan.move,
                                    credentials: pool.options.credentials, resumed: resumed,
                                    connection: { pool.connection(to: Self.endpoint($0)) },
                                    checkpoint: { hooks.checkpoint(index, $0) })
        let moved = SharedCount()
        let progress = self.progress
        return try await mover.run { count in
            var now = status
            now.keysMoved += moved.add(count)
            let seconds = Self.seconds(ContinuousClock.now - started)
            now.keysPerSecond = seconds > 0 ? Double(now.keysMoved) / seconds : 0
            progress(now)
        }
    }

    /// Runs one command; returns a warning for a best-effort failure.
    private func runCommand(_ index: Int, _ node: PlanNode, _ arguments: [String], tolerated: [String],
                            bestEffort: Bool) async throws(ActionError) -> String? {
        let text = arguments.joined(separator: " ")
        let reply: RESPValue
        do {
            reply = try await connection(node).send(RESPCommand(arguments))
        } catch {
            if bestEffort { return "\(text) on \(node): \(error.description)" }
            throw .wire(step: index, node: node, error)
        }
        guard let message = reply.errorMessage else { return nil }
        if Self.matches(message, tolerated) { return nil }
        if bestEffort { return "\(text) on \(node): \(message)" }
        throw .commandFailed(step: index, node: node, command: text, reply: message)
    }

    /// Sends one command to every node at once and checks that all replied within `within` seconds.
    private func runOnAll(_ index: Int, _ nodes: [PlanNode], _ arguments: [String], tolerated: [String],
                          within: Int) async throws(ActionError) {
        let clock = ContinuousClock()
        let started = clock.now
        let endpoints = nodes.map(Self.endpoint)
        let results = await pool.fanOut(RESPCommand(arguments), to: endpoints)
        let took = Self.seconds(clock.now - started)
        for node in nodes {
            switch results[Self.endpoint(node)] {
            case .success(let reply)?:
                if let message = reply.errorMessage, !Self.matches(message, tolerated) {
                    throw .commandFailed(step: index, node: node, command: arguments.joined(separator: " "), reply: message)
                }
            case .failure(let error)?:
                throw .wire(step: index, node: node, error)
            case nil:
                throw .commandFailed(step: index, node: node, command: arguments.joined(separator: " "), reply: "no reply")
            }
        }
        if took > Double(within) { throw .forgetTooSlow(step: index, seconds: took) }
    }

    private func connection(_ node: PlanNode) -> Connection { pool.connection(to: Self.endpoint(node)) }

    static func endpoint(_ node: PlanNode) -> Endpoint { Endpoint(host: node.address.host, port: node.address.port) }

    static func matches(_ message: String, _ tolerated: [String]) -> Bool {
        let lower = message.lowercased()
        return tolerated.contains { lower.contains($0.lowercased()) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
