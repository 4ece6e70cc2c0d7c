import ClusterModel
import Operations
import Synchronization
import Wire

/// `watch --sentinel`: subscribes to every sentinel, prints one line per deduplicated
/// event (when all subscribed sentinels published it, or `settle` after its first copy)
/// and a summary line per completed failover; polls every `pause` to pick up new sentinels.
enum SentinelWatch {
    static func run(_ session: SentinelInspection, pause: Duration, count: Int?, settle: Duration,
                    json: Bool) async throws(CLIError) {
        let first = try await session.firstPoll()
        let watcher = SentinelWatcher(options: session.options, addressMap: session.pool.addressMap)
        watcher.watch(await session.poller.sentinels)
        let groups = first.snapshot.groups.map { "\($0.name) (master \($0.namedMaster?.description ?? "unknown"))" }
        printError("watching \(watcher.watched.count) sentinels via \(session.target): \(groups.joined(separator: ", ")); "
            + "polling every \(EventLine.seconds(pause)); Ctrl-C stops")
        let printer = Printer(settle: settle, names: session.masterNames.map(Set.init), json: json)

        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for await update in watcher.updates {
                    printer.handle(update, subscribed: watcher.subscribed.count)
                }
            }
            tasks.addTask {
                let clock = ContinuousClock()
                var polls = 1
                var nextPoll = clock.now + pause
                while count.map({ polls < $0 }) ?? true {
                    // Settled entries are released by this tick when no new copy arrives.
                    try? await Task.sleep(for: .milliseconds(50))
                    if Task.isCancelled { break }
                    printer.flush(subscribed: watcher.subscribed.count)
                    guard clock.now >= nextPoll else { continue }
                    nextPoll = clock.now + pause
                    _ = await session.poller.poll()
                    polls += 1
                    watcher.watch(await session.poller.sentinels)
                }
                watcher.stop()  // ends the reader above
            }
        }
        printer.flush(subscribed: 0, final: true)
        session.pool.closeAll()
    }

    /// The event log behind a lock: fed by the reader, flushed by the ticker too.
    final class Printer: Sendable {
        private let log: Mutex<SentinelEventLog>
        private let names: Set<String>?
        private let json: Bool

        init(settle: Duration, names: Set<String>?, json: Bool) {
            log = Mutex(SentinelEventLog(settle: settle.wholeMilliseconds))
            self.names = names
            self.json = json
        }

        func handle(_ update: SentinelWatcher.Update, subscribed: Int) {
            switch update {
            case .observed(let observed):
                if let names, let name = observed.event.masterName, !names.contains(name) { return }
                log.withLock { $0.add(observed) }
                flush(subscribed: subscribed)
            case .lost(let address, let reason):
                printError("sentinel \(address): subscription lost (\(reason)); retrying")
            case .subscribed:
                break
            }
        }

        /// Prints what is ready: every waiting entry when `final`.
        func flush(subscribed: Int, final: Bool = false) {
            let now = final ? Timestamp(milliseconds: .max / 2) : WallClock.now()
            let (entries, stories) = log.withLock { log in
                (log.ready(now: now, expected: subscribed), log.completedStories())
            }
            for entry in entries {
                let line = SentinelEventLine(entry, watching: subscribed)
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
            }
            for story in stories {
                let line = FailoverSummaryLine(story)
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
            }
        }
    }
}
