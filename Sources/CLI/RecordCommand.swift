import ArgumentParser
import Operations

/// `slotscope record FILE HOST:PORT`: watch and record every poll for a later replay.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record every poll of a cluster to FILE (JSON lines) while printing its events; with --sentinel, every poll of the Sentinel groups and every sentinel's events.")

    @Argument(help: "The file to write.")
    var file: String

    @Argument(help: "A cluster node, as HOST:PORT.")
    var address: String?

    @Option(help: "Time between polls, e.g. 1s or 500ms.")
    var interval = "1s"

    @Option(help: "Stop after this many polls (default: run until interrupted).")
    var count: Int?

    @Option(help: "With --sentinel: how long to wait for the other sentinels' copies of an event before printing it, e.g. 1s or 0.")
    var settle = "1s"

    @OptionGroup var sentinel: SentinelTargetFlags
    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        InterruptWatch.startForWatch()
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let pause = try DurationParsing.parse(interval, flag: "--interval")
        let seeds = try sentinel.seeds(positional: address)
        if !seeds.isEmpty {
            let session = try SentinelInspection.start(request, seeds: seeds, masterNames: sentinel.masterNames,
                                                       inspection: inspection)
            let recorder = try SentinelRecorder(path: file, target: session.target, masterNames: session.masterNames)
            try await SentinelWatch.run(session, pause: pause, count: count,
                                        settle: try WatchCommand.settle(settle), json: false, recorder: recorder)
            printError(recorder.summary)
            return
        }
        let recorder = try Recorder(path: file, target: request.address)
        let session = try await Inspection.start(request, flags: inspection, countKeys: false)
        try await WatchCommand.watch(session, pause: pause, count: count, recorder: recorder) { events in
            for event in events { printNow(EventLine(event).text) }
        }
        printError(recorder.summary)
    }
}
