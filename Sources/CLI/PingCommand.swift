import ArgumentParser
import Wire

/// `slotscope ping HOST:PORT`: can I reach this node, with these credentials and TLS settings?
struct PingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect to one node and report round trip, server, version, role, cluster mode and TLS.",
        discussion: "Exit status: 0 reachable, 2 cannot connect or bad usage.")

    @Argument(help: "The node, as HOST:PORT (default 127.0.0.1:6379 or -h/-p/-u).")
    var address: String?

    @Option(help: "How many PINGs to time.")
    var count = 5

    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let options = try request.connectionOptions()
        do {
            let report = try await NodeProbe.probe(request.endpoint, options: options, pings: max(1, min(count, 1000)))
            print(report.text)
        } catch {
            throw CLIError(error.description)
        }
    }
}
