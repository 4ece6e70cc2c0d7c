import Wire

import ArgumentParser

/// `slotscope acl`: prints the ACL rules of a read-only monitoring user.
struct AclCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl",
        abstract: "Print the ACL rules of a read-only monitoring user for Slotscope.",
        discussion: """
        Run the printed command on every node (and, with --sentinel, on every sentinel), \
        replacing <password>. Slotscope then needs nothing more than this user to inspect; \
        actions need a user with the cluster commands they send.
        """)

    @Option(help: "The user name.")
    var user = "slotscope"

    @Flag(help: "Rules for sentinels instead of data nodes.")
    var sentinel = false

    @Option(name: .customLong("server-version"),
            help: "Oldest server version the rules must load on: 6.2, 7.0 or 7.2 (a server refuses rules naming commands it lacks).")
    var serverVersion = "7.0"

    func validate() throws {
        guard generation != nil else { throw CLIError.usage("--server-version \(serverVersion): use 6.2, 7.0 or 7.2") }
    }

    var generation: MonitoringACL.ServerGeneration? {
        ["6.2": .redis62, "7.0": .redis70, "7.2": .redis72][serverVersion]
    }

    func run() {
        print(MonitoringACL.setUser(user, sentinel: sentinel, generation: generation ?? .redis70).joined(separator: " "))
    }
}
