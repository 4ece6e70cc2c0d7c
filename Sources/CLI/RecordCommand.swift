import ArgumentParser
import Operations

/// `slotscope record FILE HOST:PORT`: watch and record every poll for a later replay.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record every poll of a cluster to FILE (JSON lines) while printing its events.")

    @Argument(help: "The file to write.")
    var file: String

    @Argument(help: "A cluster node, as HOST:PORT.")
    var address: String?

    @Option(help: "Time between polls, e.g. 1s or 500ms.")
    var interval = "1s"

    @Option(help: "Stop after this many polls (default: run until interrupted).")
    var count: Int?

    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let pause = try DurationParsing.parse(interval, flag: "--interval")
        let recorder = try Recorder(path: file, target: request.address)
        let session = try await Inspection.start(request, flags: inspection, countKeys: false)
        try await WatchCommand.watch(session, pause: pause, count: count, recorder: recorder) { events in
            for event in events { printNow(EventLine(event).text) }
        }
    }
}
