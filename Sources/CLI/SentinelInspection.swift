import ClusterModel
import Operations
import Wire

/// A `SentinelPoller` on the groups behind the seed sentinels: the shared start of
/// `check`, `snapshot` and `watch` with `--sentinel` (or from a data node whose sentinels
/// were found on `__sentinel__:hello`).
struct SentinelInspection {
    let seeds: [Endpoint]
    let masterNames: [String]?
    /// The options of the sentinel connections (the watcher subscribes with them).
    let options: ConnectionOptions
    /// Connections to the sentinels.
    let pool: ConnectionPool
    /// Connections to the data nodes (the same pool unless sentinel credentials differ).
    let dataPool: ConnectionPool
    let poller: SentinelPoller
    /// The data node the group was found from, when it was not given by --sentinel.
    var via: String? = nil
    /// True when the sentinels have a login of their own (--sentinel-user/--sentinel-pass/--sentinel-no-auth).
    var ownCredentials = false

    /// The seeds as the user gave them (or the data node they were found from), for headers and errors.
    var target: String {
        let sentinels = seeds.map(\.description).joined(separator: ", ")
        return via.map { "\($0) (sentinel\(seeds.count == 1 ? "" : "s") \(sentinels))" } ?? sentinels
    }

    static func start(_ request: ConnectionRequest, seeds: [Endpoint], masterNames: [String],
                      inspection: InspectionFlags, sentinelAccess: SentinelAccess? = nil) throws(CLIError) -> SentinelInspection {
        var options = try request.connectionOptions()
        options.readOnly = true  // inspection only reads, whatever the session allows
        let sentinelOptions = try sentinelAccess?.options(from: options) ?? options
        let map: AddressMap
        do {
            map = try AddressMap(inspection.maps)
        } catch {
            throw CLIError.usage("--map: \(error.description)")
        }
        let pool = ConnectionPool(options: sentinelOptions, addressMap: map)
        let dataPool = sentinelAccess == nil ? pool : ConnectionPool(options: options, addressMap: map)
        let names = masterNames.isEmpty ? nil : masterNames
        return SentinelInspection(seeds: seeds, masterNames: names, options: sentinelOptions, pool: pool, dataPool: dataPool,
                                  poller: SentinelPoller(seeds: seeds, masterNames: names, pool: pool, dataPool: dataPool),
                                  ownCredentials: sentinelAccess?.login != nil)
    }

    /// Closes every connection of the session.
    func close() {
        pool.closeAll()
        dataPool.closeAll()
    }

    /// The first poll; exit 2 with one line when no seed answers, or when no sentinel
    /// monitors the group asked for.
    func firstPoll() async throws(CLIError) -> SentinelPollCycle {
        let cycle = await poller.poll()
        let seedAddresses = Set(seeds.map { NodeAddress(host: $0.host, port: $0.port) })
        let seedRows = cycle.snapshot.sentinels.filter { seedAddresses.contains($0.address) }
        if !seedRows.isEmpty, seedRows.allSatisfy({ $0.failure != nil }) {
            if let refused = seedRows.first(where: { if case .authentication? = $0.failure { true } else { false } }),
               case .authentication(let message)? = refused.failure {
                throw CLIError(Self.loginFailure(refused.address, message: message, ownCredentials: ownCredentials))
            }
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

    /// One line for a sentinel that refused to log us in: NOAUTH or WRONGPASS, named for the
    /// sentinel, and which flags set the sentinels' credentials (not --user/--pass).
    static func loginFailure(_ sentinel: NodeAddress, message: String, ownCredentials: Bool) -> String {
        let what = message.contains("NOAUTH") ? "requires a password (NOAUTH)"
            : message.contains("WRONGPASS") ? "rejected the user name or password (WRONGPASS)"
            : "refused to log in (\(message))"
        let hint = ownCredentials
            ? "check --sentinel-user and the sentinel password (--sentinel-pass-file, \(SentinelAccess.environmentVariable) or --sentinel-pass)"
            : "sentinels take their own credentials with --sentinel-user and --sentinel-pass-file, "
                + "\(SentinelAccess.environmentVariable) or --sentinel-pass, or --sentinel-no-auth "
                + "(--user/--pass are sent to them only when none of those is given)"
        return "sentinel \(sentinel) \(what): \(hint)"
    }
}
