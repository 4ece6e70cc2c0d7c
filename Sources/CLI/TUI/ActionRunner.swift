import ClusterModel
import Foundation
import Operations
import Screens
import Synchronization
import Terminal

/// The side effects of the TUI's actions: a writable session (created at the first action,
/// then shared), planning on a fresh poll with a key census, running the confirmed plan
/// through `PlanExecutor` with a journal and the command log, stopping on request, and
/// verifying with fresh polls. Every answer goes back to the UI as a message; nothing here
/// runs on the UI thread. Never created in read-only mode.
final class ActionRunner: Sendable {
    struct Setup: Sendable {
        var request: ConnectionRequest
        var maps: [String]
        /// Journal and `commands.log` folder.
        var journalDirectory: String
        var adapters: [ActionKind: any ActionAdapter]
    }

    private struct Shared {
        var session: ActionSession?
        var planned: (kind: ActionKind, action: PlannedAction)?
        /// Bumped by every plan or discard: a late answer for an older one is dropped.
        var generation = 0
        var stopRequested = false
    }

    let setup: Setup
    private let control: PollControl
    private let waker: TerminalWaker
    private let shared = Mutex(Shared())

    init(setup: Setup, control: PollControl, waker: TerminalWaker) {
        self.setup = setup
        self.control = control
        self.waker = waker
    }

    func handle(_ request: ActionRequest) {
        switch request {
        case .plan(let kind, let selected, let slots): plan(kind, selected: selected, slots: slots)
        case .run(let kind): run(kind)
        case .abort: shared.withLock { $0.stopRequested = true }
        case .discard: shared.withLock { $0.generation += 1; $0.planned = nil }
        case .drill: break  // the demo's drills run elsewhere
        }
    }

    private var stopRequested: Bool { shared.withLock { $0.stopRequested } }

    /// Closes the action session's connections (the UI is quitting).
    func close() {
        shared.withLock { $0.session }?.pool.closeAll()
    }

    private func post(_ update: ActionUpdate) {
        control.post(.action(update))
        waker.wake()
    }

    private func plan(_ kind: ActionKind, selected: NodeID?, slots: Int?) {
        let generation = shared.withLock { $0.generation += 1; $0.planned = nil; return $0.generation }
        guard let adapter = setup.adapters[kind] else {
            post(.notPlanned(title: InspectorKeyMap.notYetMessage(kind.rawValue), lines: []))
            return
        }
        Task.detached { [self] in
            let outcome = await self.makePlan(adapter, selected: selected, slots: slots)
            let update: ActionUpdate
            switch outcome {
            case .success(let planned):
                let current = self.shared.withLock { shared -> Bool in
                    guard shared.generation == generation else { return false }
                    shared.planned = (kind, planned)
                    return true
                }
                guard current else { return }
                update = .planned(Self.summary(planned, kind: kind))
            case .failure(let refusal):
                guard self.shared.withLock({ $0.generation == generation }) else { return }
                update = .notPlanned(title: refusal.title, lines: refusal.lines)
            }
            self.post(update)
        }
    }

    /// Connects (once), polls with a key census, and asks the adapter for a plan.
    private func makePlan(_ adapter: any ActionAdapter, selected: NodeID?, slots: Int?) async -> Result<PlannedAction, ActionAdapterRefusal> {
        let cannot = "\(adapter.kind.rawValue): cannot plan"
        let session: ActionSession
        do {
            session = try await self.session()
        } catch {
            return .failure(ActionAdapterRefusal(title: cannot, lines: [error.message, "Nothing was sent."]))
        }
        let cycle: PollCycle
        do {
            cycle = try await session.poll()
        } catch {
            return .failure(ActionAdapterRefusal(title: cannot, lines: [error.message, "Nothing was sent."]))
        }
        return adapter.plan(cycle, selected: selected, slots: slots, session: session)
    }

    /// The writable session, connected at the first action.
    private func session() async throws(CLIError) -> ActionSession {
        if let session = shared.withLock({ $0.session }) { return session }
        let session = try await ActionSession.start(setup.request, maps: setup.maps, journalDirectory: setup.journalDirectory)
        return shared.withLock { shared in
            if let existing = shared.session {
                session.pool.closeAll()
                return existing
            }
            shared.session = session
            return session
        }
    }

    private func run(_ kind: ActionKind) {
        let taken = shared.withLock { shared -> (ActionSession, PlannedAction)? in
            guard let session = shared.session, let planned = shared.planned, planned.kind == kind else { return nil }
            shared.planned = nil
            shared.stopRequested = false
            return (session, planned.action)
        }
        guard let (session, planned) = taken else {
            post(.ran(lines: ["\(kind.rawValue): the plan is gone (cancelled?); nothing was sent"]))
            post(.verified(ActionVerdict(repaired: false, lines: ["Nothing ran."])))
            return
        }
        Task.detached { [self] in
            let (lines, completed) = await self.execute(planned.plan, kind: kind, session: session)
            self.post(.ran(lines: lines))
            self.post(.verified(await self.verify(planned, kind: kind, session: session, patient: completed)))
        }
    }

