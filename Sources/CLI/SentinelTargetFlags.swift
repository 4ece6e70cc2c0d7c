import ArgumentParser
import Wire

/// `--sentinel HOST:PORT` (repeatable) and `--master-name NAME`: inspect Sentinel-monitored
/// groups instead of a cluster. Shared by check, snapshot and watch.
struct SentinelTargetFlags: ParsableArguments {
    @Option(name: .customLong("sentinel"), parsing: .singleValue,
            help: ArgumentHelp("A sentinel to start from, as HOST:PORT (default port 26379; repeatable). "
                + "The other sentinels and the data nodes are discovered from it.", valueName: "HOST:PORT"))
    var sentinels: [String] = []

    @Option(name: .customLong("master-name"), parsing: .singleValue,
            help: ArgumentHelp("The monitored group to inspect (repeatable; default: every group the sentinels monitor).",
                               valueName: "NAME"))
    var masterNames: [String] = []

    /// True when the command inspects sentinels rather than a cluster.
    var isGiven: Bool { !sentinels.isEmpty }

    /// The seed endpoints; a usage error for a malformed address, a `--master-name`
    /// without `--sentinel`, or a positional cluster address given too.
    func seeds(positional: String?) throws(CLIError) -> [Endpoint] {
        if sentinels.isEmpty {
            if !masterNames.isEmpty { throw CLIError.usage("--master-name needs --sentinel HOST:PORT") }
            return []
        }
        if let positional {
            throw CLIError.usage("give either a cluster node (\(positional)) or --sentinel, not both")
        }
        var result: [Endpoint] = []
        for text in sentinels {
            let split = try HostPort.split(text, defaultPort: 26379)
            result.append(Endpoint(host: split.host.isEmpty ? "127.0.0.1" : split.host, port: split.port ?? 26379))
        }
        return result
    }
}
