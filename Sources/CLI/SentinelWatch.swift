import ClusterModel
import Operations
import Synchronization
import Wire

/// `watch --sentinel`: subscribes to every sentinel and polls every `pause`; prints one line
/// per deduplicated event (when all subscribed sentinels published it, or `settle` after its
/// first copy; `+switch-master` at once) and per change the poll saw, in time order; then,
/// per completed failover, a summary line and one line per phase, and later one line when
/// the old master is back as a replica. With a recorder, every poll and event is recorded.
enum SentinelWatch {
    static func run(_ session: SentinelInspection, pause: Duration, count: Int?, settle: Duration,
                    json: Bool, recorder: SentinelRecorder? = nil) async throws(CLIError) {
        let first = try await session.firstPoll()
        recorder?.write(first)
        let watcher = SentinelWatcher(options: session.options, addressMap: session.pool.addressMap)
        watcher.watch(await session.poller.sentinels)
        let groups = first.snapshot.groups.map { "\($0.name) (master \($0.namedMaster?.description ?? "unknown"))" }
        printError("watching \(watcher.watched.count) sentinels via \(session.target): \(groups.joined(separator: ", ")); "
            + "polling every \(EventLine.seconds(pause)); Ctrl-C stops")
        let printer = Printer(settle: settle, names: session.masterNames.map(Set.init), json: json, recorder: recorder)

        InterruptWatch.startForWatch()
        defer { InterruptWatch.stop() }
        let polling = RunningFlag()
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await update in watcher.updates {
                    printer.handle(update, subscribed: watcher.subscribed.count, watched: watcher.watched.count)
                }
            }
            // Settled entries are released by this tick when no new copy arrives. It runs
            // apart from the poll, so a sentinel that stopped answering (the poll waits its
            // timeout for it) never holds back the other sentinels' lines.
            tasks.addTask {
                while polling.isSet {
                    try? await Task.sleep(for: .milliseconds(50))
                    printer.flush(subscribed: watcher.subscribed.count)
                }
            }
            tasks.addTask {
                let clock = ContinuousClock()
                var polls = 1
                var nextPoll = clock.now + pause
                while count.map({ polls < $0 }) ?? true {
                    await InterruptWatch.sleep(until: nextPoll)
                    if Task.isCancelled || InterruptWatch.isRequested { break }
                    nextPoll = clock.now + pause
                    let cycle = await session.poller.poll()
                    polls += 1
                    recorder?.write(cycle)
                    if recorder?.failure != nil { break }
                    printer.add(cycle.changes, at: cycle.snapshot.time, subscribed: watcher.subscribed.count)
                    watcher.watch(await session.poller.sentinels)
                }
                polling.clear()
                watcher.stop()  // ends the reader above
            }
        }
        printer.flush(final: true)
        session.pool.closeAll()
        if let failure = recorder?.failure { throw failure }
    }

    /// The event log behind a lock: fed by the reader and the poll, flushed by the ticker too.
    final class Printer: Sendable {
        private let log: Mutex<SentinelEventLog>
        private let names: Set<String>?
        private let json: Bool
        private let recorder: SentinelRecorder?
        /// How many sentinels were subscribed at the last flush before the final one (the
        /// watcher has stopped by then, yet the last lines were seen by that many).
        private let lastSubscribed = Atomic<Int>(0)
        /// Whether "subscribed to every sentinel" was said (once, on stderr: the point from
        /// which no event is missed).
        private let saidAllSubscribed = Atomic<Bool>(false)

        init(settle: Duration, names: Set<String>?, json: Bool, recorder: SentinelRecorder?) {
            log = Mutex(SentinelEventLog(settle: settle.wholeMilliseconds))
            self.names = names
            self.json = json
            self.recorder = recorder
        }

        func handle(_ update: SentinelWatcher.Update, subscribed: Int, watched: Int) {
            switch update {
            case .observed(let observed):
                if let names, let name = observed.event.masterName, !names.contains(name) { return }
                log.withLock { $0.add(observed) }
                flush(subscribed: subscribed)
                recorder?.write(observed)
            case .lost(let address, let reason):
                printError("sentinel \(address): subscription lost (\(reason)); retrying")
            case .subscribed:
                if subscribed >= watched && !saidAllSubscribed.exchange(true, ordering: .relaxed) {
                    printError("subscribed to \(subscribed) of \(watched) sentinels")
                }
            }
        }

        /// Adds one poll's changes (of the groups watched) and prints what is ready.
        func add(_ changes: [PolledChange], at time: Timestamp, subscribed: Int) {
            let wanted = changes.filter { change in names.map { names in change.group.map(names.contains) ?? true } ?? true }
            log.withLock { $0.add(polled: wanted, at: time) }
            flush(subscribed: subscribed)
        }

        /// Prints what is ready: every waiting entry when `final`. Each line is written
        /// (and so flushed) as soon as it is ready.
        func flush(subscribed current: Int = 0, final: Bool = false) {
            let now = final ? Timestamp(milliseconds: .max / 2) : WallClock.now()
            let subscribed = final ? lastSubscribed.load(ordering: .relaxed) : current
            if !final { lastSubscribed.store(current, ordering: .relaxed) }
            // The lines first (the +switch-master line is what clients wait for), the stories after.
            let items = log.withLock { $0.release(now: now, expected: subscribed) }
            for item in items {
                switch item {
                case .event(let entry):
                    let line = SentinelEventLine(entry, watching: subscribed)
                    printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
                case .polled(let change):
                    let line = PolledChangeLine(change)
                    printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
                }
            }
            let (stories, returns) = log.withLock { log in (log.completedStories(), log.oldMasterReturns()) }
            for story in stories {
                let line = FailoverSummaryLine(story)
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
                for phase in FailoverPhaseLine.lines(story, watching: subscribed) {
                    printNow(json ? JSONOutput.encode(phase, pretty: false) : phase.text)
                }
            }
            for story in returns {
                guard let line = OldMasterReturnLine(story) else { continue }
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
            }
        }
    }
}

/// Set while the poll loop runs; read by the ticker.
final class RunningFlag: Sendable {
    private let value = Atomic<Bool>(true)
    func clear() { value.store(false, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
