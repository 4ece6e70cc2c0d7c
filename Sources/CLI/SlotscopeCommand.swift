import ArgumentParser

/// The `slotscope` command line: a terminal inspector for Redis Cluster and Sentinel.
public struct SlotscopeCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "slotscope",
        abstract: "Inspect and repair Redis Cluster and Redis Sentinel from a terminal.",
        discussion: """
        Connection flags follow redis-cli: -h HOST -p PORT, -u redis://…, --user, \
        --askpass, REDISCLI_AUTH, --tls with --cacert/--cert/--key. Passwords on the \
        command line are visible in ps: prefer REDISCLI_AUTH, --askpass or --pass-file.
        """,
        version: version,
        subcommands: [AclCommand.self],
        // -h is the host, as in redis-cli; help is --help only.
        helpNames: [.long])

    public init() {}
}
