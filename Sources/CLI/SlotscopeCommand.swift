import ArgumentParser

/// The `slotscope` command line: a terminal inspector for Redis Cluster and Sentinel.
public struct SlotscopeCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "slotscope",
        abstract: "Inspect and repair Redis Cluster and Redis Sentinel from a terminal.",
        discussion: """
        `slotscope HOST:PORT` opens the interactive inspector; the subcommands below work \
        without a terminal. Connection flags follow redis-cli: -h HOST -p PORT, -u redis://…, --user, \
        --askpass, REDISCLI_AUTH, --tls with --cacert/--cert/--key. Passwords on the \
        command line are visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file.
        """,
        version: version,
        // `slotscope HOST:PORT` is `slotscope inspect HOST:PORT`.
        subcommands: [InspectCommand.self, CheckCommand.self, FixCommand.self, ReshardCommand.self, FailoverCommand.self, SnapshotCommand.self, WatchCommand.self, RecordCommand.self, ReplayCommand.self, ExplainCommand.self, PingCommand.self, DemoCommand.self, AclCommand.self],
        defaultSubcommand: InspectCommand.self,
        // -h is the host, as in redis-cli; help is --help only.
        helpNames: [.long])

    public init() {}

    /// Runs the command line. Every error is one line on stderr, `slotscope: …`;
    /// usage and connection errors exit 2 (as `check` documents), help and version 0.
    public static func run(arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseQuickly(arguments ?? Array(CommandLine.arguments.dropFirst()))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as ExitCode {
            // check's documented status (1: problems found): the report already said why.
            return exit.rawValue
        } catch let error as CLIError {
            printError("slotscope: " + error.message)
            return error.exitCode
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            printError("slotscope: " + message + " (see slotscope --help)")
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

extension SlotscopeCommand {
    /// Tokens whose handling needs the whole command tree (help, version, completions).
    private static let treeTokens: Set<String> = ["--help", "-help", "--version", "help", "--generate-completion-script",
                                                  "--experimental-dump-help"]

    /// `parseAsRoot`, with a shortcut for the common case `slotscope SUBCOMMAND ARGS…`: the
    /// subcommand is parsed on its own, which spares ArgumentParser building the argument set
    /// of the default subcommand (the inspector's, the largest) and probing for completion
    /// requests: a quarter of the instructions of a `check` that fails to connect. Anything the shortcut
    /// cannot parse goes through the whole tree, so errors, help and usage read as before.
    static func parseQuickly(_ arguments: [String]) throws -> ParsableCommand {
        if let name = arguments.first,
           let subcommand = configuration.subcommands.first(where: { $0._commandName == name }),
           subcommand != InspectCommand.self,
           !arguments.contains(where: { treeTokens.contains($0) || $0.hasPrefix("--generate-completion") }),
           let command = try? subcommand.parse(Array(arguments.dropFirst())) {
            return command
        }
        return try parseAsRoot(arguments)
    }
}
