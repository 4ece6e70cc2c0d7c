import RESP
import Synchronization

/// One `Connection` per endpoint, created on first use and kept for reuse, all on one loop.
///
/// Endpoints are the ones nodes announce; with an `AddressMap` the connection dials the
/// mapped address (and its `endpoint`, and the errors it throws, name that address).
public final class ConnectionPool: ConnectionProviding {
    public let options: ConnectionOptions
    public let addressMap: AddressMap
    /// Given to every connection: the command log of an action's session.
    public let commandLog: (any CommandLogging)?
    private let loop: IOLoop
    private let connections = Mutex<[Endpoint: Connection]>([:])

    public init(options: ConnectionOptions = ConnectionOptions(), addressMap: AddressMap = .identity, loop: IOLoop = .shared,
                commandLog: (any CommandLogging)? = nil) {
        self.options = options
        self.addressMap = addressMap
        self.loop = loop
        self.commandLog = commandLog
    }

    /// The pooled connection to the node announced as `endpoint`.
    public func connection(to endpoint: Endpoint) -> Connection {
        connections.withLock { pool in
            if let existing = pool[endpoint] { return existing }
            let connection = Connection(endpoint: addressMap.map(endpoint), options: options, loop: loop, commandLog: commandLog)
            pool[endpoint] = connection
            return connection
        }
    }

    public func sender(for endpoint: Endpoint) -> any CommandSending {
        connection(to: endpoint)
    }

    /// Closes and forgets the connection to `endpoint` (e.g. a node that left the cluster).
    public func remove(_ endpoint: Endpoint) {
        connections.withLock { $0.removeValue(forKey: endpoint) }?.close()
    }

    public func closeAll() {
        let all = connections.withLock { pool in
            defer { pool.removeAll() }
            return Array(pool.values)
        }
        for connection in all { connection.close() }
    }
}

extension ConnectionProviding {
    /// Sends `command` to every endpoint at once: all requests are written in the same
    /// loop turn, so the whole costs about one round trip (bounded by the timeouts).
    public func fanOut(_ command: RESPCommand, to endpoints: [Endpoint]) async -> [Endpoint: Result<RESPValue, WireError>] {
        await withTaskGroup(of: (Endpoint, Result<RESPValue, WireError>).self) { group in
            for endpoint in Set(endpoints) {
                let sender = sender(for: endpoint)
                group.addTask { (endpoint, await sender.sendResult(command)) }
            }
            var results: [Endpoint: Result<RESPValue, WireError>] = [:]
            for await (endpoint, result) in group { results[endpoint] = result }
            return results
        }
    }

    /// Sends the same pipeline to every endpoint at once.
    public func fanOut(_ commands: [RESPCommand], to endpoints: [Endpoint]) async -> [Endpoint: Result<[RESPValue], WireError>] {
        await withTaskGroup(of: (Endpoint, Result<[RESPValue], WireError>).self) { group in
            for endpoint in Set(endpoints) {
                let sender = sender(for: endpoint)
                group.addTask { (endpoint, await sender.pipelineResult(commands)) }
            }
            var results: [Endpoint: Result<[RESPValue], WireError>] = [:]
            for await (endpoint, result) in group { results[endpoint] = result }
            return results
        }
    }
}

extension CommandSending {
    /// `send`, with its outcome as a value. Fan-out children use this rather than a
    /// `do throws(WireError)` block inside the child closure: Swift 6.3.1 miscompiles that
    /// form in release builds (a crash copying the child's result).
    public func sendResult(_ command: RESPCommand) async -> Result<RESPValue, WireError> {
        do {
            return .success(try await send(command))
        } catch {
            return .failure(error)
        }
    }

    /// `pipeline`, with its outcome as a value (see `sendResult`).
    public func pipelineResult(_ commands: [RESPCommand]) async -> Result<[RESPValue], WireError> {
        do {
            return .success(try await pipeline(commands))
        } catch {
            return .failure(error)
        }
    }
}
