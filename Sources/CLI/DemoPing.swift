import Sandbox
import Wire

/// The demo without a terminal: every server of the sandbox pinged at once (as `slotscope
/// ping` does), printed cluster first, then the Sentinel group's data nodes and sentinels.
enum DemoPing {
    /// Prints each report (or error) under its heading; returns how many did not answer.
    static func printAll(_ servers: DemoServers) async -> Int {
        var sections = [("cluster (\(servers.cluster.nodes.count) nodes):", servers.cluster.nodes.map(\.port))]
        if let group = servers.group {
            sections.append(("Sentinel group \(group.masterName) (\(group.dataNodes.count) data nodes):",
                             group.dataNodes.map(\.port)))
            sections.append(("sentinels of \(group.masterName) (\(group.sentinels.count), quorum \(group.quorum)):", group.sentinels.map(\.port)))
        }
        let endpoints = sections.flatMap(\.1).map { Endpoint(host: "127.0.0.1", port: $0) }
        let options = ConnectionOptions(connectTimeout: .seconds(2), requestTimeout: .seconds(2))
        let reports = await withTaskGroup(of: (Int, Result<ProbeReport, WireError>).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask { (index, await NodeProbe.probeResult(endpoint, options: options)) }
            }
            var results = [Result<ProbeReport, WireError>?](repeating: nil, count: endpoints.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        var failures = 0
        var next = 0
        for (heading, ports) in sections {
            printNow(heading + "\n")
            for result in reports[next..<next + ports.count] {
                switch result {
                case .success(let report): printNow(report.text + "\n")
                case .failure(let error): failures += 1; printNow("error: \(error)\n")
                }
            }
            next += ports.count
        }
        return failures
    }
}