    /// Runs `plan` with a journal and the command log, posting progress and the commands sent;
    /// returns how it ended, and whether every step ran.
    private func execute(_ plan: Plan, kind: ActionKind, session: ActionSession) async -> (lines: [String], completed: Bool) {
        let resume = "slotscope \(kind.rawValue) \(setup.request.address) --resume"
        // The session's pool writes every changing command to its command log; the Log
        // screen shows the lines written from here on.
        do {
            try session.openCommandLog()
        } catch {
            return (["Not started: \(error.message)"], false)
        }
        let journal: PlanJournal
        do {
            journal = try PlanJournal.create(directory: setup.journalDirectory, action: kind.rawValue,
                                             seed: setup.request.address, plan: plan)
        } catch {
            return (["Not started: \(error.description). Nothing was sent."], false)
        }
        let tail = LogTail(path: session.commandLog.path)
        let throttle = ProgressThrottle()
        let executor = PlanExecutor(pool: session.pool, journal: journal,
                                    hooks: ExecutionHooks(shouldStop: { [self] in self.stopRequested })) {
            [self] progress in
            guard throttle.due(step: progress.step) else { return }
            self.post(.progress(Self.summary(progress)))
            let sent = tail.newLines()
            if !sent.isEmpty { self.post(.commandsSent(sent)) }
        }
        let lines: [String]
        var completed = false
        do {
            let report = try await executor.run(plan)
            lines = ["Ran \(report.stepsRun) step(s), moved \(report.keysMoved) key(s)"
                     + (report.identicalReplaced > 0 ? " (\(report.identicalReplaced) identical replaced)" : "")
                     + " in \(ProgressPrinter.seconds(report.duration))."]
                + report.warnings.map { "warning: " + $0 }
            completed = true
        } catch {
            switch error {
            case .interrupted:
                lines = ["Aborted: \(error.description).", "Journal: \(journal.path)", "To finish: \(resume)"]
            default:
                lines = ["Stopped: \(error.description)", "Journal: \(journal.path)", "To finish: \(resume) (or f again to plan afresh)"]
            }
        }
        let sent = tail.newLines()
        if !sent.isEmpty { post(.commandsSent(sent)) }
        return (lines, completed)
    }

    /// Polls until the action's problems are gone (gossip takes a moment), for up to 10 s
    /// after a complete run; once after a stopped one (its problems remain by design).
    private func verify(_ planned: PlannedAction, kind: ActionKind, session: ActionSession, patient: Bool) async -> ActionVerdict {
        let clock = ContinuousClock()
        let deadline = clock.now + (patient ? .seconds(10) : .zero)
        var remaining: [String] = []
        repeat {
            do {
                let cycle = try await session.poll(fresh: true)
                remaining = planned.remaining(cycle.snapshot)
            } catch {
                return ActionVerdict(repaired: false, lines: ["Could not verify: \(error.message)"])
            }
            if remaining.isEmpty { return ActionVerdict(repaired: true, lines: [planned.doneText]) }
            try? await Task.sleep(for: .milliseconds(500))
        } while clock.now < deadline
        return ActionVerdict(repaired: false, lines: ["Still wrong after \(kind.rawValue)" + (patient ? " (fresh polls for 10 s):" : ":")]
                             + remaining.map { "  - " + $0 })
    }

    static func summary(_ planned: PlannedAction, kind: ActionKind) -> ActionPlanSummary {
        let plan = planned.plan
        var lines = PlanText.render(plan, action: kind.rawValue).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headline = lines.isEmpty ? kind.rawValue : lines.removeFirst()
        let involved = plan.nodes.map(\.description).joined(separator: ", ")
        lines.insert("Nodes: " + involved, at: 0)
        return ActionPlanSummary(kind: kind, headline: headline, lines: lines, confirmation: planned.confirmation,
                                 confirmationMeaning: planned.confirmationMeaning)
    }

    static func summary(_ progress: ActionProgress) -> ActionProgressSummary {
        ActionProgressSummary(step: progress.step, steps: progress.steps, slot: progress.slot, slotsDone: progress.slotsDone,
                              slotsTotal: progress.slotsTotal, keysMoved: progress.keysMoved, keysTotal: progress.keysTotal,
                              keysPerSecond: progress.keysPerSecond)
    }
}

/// Lets a progress update through at each new step and at most ten times a second in between.
final class ProgressThrottle: Sendable {
    private let last = Mutex<(step: Int, at: ContinuousClock.Instant)?>(nil)

    func due(step: Int) -> Bool {
        let now = ContinuousClock.now
        return last.withLock { last in
            if let previous = last, previous.step == step, now - previous.at < .milliseconds(100) { return false }
            last = (step, now)
            return true
        }
    }
}
