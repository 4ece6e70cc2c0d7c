import ArgumentParser

/// Flags of the commands that inspect a whole cluster (check, snapshot, watch, record).
struct InspectionFlags: ParsableArguments {
    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("Reach an announced address through another: FROM=TO, e.g. 10.244.3.239:6379=127.0.0.1:7001 or a CIDR 10.244.0.0/16=127.0.0.1 (repeatable).", valueName: "FROM=TO"))
    var maps: [String] = []

    @Flag(name: .customLong("single-endpoint"),
          help: "Inspect through the given node only; report the others instead of dialing them.")
    var singleEndpoint = false
}
