#if canImport(Glibc)
import Glibc
#endif
import COpenSSL
import RESP
import Synchronization
import Testing
@testable import Wire

/// A scripted server on 127.0.0.1 (port chosen by the kernel) for what a real Redis
/// cannot do on purpose: stall, reset, send garbage, close without replying.
/// Each accepted connection runs `handler` on its own thread with blocking I/O
/// (reads give up after 10 s, so a broken test cannot hang the suite).
final class FakeServer: Sendable {
    let port: Int
    private let listener: Int32
    private let bytes = Mutex<[UInt8]>([])
    private let accepted = Atomic<Int>(0)
    private let accepting: Bool

    var endpoint: Endpoint { Endpoint(host: "127.0.0.1", port: port) }
    /// Everything every client sent, in arrival order.
    var received: [UInt8] { bytes.withLock { $0 } }
    var receivedText: String { String(decoding: received, as: UTF8.self) }
    /// Connections accepted so far.
    var connectionCount: Int { accepted.load(ordering: .sequentiallyConsistent) }

    /// `accept: false` listens but never accepts: the kernel still completes TCP
    /// handshakes (like a SIGSTOPped server), and nothing is ever read or answered.
    init(accept: Bool = true, backlog: Int32 = 64, tls: FakeTLSContext? = nil, handler: @escaping @Sendable (FakePeer) -> Void = { _ in }) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        precondition(bound == 0 && listen(fd, backlog) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        accepting = accept
        guard accept else { return }
        startDetachedThread { [self] in
            while true {
                let client = Glibc.accept(fd, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    // Closed here, not in `stop`: closing there could let another test's
                    // listener reuse the descriptor number before this accept returns.
                    close(fd)
                    return
                }
                accepted.add(1, ordering: .sequentiallyConsistent)
                startDetachedThread { [self] in
                    let peer = FakePeer(fd: client, server: self)
                    if let tls, !peer.acceptTLS(tls) { return peer.close() }
                    handler(peer)
                    peer.close()
                }
            }
        }
    }

    /// Stops accepting (connections already accepted run on).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))  // wakes `accept` with EINVAL, now or when it is called
        if !accepting { close(listener) }
    }

    fileprivate func record(_ chunk: ArraySlice<UInt8>) {
        bytes.withLock { $0.append(contentsOf: chunk) }
    }
}

/// A loopback port that refuses connections: bound but not listening, and held, so no
/// other test (or test process) can take it over while it is in use.
final class RefusingPort: Sendable {
    let endpoint: Endpoint
    private let fd: Int32

    init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        precondition(ok)
        endpoint = Endpoint(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)))
    }

    func release() { close(fd) }
}

/// One accepted client, used on its handler's thread only.
final class FakePeer {
    let fd: Int32
    private let server: FakeServer
    private var parser = RESPParser()
    private var closed = false
    /// Set after a TLS handshake: reads and writes then go through OpenSSL.
    private var ssl: OpaquePointer?

    fileprivate init(fd: Int32, server: FakeServer) {
        self.fd = fd
        self.server = server
        // Long enough that a starved client on a loaded machine is not taken for a dead one.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Server side of a TLS handshake (blocking). OpenSSL writes to the socket itself
    /// here, so SIGPIPE is blocked for this thread: a client that hangs up gives EPIPE,
    /// and the test process never depends on ignoring SIGPIPE (Wire must not either).
    func acceptTLS(_ context: FakeTLSContext) -> Bool {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        guard let ssl = SSL_new(context.pointer) else { return false }
        SSL_set_fd(ssl, fd)
        self.ssl = ssl
        return SSL_accept(ssl) == 1
    }

    /// The next command as strings, nil when the client is gone.
    func readCommand() -> [String]? {
        while true {
            if let value = (try? parser.next()) ?? nil {
                return value.elements?.compactMap(\.string) ?? []
            }
            guard let chunk = readRaw() else { return nil }
            parser.append(chunk)
        }
    }

    /// Whatever bytes arrive next, nil on EOF.
    func readRaw() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let count = ssl.map { Int(SSL_read($0, &buffer, Int32(buffer.count))) } ?? recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        server.record(buffer[0..<count])
        return Array(buffer[0..<count])
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                ssl.map { Int(SSL_write($0, raw.baseAddress! + offset, Int32(bytes.count - offset))) }
                    ?? send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Answers like a Redis 7 server: HELLO (RESP3 map), PING, ECHO, CLIENT, AUTH; until EOF.
    func serveLikeRedis() {
        while let command = readCommand() { answer(command) }
    }

    func answer(_ command: [String]) {
        switch command.first?.uppercased() ?? "" {
        case "HELLO": write(FakePeer.helloReply)
        case "PING": write("+PONG\r\n")
        case "ECHO": write("$\(command[1].utf8.count)\r\n\(command[1])\r\n")
        case "CLIENT", "AUTH": write("+OK\r\n")
        default: write("-ERR unknown command '\(command.first ?? "")'\r\n")
        }
    }

    static let helloReply = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
        + "$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:42\r\n$4\r\nmode\r\n$7\r\ncluster\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
        + "$7\r\nmodules\r\n*0\r\n"

    /// Waits until the client goes away, answering nothing.
    func stall() {
        while readRaw() != nil {}
    }

    /// Closes with an RST instead of a FIN (SO_LINGER 0).
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    func close() {
        guard !closed else { return }
        closed = true
        if let ssl { SSL_free(ssl) }
        Glibc.close(fd)
    }
}

/// Options for tests: no backoff; a request timeout of 30 s unless a test is about timeouts
/// and passes a short `timeout` (the fake server's threads can wait seconds for a core when
/// the 2-core machine is loaded).
func testOptions(timeout: Duration = .seconds(30), _ change: (inout ConnectionOptions) -> Void = { _ in }) -> ConnectionOptions {
    var options = ConnectionOptions(connectTimeout: .seconds(5), requestTimeout: timeout,
                                    reconnectBackoffMin: .zero, reconnectBackoffMax: .zero)
    change(&options)
    return options
}

/// RESP2 without a name: the first bytes on the wire are the caller's own command.
func withoutHandshake(_ options: inout ConnectionOptions) {
    options.preferRESP3 = false
    options.clientName = nil
}

/// The error `body` throws, or nil when it succeeds.
/// (Closures infer `throws(any Error)`; the cast recovers the typed error.)
func failure<T>(_ body: () async throws -> T) async -> WireError? {
    do {
        _ = try await body()
        return nil
    } catch let error as WireError {
        return error
    } catch {
        Issue.record("not a WireError: \(error)")
        return nil
    }
}
