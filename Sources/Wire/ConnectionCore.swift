#if canImport(Glibc)
import Glibc
#endif
import RESP
import Synchronization

/// The state machine of one connection: DNS → TCP connect → TLS handshake → HELLO/AUTH
/// → ready, then pipelined requests with replies matched FIFO. Any timeout, protocol
/// error or broken stream closes the socket and fails every outstanding request; the
/// next request reconnects, after a backoff.
///
/// Subscription mode (PSUBSCRIBE to Sentinels, see `Subscription`): with a
/// `SubscriptionSink`, `deliver` hands `message`/`pmessage` frames (RESP3 pushes or RESP2
/// arrays) to the sink before matching replies; the subscribe commands themselves are an
/// ordinary request whose confirmations are its replies. Any failure schedules a
/// resubscribe once the backoff has passed (the connection is dialed again by the
/// `.idle` deadline, not by a caller's request), and a quiet connection is checked with
/// a PING after `keepAlive`, so a stopped server is noticed within keep-alive + timeout.
///
/// `@unchecked Sendable`: every mutable field is touched only on the loop thread — all
/// entry points are `LoopClient` callbacks or run inside `loop.execute` jobs. Other threads
/// only hold the reference to post jobs. `session` is the one field read elsewhere and sits
/// in a `Mutex`.
final class ConnectionCore: LoopClient, @unchecked Sendable {
    let endpoint: Endpoint
    let options: ConnectionOptions
    let loop: IOLoop
    /// What the last successful handshake negotiated; readable from any thread.
    let session = Mutex<SessionInfo?>(nil)

    private enum Phase { case idle, resolving, connecting, tlsHandshake, handshaking, ready }
    private var phase = Phase.idle
    private var fd: Int32 = -1
    private var addresses: [SocketAddress] = []
    private var lastConnectErrno: Int32 = 0
    /// Bumped by every attempt: DNS answers for an older attempt are dropped.
    private var attempt = 0
    private var connectDeadline: UInt64 = 0
    private var tls: TLSSession?
    private var firstTLSByte: UInt8?
    private var parser: RESPParser
    private var plainOut: [UInt8] = []
    private var rawOut: [UInt8] = []
    private var rawOutSent = 0
    private var waiting: [PendingRequest] = []
    private var inflight: [PendingRequest] = []
    private var repliesOnThisConnection = 0
    private var handshake: Handshake?
    private var closedByOwner = false
    private var backoff: Duration
    private var lastFailure: WireError?
    private var retryAt: UInt64 = 0
    /// Set for a subscription connection; nil for request/reply connections.
    private let subscription: SubscriptionSink?

    init(endpoint: Endpoint, options: ConnectionOptions, loop: IOLoop, subscription: SubscriptionSink? = nil) {
        self.endpoint = endpoint
        self.options = options
        self.loop = loop
        self.subscription = subscription
        self.parser = RESPParser(limits: options.limits)
        self.backoff = options.reconnectBackoffMin
    }

    // MARK: - Entry points (loop thread)

    /// Queues a request; connects first when needed.
    func enqueue(_ request: PendingRequest) {
        request.enqueued = true
        if request.cancelled { return request.finish(.failure(.cancelled)) }
        if closedByOwner { return request.finish(.failure(.closed)) }
        // Checked here so a refused command does not even open a connection; the binding
        // check is the one in `transmit`, which every byte passes through.
        if let refusal = ReadOnlyGuard.refusal(for: request.commands, readOnly: options.readOnly) {
            return request.finish(.failure(refusal))
        }
        if phase == .idle, let lastFailure, monotonicNow() < retryAt {
            return request.finish(.failure(lastFailure))
        }
        waiting.append(request)
        switch phase {
        case .idle: beginConnect()
        case .ready: flushWaiting()
        case .handshaking where speculates: if transmitWaiting(speculatively: true) { flushOut() }
        default: break
        }
    }

    func cancel(_ request: PendingRequest) {
        request.cancelled = true
        guard request.enqueued else { return }  // `enqueue` will see the flag
        if let index = waiting.firstIndex(where: { $0 === request }) { waiting.remove(at: index) }
        request.finish(.failure(.cancelled))  // if written, it stays in `inflight` to swallow its replies
    }

