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

    @Flag(name: .customLong("redis-6"), help: "Leave out rules for commands added in Redis 7.0.")
    var redis6 = false

    func run() {
        print(MonitoringACL.setUser(user, sentinel: sentinel, redis70: !redis6).joined(separator: " "))
    }
}
