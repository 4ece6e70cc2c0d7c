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

    /// What the first poll found at the seed.
    enum FirstPoll {
        case cluster(PollCycle)
        /// A standalone master or replica, with the line that says so.
        case standalone(String)
    }

    /// The first poll; a standalone server is returned (for the data-node entry), anything
    /// else that is not a cluster node is refused with what it is instead.
    func firstPollOrStandalone() async throws(CLIError) -> FirstPoll {
        let cycle = await poller.poll()
        guard let kind = await poller.seedKind, let explanation = kind.explanation(address: request.address) else {
            return .cluster(cycle)
        }
        pool.closeAll()
        if case .standalone = kind { return .standalone(explanation) }
        throw CLIError(explanation)
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
