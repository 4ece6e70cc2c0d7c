import ArgumentParser
import ClusterModel
import Operations
import RESP
import Wire

/// `slotscope explain "<error>" [HOST:PORT]`: what an error means, and which cause holds here.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an error users paste (MOVED, CLUSTERDOWN, LOADING, …); given a node, say which cause holds now.",
        discussion: "Known errors: " + ErrorExplanation.known.joined(separator: ", ") + ".")

    @Argument(help: "The error text, quoted, e.g. \"MOVED 1545 10.244.3.239:6379\".")
    var error: String

    @Argument(help: "A cluster node to check the causes against (optional).")
    var address: String?

    @OptionGroup var inspection: InspectionFlags
    @OptionGroup var connection: ConnectionFlags

    func run() async throws {
        guard let explanation = ErrorExplanation.match(error) else {
            throw CLIError.usage("unknown error \"\(error.prefix(60))\"; it explains: "
                + ErrorExplanation.known.joined(separator: ", "))
        }
        var lines = [explanation.title, "  " + explanation.meaning, "", "Likely causes:"]
        for (index, cause) in explanation.causes.enumerated() { lines.append("  \(index + 1). \(cause.text)") }
        printNow(lines.joined(separator: "\n"))
        guard address != nil || connection.isTargetGiven else { return }

        let request = try connection.resolve(address: address, environment: ProcessEnvironment.current)
        if let warning = request.passwordSource?.warning { printError(warning) }
        let session = try await Inspection.start(request, flags: inspection, countKeys: false)
        let cycle = try await session.firstPoll()
        let found = findings(cycle.snapshot)
        var report = ["", "In the cluster at \(request.address) now:"]
        for cause in explanation.causes where !cause.confirmedBy.isEmpty {
            let evidence = found.filter { cause.confirmedBy.contains($0.kind) && $0.severity >= .warning }
            if evidence.isEmpty {
                report.append("  [not seen] \(cause.text)")
            } else {
                report.append("  [HOLDS]    \(cause.text)")
                for finding in evidence.prefix(5) {
                    report.append("             - \(finding.title)")
                    if let fix = finding.fix { report.append("               fix: \(fix.summary)") }
                }
            }
        }
        if let slot = explanation.slot {
            report.append(contentsOf: await slotFacts(slot, claimed: explanation.address, cycle: cycle, pool: session.pool))
        }
        session.pool.closeAll()
        printNow(report.joined(separator: "\n"))
    }

    /// Who owns the slot, and whether the address the error named can be reached from here.
    private func slotFacts(_ slot: Int, claimed: NodeAddress?, cycle: PollCycle, pool: ConnectionPool) async -> [String] {
        guard (0..<clusterSlotCount).contains(slot) else { return ["  slot \(slot) is not a cluster slot (0-16383)"] }
        var lines: [String] = []
        if let owner = cycle.snapshot.owner(ofSlot: slot), let node = cycle.snapshot.node(owner) {
            let name = node.hostname.map { "\($0):\(node.address.port)" } ?? node.address.description
            lines.append("  slot \(slot) belongs to \(owner.description.prefix(8)) at \(name) (\(node.reachability == .reachable ? "reachable from here" : "NOT reachable from here"))")
        } else {
            lines.append("  slot \(slot) has no owner: clients get CLUSTERDOWN Hash slot not served")
        }
        if let claimed {
            let endpoint = Endpoint(host: claimed.host, port: claimed.port)
            switch await pool.connection(to: endpoint).sendResult(RESPCommand("PING")) {
            case .success:
                lines.append("  \(claimed) answers from here")
            case .failure(let error):
                let mapped = pool.addressMap.map(endpoint)
                lines.append("  \(claimed) cannot be reached from here: \(error)")
                if mapped == endpoint {
                    lines.append("    fix: reach it through an address you can: --map \(claimed)=HOST:PORT (e.g. a kubectl port-forward), or run slotscope inside the cluster's network")
                }
            }
        }
        return lines
    }
}

extension ConnectionFlags {
    /// True when a node was named with -h, -p or -u.
    var isTargetGiven: Bool { host != nil || port != nil || uri != nil }
}