    /// Closes for good: outstanding and later requests fail with `.closed`; a
    /// subscription's stream finishes.
    func shutdown() {
        guard !closedByOwner else { return }
        closedByOwner = true
        attempt += 1
        failAll(.closed, backoff: false)
        loop.unregister(self)
        subscription?.finish()
    }

    // MARK: - Subscription (loop thread)

    /// Sends the subscribe commands (connecting first when needed).
    func startSubscription() {
        guard let sink = subscription, !closedByOwner else { return }
        sink.resubscribeAt = nil
        let request = PendingRequest(commands: sink.commands, completion: { [self] result in
            switch result {
            case .success:
                sink.subscribed = true
                sink.lastActivity = monotonicNow()
                sink.report(.subscribed)
            case .failure(.refusedInReadOnlyMode(let command)):
                sink.report(.lost(.refusedInReadOnlyMode(command: command)))
                shutdown()
            case .failure(let error):
                subscriptionLost(error)
            }
        })
        enqueue(request)
    }

    /// The subscribed connection (or an attempt to make one) failed: say so once, and
    /// try again when the backoff allows.
    private func subscriptionLost(_ error: WireError) {
        guard let sink = subscription, !closedByOwner else { return }
        sink.subscribed = false
        sink.report(.lost(error))
        if sink.resubscribeAt == nil { sink.resubscribeAt = max(retryAt, monotonicNow()) }
    }

    /// When the keep-alive PING of a quiet subscription is due.
    private var keepAliveDue: UInt64? {
        guard let sink = subscription, sink.subscribed, phase == .ready, inflight.isEmpty,
              let keepAlive = sink.keepAlive else { return nil }
        return sink.lastActivity &+ keepAlive.nanoseconds
    }

    var pollRequest: (fd: Int32, events: Int16)? {
        guard fd >= 0 else { return nil }
        switch phase {
        case .idle, .resolving: return nil
        case .connecting: return (fd, Int16(POLLOUT))
        case .tlsHandshake, .handshaking, .ready:
            return (fd, Int16(POLLIN) | (rawOutSent < rawOut.count ? Int16(POLLOUT) : 0))
        }
    }

    var nextDeadline: UInt64? {
        switch phase {
        case .idle: return subscription?.resubscribeAt
        case .resolving, .connecting, .tlsHandshake: return connectDeadline
        case .handshaking, .ready: return inflight.first?.deadline ?? keepAliveDue
        }
    }

    func handleDeadline(now: UInt64) {
        switch phase {
        case .idle:
            if let due = subscription?.resubscribeAt, due <= now { startSubscription() }
        case .resolving: fail(.connectTimeout(endpoint, stage: .dns, after: options.connectTimeout))
        case .connecting: fail(.connectTimeout(endpoint, stage: .tcp, after: options.connectTimeout))
        case .tlsHandshake: fail(.connectTimeout(endpoint, stage: .tls, after: options.connectTimeout))
        case .handshaking, .ready:
            if inflight.isEmpty, let due = keepAliveDue, due <= now, let sink = subscription {
                sink.lastActivity = now  // one PING per quiet period; its own deadline guards it
                return enqueue(PendingRequest(commands: [RESPCommand("PING")], completion: nil))
            }
            guard let head = inflight.first, head.deadline <= now else { return }
            fail(.readTimeout(endpoint, command: head.awaitedCommandText, after: options.requestTimeout))
        }
    }

    func handle(fd: Int32, events: Int16, scratch: UnsafeMutableRawBufferPointer) {
        guard fd == self.fd, fd >= 0 else { return }
        if phase == .connecting {
            let code = socketError(fd)
            if code == 0 { return connected() }
            closeSocket()
            lastConnectErrno = code
            return tryNextAddress()
        }
        if events & Int16(POLLOUT) != 0 { flushRaw() }
        if fd == self.fd, events & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0 { readAvailable(scratch) }
    }

    // MARK: - Connecting

