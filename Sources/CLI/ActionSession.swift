import ClusterModel
import Operations
import Wire

/// A writable connection pool and a key-counting poller on the cluster behind one seed:
/// the start of every action. Never created in read-only mode (actions refuse first).
struct ActionSession {
    let request: ConnectionRequest
    let pool: ConnectionPool
    let maps: [String]
    /// MIGRATE's own timeout: the session's --timeout.
    let migrateTimeoutMilliseconds: Int
    /// Every command of the session that may change a server, with its reply.
    let commandLog: CommandLogFile

    /// - Parameter movesKeys: false for actions without MIGRATE (failover): requests then
    ///   keep the plain --timeout, so a stopped node delays each poll by no more than that.
    /// - Parameter journalDirectory: where `commands.log` goes (`--journal`); the default
    ///   journal folder when nil.
    static func start(_ request: ConnectionRequest, maps: [String], movesKeys: Bool = true,
                      journalDirectory: String? = nil) async throws(CLIError) -> ActionSession {
        var options = try request.connectionOptions()
        // A MIGRATE batch may take up to its own timeout: give the request room beyond it.
        if movesKeys { options.requestTimeout = request.timeout * 2 + .seconds(1) }
        let map: AddressMap
        do {
            map = try AddressMap(maps)
        } catch {
            throw CLIError.usage("--map: \(error.description)")
        }
        let log = CommandLogFile(path: journalDirectory.map { $0 + "/commands.log" }
                                     ?? CommandLogFile.defaultPath(environment: ProcessEnvironment.current))
        let pool = ConnectionPool(options: options, addressMap: map, commandLog: log)
        do {
            try await pool.connection(to: request.endpoint).connect()
        } catch {
            throw CLIError(error.description)
        }
        let milliseconds = Int(request.timeout.wholeMilliseconds)
        return ActionSession(request: request, pool: pool, maps: maps, migrateTimeoutMilliseconds: max(100, milliseconds),
                             commandLog: log)
    }

    /// Opens the command log before anything is sent: an action that cannot log does not run.
    func openCommandLog() throws(CLIError) {
        try Self.open(commandLog)
    }

    static func open(_ log: CommandLogFile) throws(CLIError) {
        do {
            try log.open()
        } catch {
            throw CLIError(error.description + " — every changing command is logged: set XDG_STATE_HOME to a writable folder; "
                           + "nothing was sent", exitCode: 2)
        }
    }

    /// One poll (with the key census unless `countKeys` is false), refusing a seed that is
    /// not a cluster node.
    func poll(fresh: Bool = false, countKeys: Bool = true) async throws(CLIError) -> PollCycle {
        let poller = ClusterPoller(seeds: [request.endpoint], pool: pool, settings: PollSettings(countKeys: countKeys))
        let cycle = await poller.poll()
        if let kind = await poller.seedKind, let explanation = kind.explanation(address: request.address) {
            throw CLIError(explanation)
        }
        return cycle
    }
}
