import ArgumentParser
import Screens

/// `slotscope replay FILE`: plays a recording in the inspector, without any server.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play a recording from `slotscope record` in the inspector; no servers needed.",
        discussion: """
        The polls come out at their recorded pace: space pauses and plays, . or n shows the next \
        poll, + and - change the speed. Every screen works as live, on the recorded data; nothing \
        is sent anywhere and no action is offered. A Sentinel recording (`record --sentinel`) \
        plays in the Sentinel inspector, with the sentinels' events and failover stories on \
        Events. For post-mortems and bug reports.
        """)

    @Argument(help: "A file written by `slotscope record FILE HOST:PORT` or `record FILE --sentinel HOST:PORT` (or `watch --record FILE`).")
    var file: String

    @Option(help: "Start at this speed: 0.25, 0.5, 1, 2, 4 … 64 times the recorded pace.")
    var speed: Double = 1

    @Flag(help: "Start paused (step with . or n).")
    var paused = false

    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR); meaning is carried by text and marks.")
    var noColor = false

    @Flag(help: "ASCII lines and marks only, even in a UTF-8 locale.")
    var ascii = false

    func validate() throws {
        guard ReplayState.speeds.contains(speed) else {
            throw CLIError.usage("--speed \(speed): use one of "
                + ReplayState.speeds.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", "))
        }
    }

    func run() async throws {
        let recording = try ReplayFile.open(file)
        try InspectorApp.requireTerminal()
        var replay = ReplayState(source: file, frames: recording.source)
        replay.speed = speed
        replay.paused = paused
        let exit = try await InspectorApp.run(InspectorApp.Feed(first: nil, poll: nil, countKeys: nil),
                                              configuration: InspectorApp.Configuration(
                                                  target: "replay of \(recording.target)", readOnly: true,
                                                  mode: recording.mode, interval: .seconds(1),
                                                  terminal: InteractiveSession.terminal(noColor: noColor, ascii: ascii),
                                                  replay: replay))
        if case .signal(let signal) = exit { InspectorApp.reraise(signal) }
    }
}