    private func beginConnect() {
        attempt += 1
        phase = .resolving
        connectDeadline = monotonicNow() &+ options.connectTimeout.nanoseconds
        repliesOnThisConnection = 0
        if endpoint.isIPLiteral {
            return resolved(attempt: attempt, resolve(endpoint))
        }
        // getaddrinfo blocks: run it on its own thread and post the answer back.
        let current = attempt
        let endpoint = endpoint
        startDetachedThread { [self] in
            let result = resolve(endpoint)
            loop.execute { self.resolved(attempt: current, result) }
        }
    }

    private func resolved(attempt: Int, _ result: Result<[SocketAddress], WireError>) {
        guard attempt == self.attempt, phase == .resolving else { return }
        switch result {
        case .failure(let error): fail(error)
        case .success(let list):
            addresses = list
            lastConnectErrno = 0
            tryNextAddress()
        }
    }

    private func tryNextAddress() {
        guard !addresses.isEmpty else {
            let error: WireError = lastConnectErrno == ECONNREFUSED
                ? .connectionRefused(endpoint)
                : .connectFailed(endpoint, message: errnoText(lastConnectErrno).lowercased())
            return fail(error)
        }
        let address = addresses.removeFirst()
        switch startConnect(to: address) {
        case .inProgress(let socket):
            fd = socket
            phase = .connecting
        case .connected(let socket):
            fd = socket
            connected()
        case .failed(let code):
            lastConnectErrno = code
            tryNextAddress()
        }
    }

    private func connected() {
        addresses = []
        guard options.tls.enabled else { return startHandshake() }
        do {
            tls = try TLSSession(context: try TLSContext.shared(for: options.tls), endpoint: endpoint, options: options.tls)
        } catch {
            return fail(error)
        }
        phase = .tlsHandshake
        firstTLSByte = nil
        advanceTLSHandshake()
    }

    private func advanceTLSHandshake() {
        guard let tls else { return }
        let result = tls.handshake()
        tls.takeCiphertext(into: &rawOut)
        switch result {
        case .wantRead:
            flushRaw()
        case .done:
            flushRaw()
            if phase == .tlsHandshake { startHandshake() }
        case .failed(let error):
            if let byte = firstTLSByte, !(0x14...0x17).contains(byte) { return fail(.doesNotSpeakTLS(endpoint)) }
            fail(error)
        }
    }

    private func startHandshake() {
        phase = .handshaking
        var machine = Handshake(endpoint: endpoint, options: options)
        let step = machine.start()
        handshake = machine
        apply(step)
    }

    /// Whether requests go out right behind `HELLO` instead of waiting for its reply (one
    /// round trip less per new connection). Only without a password: should the server fall
    /// back to RESP2, the commands have run unauthenticated exactly as they would after the
    /// fallback, and their RESP2 replies read the same; with a password they would have met
    /// `NOAUTH`. Never for subscriptions, whose confirmations depend on the protocol.
    private var speculates: Bool {
        subscription == nil && options.credentials.password == nil
    }

    private func apply(_ step: Handshake.Step) {
        switch step {
        case .send(let commands):
            let request = PendingRequest(commands: commands, isHandshake: true, completion: nil)
            guard transmit(request) else { return }
            if speculates { transmitWaiting(speculatively: true) }
            flushOut()  // the handshake and any speculated requests in one write
        case .done(let info):
            handshake = nil
            phase = .ready
            session.withLock { $0 = info }
            backoff = options.reconnectBackoffMin
            lastFailure = nil
            flushWaiting()
        case .fail(let error):
            fail(error)
        }
    }

    // MARK: - Writing

    /// The single choke point between requests and the socket: the read-only guard is
    /// applied here, to caller requests and handshake commands alike, before encoding.
    /// Returns false when the request was refused (and completed with the refusal).
    private func transmit(_ request: PendingRequest) -> Bool {
        if let refusal = ReadOnlyGuard.refusal(for: request.commands, readOnly: options.readOnly) {
            if request.isHandshake { fail(refusal) } else { request.finish(.failure(refusal)) }
            return false
        }
        if request.commands.isEmpty {  // `connect()`: nothing to send, the connection is ready
            request.finish(.success([]))
            return false
        }
        for command in request.commands { command.encode(into: &plainOut) }
        request.deadline = monotonicNow() &+ options.requestTimeout.nanoseconds
        inflight.append(request)
        return true
    }

