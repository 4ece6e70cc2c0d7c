import ArgumentParser
import ClusterModel
import Foundation
import Operations

/// `slotscope watch HOST:PORT`: one line per event until interrupted, for logs and pipes.
/// Ctrl-C or SIGTERM ends it after the poll in flight, with exit status 0.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Poll a cluster and print one timestamped line per event (failover, pfail/fail, slot moves, …); with --sentinel (or from a master or replica), every sentinel's events, deduplicated.",
        discussion: "Runs until interrupted (or --count polls): Ctrl-C or SIGTERM stops it after the poll in flight, prints what is pending and exits 0. A header line goes to stderr; events to stdout.")

    @Argument(help: "A cluster node, or a standalone master or replica (its sentinels are found from it), as HOST:PORT.")
    var address: String?

    @Option(help: "Time between polls, e.g. 1s or 500ms.")
    var interval = "1s"

    @Option(help: "Stop after this many polls (default: run until interrupted).")
    var count: Int?

    @Flag(help: "One JSON object per event and line.")
    var json = false

    @Option(name: .customLong("record"), help: "Also record every poll to FILE (for `slotscope replay`).")
    var recordPath: String?

    @Option(help: "With --sentinel: how long to wait for the other sentinels' copies of an event before printing it, e.g. 1s or 0.")
    var settle = "1s"

    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        InterruptWatch.startForWatch()
        let seeds = try sentinel.seeds(positional: address)
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let pause = try DurationParsing.parse(interval, flag: "--interval")
        let sentinelAccess = try sentinel.access(environment: ProcessEnvironment.current)
        let settling = try Self.settle(settle)
        let session: Inspection
        let first: PollCycle
        switch try await InspectionTarget.open(request, seeds: seeds, sentinel: sentinel, sentinelAccess: sentinelAccess,
                                               inspection: inspection, countKeys: false) {
        case .cluster(let cluster, let cycle):
            (session, first) = (cluster, cycle)
        case .sentinels(let groups):
            let recorder = try recordPath.map { path throws(CLIError) in
                try SentinelRecorder(path: path, target: groups.target, masterNames: groups.masterNames)
            }
            return try await SentinelWatch.run(groups, pause: pause, count: count, settle: settling,
                                               json: json, recorder: recorder)
        case .plain(let plain):
            if recordPath != nil {
                throw CLIError.usage("--record needs a cluster or a Sentinel-monitored group; \(request.address) has no sentinels")
            }
            return await Self.watch(plain, pause: pause, count: count, json: json)
        }
        let recorder = try recordPath.map { path throws(CLIError) in try Recorder(path: path, target: request.address) }
        try await Self.watch(session, first: first, pause: pause, count: count, recorder: recorder) { events in
            for event in events {
                let line = EventLine(event)
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
            }
        }
    }

    /// `--settle`: a duration, or 0 for none.
    static func settle(_ text: String) throws(CLIError) -> Duration {
        ["0", "0s", "0ms"].contains(text) ? .zero : try DurationParsing.parse(text, flag: "--settle")
    }

    /// Polls every `pause` and hands each poll's events to `emit`; records when asked.
    static func watch(_ session: Inspection, first polled: PollCycle? = nil, pause: Duration, count: Int?, recorder: Recorder?,
                      emit: ([ClusterEvent]) -> Void) async throws(CLIError) {
        let first: PollCycle
        if let polled { first = polled } else { first = try await session.firstPoll() }
        try recorder?.write(first)
        let snapshot = first.snapshot
        printError("watching \(session.request.address): \(snapshot.nodes.count) nodes, "
            + "\(snapshot.masters.count) masters, every \(EventLine.seconds(pause)); Ctrl-C stops")
        InterruptWatch.startForWatch()
        defer { InterruptWatch.stop() }
        var polls = 1
        while count.map({ polls < $0 }) ?? true {
            await InterruptWatch.sleep(until: .now + pause)
            if Task.isCancelled || InterruptWatch.isRequested { break }
            let cycle = await session.poller.poll()
            polls += 1
            emit(cycle.events)
            try recorder?.write(cycle)
        }
    }
}

extension WatchCommand {
    /// `watch` on a replication group no sentinel watches: polls every `pause` and prints
    /// each change of a node's role, master, link or reachability.
    static func watch(_ plain: DataNodeEntry.PlainReplication, pause: Duration, count: Int?, json: Bool) async {
        let nodes = plain.first.snapshot.groups.flatMap(\.dataNodes)
        printError("watching the replication group of \(plain.first.snapshot.groups.first?.namedMaster?.description ?? "?") "
            + "via \(plain.target) (\(nodes.count) data nodes, no sentinel): polling every \(EventLine.seconds(pause)); Ctrl-C stops")
        var previous = plain.first.snapshot
        InterruptWatch.startForWatch()
        defer { InterruptWatch.stop() }
        var polls = 1
        while count.map({ polls < $0 }) ?? true {
            await InterruptWatch.sleep(until: .now + pause)
            if Task.isCancelled || InterruptWatch.isRequested { break }
            let cycle = await plain.poller.poll()
            polls += 1
            for line in ReplicationChangeLine.changes(from: previous, to: cycle.snapshot) {
                printNow(json ? JSONOutput.encode(line, pretty: false) : line.text)
            }
            previous = cycle.snapshot
        }
        plain.pool.closeAll()
    }
}

extension EventLine {
    static func seconds(_ duration: Duration) -> String {
        let ms = duration.wholeMilliseconds
        return ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"
    }
}
