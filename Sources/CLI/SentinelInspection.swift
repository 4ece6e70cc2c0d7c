import ClusterModel
import Operations
import Wire

/// A `SentinelPoller` on the groups behind the seed sentinels: the shared start of
/// `check`, `snapshot` and `watch` with `--sentinel`.
struct SentinelInspection {
    let seeds: [Endpoint]
    let masterNames: [String]?
    let options: ConnectionOptions
    let pool: ConnectionPool
    let poller: SentinelPoller

    /// The seeds as the user gave them, for headers and errors.
    var target: String { seeds.map(\.description).joined(separator: ", ") }

    static func start(_ request: ConnectionRequest, seeds: [Endpoint], masterNames: [String],
                      inspection: InspectionFlags) throws(CLIError) -> SentinelInspection {
        var options = try request.connectionOptions()
        options.readOnly = true  // inspection only reads, whatever the session allows
        let map: AddressMap
        do {
            map = try AddressMap(inspection.maps)
        } catch {
            throw CLIError.usage("--map: \(error.description)")
        }
        let pool = ConnectionPool(options: options, addressMap: map)
        let names = masterNames.isEmpty ? nil : masterNames
        return SentinelInspection(seeds: seeds, masterNames: names, options: options, pool: pool,
                                  poller: SentinelPoller(seeds: seeds, masterNames: names, pool: pool))
    }

    /// The first poll; exit 2 with one line when no seed answers, or when no sentinel
    /// monitors the group asked for.
    func firstPoll() async throws(CLIError) -> SentinelPollCycle {
        let cycle = await poller.poll()
        let seedAddresses = Set(seeds.map { NodeAddress(host: $0.host, port: $0.port) })
        let seedRows = cycle.snapshot.sentinels.filter { seedAddresses.contains($0.address) }
        if !seedRows.isEmpty, seedRows.allSatisfy({ $0.failure != nil }) {
            let reasons = seedRows.map { "\($0.address): \($0.failure!)" }.joined(separator: "; ")
            throw CLIError("cannot reach any sentinel (\(reasons))")
        }
        if let masterNames {
            // A group row exists even when every sentinel answered "-ERR No such master".
            let missing = masterNames.filter { name in
                !(cycle.snapshot.group(name)?.opinions.contains { $0.state != nil || $0.master != nil } ?? false)
            }
            if !missing.isEmpty {
                throw CLIError("no sentinel at \(target) monitors \(missing.joined(separator: ", "))"
                    + " (SENTINEL MASTERS lists the names it knows)")
            }
        } else if cycle.snapshot.groups.isEmpty {
            throw CLIError("the sentinels at \(target) monitor no master"
                + " (is \(seeds.count == 1 ? "it" : "each") a sentinel? Sentinels usually listen on 26379)")
        }
        return cycle
    }
}