    private func flushWaiting() {
        if transmitWaiting() { flushOut() }
    }

    /// Encodes every waiting request; true when any was written to the buffer. Speculatively
    /// (the handshake not answered yet), a `connect()` request, which has nothing to send and
    /// asks only that the connection be up, keeps waiting for the handshake's verdict.
    @discardableResult
    private func transmitWaiting(speculatively: Bool = false) -> Bool {
        let batch = waiting
        waiting = []
        var wrote = false
        for request in batch where !request.finished {
            if speculatively && request.commands.isEmpty {
                waiting.append(request)
            } else if transmit(request) {
                wrote = true
            }
        }
        return wrote
    }

    private func flushOut() {
        guard !plainOut.isEmpty else { return flushRaw() }
        if let tls {
            let failure = plainOut.withUnsafeBytes { tls.encrypt($0) }
            plainOut.removeAll(keepingCapacity: true)
            if let failure { return fail(.tlsFailure(endpoint, reason: failure)) }
            tls.takeCiphertext(into: &rawOut)
        } else if rawOutSent == rawOut.count {
            swap(&rawOut, &plainOut)
            plainOut.removeAll(keepingCapacity: true)
            rawOutSent = 0
        } else {
            rawOut.append(contentsOf: plainOut)
            plainOut.removeAll(keepingCapacity: true)
        }
        flushRaw()
    }

    private func flushRaw() {
        while rawOutSent < rawOut.count, fd >= 0 {
            let sent = rawOut.withUnsafeBytes { sendNoSignal(fd, UnsafeRawBufferPointer(rebasing: $0[rawOutSent...])) }
            if sent > 0 {
                rawOutSent += sent
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return }
            return transportError(code)
        }
        if rawOutSent >= rawOut.count {
            rawOut.removeAll(keepingCapacity: rawOut.capacity <= 1 << 20)
            rawOutSent = 0
        }
    }

    // MARK: - Reading

