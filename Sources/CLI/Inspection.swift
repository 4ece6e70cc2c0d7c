import ClusterModel
import Operations
import Wire

/// A poller on the cluster behind one seed, after checking that the seed answers and is
/// a cluster node: the shared start of check, snapshot, watch and record.
struct Inspection {
    let request: ConnectionRequest
    let poller: ClusterPoller
    let pool: ConnectionPool

    /// Connects to the seed (a one-line error and exit 2 if it cannot) and makes the poller.
    static func start(_ request: ConnectionRequest, flags: InspectionFlags, countKeys: Bool) async throws(CLIError) -> Inspection {
        var options = try request.connectionOptions()
        options.readOnly = true  // inspection only reads, whatever the session allows
        let map: AddressMap
        do {
            map = try AddressMap(flags.maps)
        } catch {
            throw CLIError.usage("--map: \(error.description)")
        }
        let pool = ConnectionPool(options: options, addressMap: map)
        do {
            try await pool.connection(to: request.endpoint).connect()
        } catch {
            throw CLIError(error.description)
        }
        let settings = PollSettings(singleEndpoint: flags.singleEndpoint, countKeys: countKeys)
        return Inspection(request: request, poller: ClusterPoller(seeds: [request.endpoint], pool: pool, settings: settings), pool: pool)
    }

    /// The first poll, refusing an endpoint that is not a cluster node with what it is instead.
    func firstPoll() async throws(CLIError) -> PollCycle {
        let cycle = await poller.poll()
        if let kind = await poller.seedKind, let explanation = kind.explanation(address: request.address) {
            throw CLIError(explanation)
        }
        return cycle
    }
}
