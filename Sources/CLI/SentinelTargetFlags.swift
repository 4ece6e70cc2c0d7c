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

    @Option(name: .customLong("sentinel-port"), parsing: .singleValue,
            help: ArgumentHelp("From a data node: the port the sentinels listen on, tried at the IPs its CLIENT LIST gives "
                + "(repeatable; default 26379). Otherwise they are heard on __sentinel__:hello within 2 s.", valueName: "PORT"))
    var sentinelPorts: [Int] = []

    @Option(name: .customLong("sentinel-user"),
            help: ArgumentHelp("ACL user on the sentinels, when it differs from the data nodes' --user "
                + "(its password: --sentinel-pass-file, SLOTSCOPE_SENTINEL_AUTH or --sentinel-pass).", valueName: "NAME"))
    var sentinelUser: String?

    @Option(name: .customLong("sentinel-pass"),
            help: ArgumentHelp("Password for the sentinels (visible in ps: prefer SLOTSCOPE_SENTINEL_AUTH or --sentinel-pass-file). "
                + "Without it the sentinels get the data nodes' credentials.", valueName: "PASSWORD"))
    var sentinelPassword: String?

    @Option(name: .customLong("sentinel-pass-file"),
            help: ArgumentHelp("Read the sentinels' password from the first line of FILE.", valueName: "FILE"))
    var sentinelPasswordFile: String?

    @Flag(name: .customLong("sentinel-no-auth"),
          help: "The sentinels need no password even though the data nodes do: send them no AUTH.")
    var sentinelNoAuth = false

    /// How the sentinels' connections differ from the data nodes' (nil: not at all). Prints
    /// the `ps` warning for a password on the command line.
    func access(environment: [String: String]) throws(CLIError) -> SentinelAccess? {
        let access = try SentinelAccess.resolve(user: sentinelUser, password: sentinelPassword,
                                                passwordFile: sentinelPasswordFile, noAuth: sentinelNoAuth,
                                                environment: environment)
        if let warning = access?.warning { printError(warning) }
        return access
    }

    /// The ports probed at the sentinels' IPs from a data node's CLIENT LIST.
    func probePorts() throws(CLIError) -> [Int] {
        if let bad = sentinelPorts.first(where: { !(1...65535).contains($0) }) {
            throw CLIError.usage("--sentinel-port \(bad) is not a port from 1 to 65535")
        }
        return sentinelPorts.isEmpty ? [26379] : sentinelPorts
    }

    /// A usage error when --master-name was given for what turned out to be a cluster node.
    func refuseMasterNames(clusterNode address: String) throws(CLIError) {
        guard masterNames.isEmpty else {
            throw CLIError.usage("--master-name names a Sentinel group, but \(address) is a cluster node: drop --master-name")
        }
    }

    /// True when the command inspects sentinels rather than a cluster.
    var isGiven: Bool { !sentinels.isEmpty }

    /// The seed endpoints; a usage error for a malformed address, a `--master-name`
    /// without `--sentinel`, or a positional cluster address given too.
    func seeds(positional: String?) throws(CLIError) -> [Endpoint] {
        if sentinels.isEmpty {
            // With a positional data node, --master-name picks the group among those its sentinels announce.
            if !masterNames.isEmpty && positional == nil {
                throw CLIError.usage("--master-name needs --sentinel HOST:PORT, or a master or replica of the group as HOST:PORT")
            }
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
