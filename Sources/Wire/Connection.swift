import RESP
import Synchronization

/// An async connection to one Redis server or Sentinel, served by an `IOLoop`.
///
/// It connects lazily on the first request (or `connect()`), performs the HELLO/AUTH
/// handshake, pipelines concurrent requests on one socket, and reconnects after a
/// failure (new requests fail fast with that failure until the backoff has passed).
/// In read-only mode every command outside `ReadOnlyPolicy` is refused before a byte
/// is written. Safe to share between tasks.
public final class Connection: CommandSending {
    public let endpoint: Endpoint
    public let options: ConnectionOptions
    /// Where commands that may change the server go with their replies; nil: nowhere.
    public let commandLog: (any CommandLogging)?
    let core: ConnectionCore
    let loop: IOLoop

    public init(endpoint: Endpoint, options: ConnectionOptions = ConnectionOptions(), loop: IOLoop = .shared,
                commandLog: (any CommandLogging)? = nil) {
        self.endpoint = endpoint
        self.options = options
        self.commandLog = commandLog
        self.loop = loop
        let core = ConnectionCore(endpoint: endpoint, options: options, loop: loop)
        self.core = core
        loop.execute { loop.register(core) }
    }

    deinit {
        close()
    }

    /// What the current connection negotiated (protocol, server, version, mode, role);
    /// nil while not connected.
    public var session: SessionInfo? {
        core.session.withLock { $0 }
    }

    /// Connects and handshakes now, if not connected yet.
    @discardableResult
    public func connect() async throws(WireError) -> SessionInfo {
        _ = try await pipeline([])
        return session ?? SessionInfo(protocolVersion: 2)
    }

    public func send(_ command: RESPCommand) async throws(WireError) -> RESPValue {
        let replies = try await pipeline([command])
        guard let reply = replies.first else { throw .unexpectedReply(endpoint) }
        return reply
    }

    /// Writes all commands at once and returns their replies in order (error replies
    /// included as values). An empty list only makes sure the connection is up.
    public func pipeline(_ commands: [RESPCommand]) async throws(WireError) -> [RESPValue] {
        let result = await submit(commands)
        commandLog?.record(commands, to: endpoint, result)
        return try result.get()
    }

    /// Closes the socket; outstanding and later requests fail with `.closed`.
    public func close() {
        let core = core
        loop.execute { core.shutdown() }
    }

    private func submit(_ commands: [RESPCommand]) async -> Result<[RESPValue], WireError> {
        if Task.isCancelled { return .failure(.cancelled) }
        let core = core
        let loop = loop
        // The request is created first so the cancellation handler can name it.
        let box = RequestBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[RESPValue], WireError>, Never>) in
                let request = PendingRequest(commands: commands, completion: { continuation.resume(returning: $0) })
                box.set(request)
                loop.execute { core.enqueue(request) }
            }
        } onCancel: {
            if let request = box.get() { loop.execute { core.cancel(request) } }
        }
    }
}

/// Hands the request from the operation to the cancellation handler, which may run on
/// another thread, before or after the request exists.
private final class RequestBox: Sendable {
    private let request = Mutex<PendingRequest?>(nil)
    func set(_ value: PendingRequest) { request.withLock { $0 = value } }
    func get() -> PendingRequest? { request.withLock { $0 } }
}
