import ClusterModel
import Dispatch
import Sandbox
import Synchronization
import Wire
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `slotscope-bench sentinel`: how late `slotscope watch --sentinel` prints `+switch-master`
/// after the sentinels published it (issue 6, "Must show": ≤ 50 ms median).
///
/// Each run starts a fresh group (master, 2 replicas, 3 sentinels, quorum 2, down-after
/// 1000 ms), subscribes from this process to every sentinel (`PSUBSCRIBE *`, the reference:
/// when the sentinels' own `+switch-master` reached a client), starts the release
/// `slotscope watch --sentinel` next to this binary with its stdout on a pipe read here, then
/// SIGKILLs the master. Per run: kill → first `+switch-master` any sentinel published (as
/// this process received it), kill → the `+switch-master` line on watch's stdout, and their
/// difference — Slotscope's own delay. Receive times here are ms (the I/O thread's stamp),
/// line times µs.
enum SentinelBenchmark {
    struct Settings: Sendable {
        var runs = 5
        var settle = "1s"
        var interval = "1s"
        var slotscopePath: String?
        var inProcess = false
        var events = SentinelPathBenchmark.defaultEvents
        var iterations = 1_000
    }

    struct RunResult: Sendable {
        /// Kill → the first sentinel's `+switch-master`, received by this process.
        var sentinelsMilliseconds: Double
        /// Kill → the line on watch's stdout.
        var lineMilliseconds: Double
        var overheadMilliseconds: Double { lineMilliseconds - sentinelsMilliseconds }
    }

    static let help = """
    usage: slotscope-bench sentinel [--runs N] [--settle D] [--interval D] [--slotscope PATH]
           slotscope-bench sentinel --in-process [--iterations N] [--events PATH]

    Times `slotscope watch --sentinel` from a master's SIGKILL to its +switch-master line,
    minus the time the sentinels took (their own +switch-master, received by a PSUBSCRIBE
    listener in this process). Each run is a fresh group; --settle and --interval are passed
    to watch (defaults: watch's own, 1s and 1s).

    --in-process: no servers; a recorded failover's event copies through the watch's
    per-copy work (parse, dedup log, release, stories), N times (for callgrind: N and 0).
    """