    private func readAvailable(_ scratch: UnsafeMutableRawBufferPointer) {
        while fd >= 0 {
            let count = recv(fd, scratch.baseAddress, scratch.count, 0)
            if count > 0 {
                ingest(UnsafeRawBufferPointer(rebasing: scratch[0..<count]), scratch: scratch)
                if count < scratch.count { return }
                continue
            }
            if count == 0 { return peerClosed() }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return }
            return transportError(code)
        }
    }

    private func ingest(_ bytes: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer) {
        guard let tls else {
            parser.append(bytes)
            return parseReplies()
        }
        if phase == .tlsHandshake, firstTLSByte == nil, let first = bytes.first {
            firstTLSByte = first
            // A TLS record starts with 0x14…0x17; "-ERR …" or "+OK" means a plaintext server.
            if !(0x14...0x17).contains(first) { return fail(.doesNotSpeakTLS(endpoint)) }
        }
        tls.feed(bytes)  // copies: `scratch` is free again below
        if phase == .tlsHandshake {
            advanceTLSHandshake()
            guard phase == .handshaking || phase == .ready else { return }
        }
        let result = tls.decrypt(scratch: scratch) { parser.append($0) }
        tls.takeCiphertext(into: &rawOut)  // post-handshake messages (key updates, alerts)
        if rawOutSent < rawOut.count { flushRaw() }
        parseReplies()
        guard fd >= 0 else { return }
        switch result {
        case .wantRead: break
        case .closed: peerClosed()
        case .failed(let reason): fail(.tlsFailure(endpoint, reason: reason))
        }
    }

    private func parseReplies() {
        while fd >= 0 {
            let value: RESPValue?
            do {
                value = try parser.next()
            } catch {
                return fail(classify(error))
            }
            guard let value else { return }
            repliesOnThisConnection += 1
            subscription?.lastActivity = monotonicNow()
            deliver(value)
        }
    }

    private func classify(_ error: RESPParseError) -> WireError {
        switch error {
        case .bulkTooLong, .aggregateTooLong, .tooManyElements, .replyTooLarge:
            return .replyTooLarge(endpoint, error)
        case .unknownType(let byte) where tls == nil && repliesOnThisConnection == 0 && (0x14...0x17).contains(byte):
            return .probablySpeaksTLS(endpoint)  // a TLS alert or record where RESP was expected
        default:
            return .protocolError(endpoint, error)
        }
    }

    private func deliver(_ value: RESPValue) {
        if let sink = subscription, SubscriptionSink.isMessage(value) {
            return sink.report(.message(value, receivedAt: wallClockMilliseconds()))
        }
        guard let head = inflight.first else {
            // Out-of-band RESP3 data (e.g. tracking invalidations): no one asked, keep in step.
            if case .push = value.withoutAttributes { return }
            return fail(.unexpectedReply(endpoint))
        }
        if case .push = value.withoutAttributes, !Self.repliesWithPush(head.commands[head.replies.count]) {
            return
        }
        head.replies.append(value)
        guard head.replies.count == head.commands.count else { return }
        inflight.removeFirst()
        if head.isHandshake, var machine = handshake {
            let step = machine.receive(head.replies)
            handshake = machine
            apply(step)
        } else {
            head.finish(.success(head.replies))
        }
    }

    /// In RESP3 the confirmations of (un)subscribe commands are push messages.
    private static func repliesWithPush(_ command: RESPCommand) -> Bool {
        ["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE"].contains(command.name)
    }

    // MARK: - Failure

    private func peerClosed() {
        switch phase {
        case .tlsHandshake:
            fail(.tlsHandshakeFailed(endpoint, reason: "the server closed the connection during the handshake"))
        case .handshaking, .ready:
            if repliesOnThisConnection == 0 { return fail(closedBeforeFirstReply) }
            if phase == .ready, inflight.isEmpty, subscription == nil {
                // An idle connection the server closed (timeout, CLIENT KILL): reconnect on demand.
                closeSocket()
                phase = .idle
                return
            }
            fail(.connectionClosed(endpoint))
        default:
            fail(.connectionClosed(endpoint))
        }
    }

    private func transportError(_ code: Int32) {
        let reset = code == ECONNRESET || code == EPIPE
        if reset, repliesOnThisConnection == 0, phase == .handshaking || phase == .ready {
            return fail(closedBeforeFirstReply)
        }
        if reset, phase == .tlsHandshake {
            return fail(.tlsHandshakeFailed(endpoint, reason: "connection reset by the server"))
        }
        fail(reset ? .connectionReset(endpoint) : .socketError(endpoint, message: errnoText(code)))
    }

    /// A server that hangs up before its first reply is refusing the transport itself:
    /// a TLS port seeing plaintext, or a TLS server refusing us after its handshake
    /// (with TLS 1.3 a missing client certificate shows up here, often as a bare reset).
    private var closedBeforeFirstReply: WireError {
        guard tls != nil else { return .probablySpeaksTLS(endpoint) }
        return .tlsHandshakeFailed(endpoint, reason: "the server closed the connection right after the handshake"
            + " (it may require a client certificate — add --cert and --key)")
    }

    /// Closes the stream and fails everything outstanding with `error`; the next request
    /// reconnects once the backoff has passed.
    private func fail(_ error: WireError) {
        failAll(error, backoff: true)
    }

    private func failAll(_ error: WireError, backoff applyBackoff: Bool) {
        closeSocket()
        phase = .idle
        handshake = nil
        session.withLock { $0 = nil }
        if applyBackoff {
            lastFailure = error
            retryAt = monotonicNow() &+ backoff.nanoseconds
            backoff = min(backoff * 2, options.reconnectBackoffMax)
        }
        let victims = inflight + waiting
        inflight = []
        waiting = []
        for request in victims { request.finish(.failure(error)) }
        subscriptionLost(error)
    }

    private func closeSocket() {
        if fd >= 0 { close(fd) }
        fd = -1
        tls = nil
        parser = RESPParser(limits: options.limits)
        plainOut.removeAll()
        rawOut.removeAll()
        rawOutSent = 0
    }
}
