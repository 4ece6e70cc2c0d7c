#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds: deadlines never jump with the wall clock.
func monotonicNow() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
}

/// One resolved address, copied out of getaddrinfo's list.
struct SocketAddress: Sendable {
    var storage: sockaddr_storage
    var length: socklen_t
    var family: Int32
}

/// The text of an errno value ("Connection refused").
func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// Blocking name resolution. Called off the loop thread for names; for IP literals
/// (`AI_NUMERICHOST`) it does not block and may run anywhere.
func resolve(_ endpoint: Endpoint) -> Result<[SocketAddress], WireError> {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    // No AI_ADDRCONFIG: it ignores loopback, so in a pod or namespace with only `lo`
    // it hides the very addresses we need. Unusable families fail fast at connect.
    hints.ai_flags = endpoint.isIPLiteral ? AI_NUMERICHOST | AI_NUMERICSERV : AI_NUMERICSERV
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
    guard status == 0 else {
        let message = status == EAI_SYSTEM ? errnoText(errno) : String(cString: gai_strerror(status))
        return .failure(.dnsFailure(host: endpoint.host, message: message))
    }
    defer { freeaddrinfo(list) }
    var addresses: [SocketAddress] = []
    var cursor = list
    while let info = cursor {
        if let address = info.pointee.ai_addr, info.pointee.ai_addrlen <= MemoryLayout<sockaddr_storage>.size {
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(info.pointee.ai_addrlen)))
            }
            addresses.append(SocketAddress(storage: storage, length: info.pointee.ai_addrlen, family: info.pointee.ai_family))
        }
        cursor = info.pointee.ai_next
    }
    if addresses.isEmpty { return .failure(.dnsFailure(host: endpoint.host, message: "no addresses")) }
    return .success(addresses)
}

/// Outcome of starting a non-blocking connect.
enum ConnectStart {
    case inProgress(Int32)
    case connected(Int32)
    case failed(Int32)  // errno
}

/// Opens a non-blocking, close-on-exec TCP socket with TCP_NODELAY and starts connecting.
func startConnect(to address: SocketAddress) -> ConnectStart {
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    let fd = socket(address.family, type, 0)
    guard fd >= 0 else { return .failed(errno) }
    var one: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    var storage = address.storage
    let result = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, address.length) }
    }
    if result == 0 { return .connected(fd) }
    let code = errno
    if code == EINPROGRESS || code == EINTR {
        // On loopback the handshake has usually completed inside `connect` already: one
        // zero-timeout poll tells, and the request then goes out before the next node is
        // dialed, so servers start working while the rest are still being connected.
        // Reading SO_ERROR clears it, so a refusal found here is reported here.
        var probe = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&probe, 1, 0) == 1 else { return .inProgress(fd) }
        let pending = socketError(fd)
        if pending == 0 { return .connected(fd) }
        close(fd)
        return .failed(pending)
    }
    close(fd)
    return .failed(code)
}

/// The pending error of a socket whose connect has finished (0 when connected).
func socketError(_ fd: Int32) -> Int32 {
    var code: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    if getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { return errno }
    return code
}

/// `send` with MSG_NOSIGNAL: a peer that went away gives EPIPE, never SIGPIPE.
func sendNoSignal(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
}

/// Starts `body` on a new detached thread (the I/O loop, and blocking DNS lookups).
func startDetachedThread(_ body: @escaping @Sendable () -> Void) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    precondition(status == 0, "cannot start a thread: \(errnoText(status))")
    pthread_detach(thread)
}