    static func run(_ arguments: [String]) -> Int32 {
        var settings = Settings()
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            switch option {
            case "--runs": settings.runs = max(1, value.flatMap { Int($0) } ?? settings.runs); index += 1
            case "--settle": settings.settle = value ?? settings.settle; index += 1
            case "--interval": settings.interval = value ?? settings.interval; index += 1
            case "--slotscope": settings.slotscopePath = value; index += 1
            case "--in-process": settings.inProcess = true
            case "--events": settings.events = value ?? settings.events; index += 1
            case "--iterations": settings.iterations = max(0, value.flatMap { Int($0) } ?? settings.iterations); index += 1
            case "--help", "-h": CheckBenchmark.say(help); return 0
            default:
                CheckBenchmark.say("slotscope-bench sentinel: unknown option \(option) (see --help)")
                return 2
            }
            index += 1
        }
        if settings.inProcess { return SentinelPathBenchmark.run(eventsPath: settings.events, iterations: settings.iterations) }
        let slotscope = settings.slotscopePath ?? CheckBenchmark.siblingExecutable("slotscope")
        guard access(slotscope, X_OK) == 0 else {
            CheckBenchmark.say("slotscope-bench sentinel: no executable at \(slotscope); run `swift build -c release --product slotscope` (or pass --slotscope PATH)")
            return 2
        }
        let binaries: RedisBinaries
        do { binaries = try RedisBinaries.locate() } catch {
            CheckBenchmark.say("slotscope-bench sentinel: \(error)")
            return 2
        }
        CheckBenchmark.say("slotscope: \(slotscope)\nwatch --settle \(settings.settle) --interval \(settings.interval); "
            + "\(CheckBenchmark.cores()) cores, load average at start \(CheckBenchmark.loadAverage())")
        var results: [RunResult] = []
        let fixed = settings
        for run in 1...settings.runs {
            let outcome = BlockingTask.run { () -> Result<RunResult, BenchError> in
                var outcome: Result<RunResult, BenchError>
                do {
                    outcome = .success(try await measure(slotscope: slotscope, binaries: binaries, settings: fixed))
                } catch {
                    outcome = .failure(error as? BenchError ?? BenchError("\(error)"))
                }
                return outcome
            }
            switch outcome {
            case .success(let result):
                results.append(result)
                CheckBenchmark.say("run \(run): sentinels' +switch-master \(format(result.sentinelsMilliseconds)) ms after SIGKILL, "
                    + "watch's line \(format(result.lineMilliseconds)) ms; slotscope's delay \(format(result.overheadMilliseconds)) ms")
            case .failure(let error):
                CheckBenchmark.say("run \(run) failed: \(error)")
                return 1
            }
        }
        let overheads = results.map(\.overheadMilliseconds)
        let median = Measure.median(overheads)
        CheckBenchmark.say("""

        \(results.count) runs, load average at end \(CheckBenchmark.loadAverage())
        sentinels' +switch-master after SIGKILL: median \(format(Measure.median(results.map(\.sentinelsMilliseconds)))) ms
        watch's +switch-master line after SIGKILL: median \(format(Measure.median(results.map(\.lineMilliseconds)))) ms
        slotscope's delay (line − sentinels): median \(format(median)) ms, min \(format(overheads.min() ?? 0)) ms, max \(format(overheads.max() ?? 0)) ms
        bar ≤ 50 ms median: \(median <= 50 ? "holds" : "missed")
        """)
        return 0
    }

    static func format(_ value: Double) -> String { String(Double(Int((value * 10).rounded())) / 10) }

    /// One run on a fresh group.
    static func measure(slotscope: String, binaries: RedisBinaries, settings: Settings) async throws -> RunResult {
        let sandbox = try Sandbox(binaries: binaries)
        let group = try await sandbox.startSentinelGroup(replicas: 2, sentinels: 3, quorum: 2, downAfterMilliseconds: 1000,
                                                         failoverTimeoutMilliseconds: 10000)
        let listener = SwitchListener(ports: group.sentinels.map(\.port))
        defer { listener.stop() }
        try await waitFor("the listener's subscriptions", seconds: 10) { listener.subscribedCount == group.sentinels.count }

        let seed = "127.0.0.1:\(group.sentinels[0].port)"
        let errors = sandbox.root + "/watch.stderr"
        let watch = try StampedProcess(slotscope, ["watch", "--sentinel", seed, "--settle", settings.settle,
                                                   "--interval", settings.interval], standardErrorPath: errors)
        defer { watch.stop() }
        // Its header goes to stderr once the first poll is done and the subscriptions started.
        try await waitFor("watch's header on stderr", seconds: 15) {
            (try? String(contentsOfFile: errors, encoding: .utf8))?.contains("watching") ?? false
        }
        try await Task.sleep(for: .seconds(2))

        let killedAt = wallMicroseconds()
        guard group.master.kill() else { throw BenchError("could not SIGKILL the master") }
        try await waitFor("+switch-master on watch's stdout", seconds: 40) { watch.first(containing: "  +switch-master ") != nil }
        try await waitFor("+switch-master at the listener", seconds: 5) { listener.firstSwitch != nil }
        let line = watch.first(containing: "  +switch-master ")!
        let received = listener.firstSwitch!
        await sandbox.stopAll()
        return RunResult(sentinelsMilliseconds: Double(received * 1000 - killedAt) / 1000,
                         lineMilliseconds: Double(line.microseconds - killedAt) / 1000)
    }

    static func waitFor(_ what: String, seconds: Double, _ condition: () -> Bool) async throws {
        let deadline = wallMicroseconds() + Int64(seconds * 1_000_000)
        while !condition() {
            guard wallMicroseconds() < deadline else { throw BenchError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

/// `PSUBSCRIBE *` on every sentinel from this process: when the first `+switch-master` arrived.
final class SwitchListener: Sendable {
    private let subscriptions: [Subscription]
    private let tasks: [Task<Void, Never>]
    private let state = Shared<(subscribed: Set<Int>, firstSwitch: Int64?)>(([], nil))

    init(ports: [Int]) {
        var subscriptions: [Subscription] = []
        var tasks: [Task<Void, Never>] = []
        let state = self.state
        for port in ports {
            let subscription = Subscription(endpoint: Endpoint(host: "127.0.0.1", port: port), keepAlive: nil)
            subscriptions.append(subscription)
            tasks.append(Task { [state] in
                for await event in subscription.events {
                    switch event {
                    case .subscribed:
                        state.lock.withLock { _ = $0.subscribed.insert(port) }
                    case .message(let frame, let receivedAt):
                        guard (try? SentinelMessage(frame: frame))?.event?.type == .switchMaster else { continue }
                        state.lock.withLock { $0.firstSwitch = min($0.firstSwitch ?? receivedAt, receivedAt) }
                    case .lost:
                        break
                    }
                }
            })
        }
        self.subscriptions = subscriptions
        self.tasks = tasks
    }

    var subscribedCount: Int { state.lock.withLock { $0.subscribed.count } }

    /// Unix ms of the first `+switch-master` copy received.
    var firstSwitch: Int64? { state.lock.withLock { $0.firstSwitch } }

    func stop() {
        for subscription in subscriptions { subscription.stop() }
        for task in tasks { task.cancel() }
    }
}
