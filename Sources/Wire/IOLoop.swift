#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Something the loop polls: a connection. All of its methods run on the loop thread.
protocol LoopClient: AnyObject {
    /// The socket and `poll` events wanted now, or nil while not on a socket.
    var pollRequest: (fd: Int32, events: Int16)? { get }
    /// The nearest moment (monotonic ns) at which `handleDeadline` must run, if any.
    var nextDeadline: UInt64? { get }
    func handle(fd: Int32, events: Int16, scratch: UnsafeMutableRawBufferPointer)
    func handleDeadline(now: UInt64)
}

/// One thread running `poll(2)` over every connection's non-blocking socket, plus a
/// wake-up pipe for work posted from other threads. Sending one command to 200
/// nodes costs about one round trip, not 200, and no thread per connection.
///
/// The poll timeout is the nearest deadline of any connection, so a server that
/// accepts and never answers gives a timeout on time. Loops run for the life of the
/// process; most code should use `IOLoop.shared`.
///
/// SIGPIPE: the loop never lets a write raise it — plaintext and TLS bytes alike go
/// out through `send(…, MSG_NOSIGNAL)` (TLS uses memory BIOs, OpenSSL never touches
/// the socket), so Wire does not depend on the process ignoring SIGPIPE.
public final class IOLoop: Sendable {
    /// The process-wide loop.
    public static let shared = IOLoop()

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let wakePending = Atomic<Bool>(false)
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let state = LoopState()

    /// Starts a new loop thread.
    public init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "cannot create the I/O loop's wake-up pipe: \(errnoText(errno))")
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        startDetachedThread { [self] in self.run() }
    }

    /// Runs `job` on the loop thread, soon, in the order jobs were posted.
    func execute(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// Loop thread only.
    func register(_ client: LoopClient) {
        state.clients[ObjectIdentifier(client)] = client
    }

    /// Loop thread only.
    func unregister(_ client: LoopClient) {
        state.clients[ObjectIdentifier(client)] = nil
    }

    /// How many connections are registered now (tests: a stopped subscription or a
    /// closed connection must leave none behind).
    func registeredClientCount() async -> Int {
        await withCheckedContinuation { continuation in
            execute { [state] in continuation.resume(returning: state.clients.count) }
        }
    }

    private func run() {
        var descriptors: [pollfd] = []
        var polled: [LoopClient] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        while true {
            runJobs()
            descriptors.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            var nearest = UInt64.max
            for client in state.clients.values {
                if let request = client.pollRequest {
                    descriptors.append(pollfd(fd: request.fd, events: request.events, revents: 0))
                    polled.append(client)
                }
                if let deadline = client.nextDeadline { nearest = min(nearest, deadline) }
            }
            var timeout: Int32 = -1
            if nearest != .max {
                let now = monotonicNow()
                // Round up: waking a millisecond early would only spin once more.
                timeout = nearest <= now ? 0 : Int32(clamping: (nearest - now + 999_999) / 1_000_000)
            }
            let count = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if count < 0, errno != EINTR { fatalError("poll failed: \(errnoText(errno))") }
            if count > 0 {
                if descriptors[0].revents != 0 { drainWakePipe() }
                for index in polled.indices where descriptors[index + 1].revents != 0 {
                    polled[index].handle(fd: descriptors[index + 1].fd, events: descriptors[index + 1].revents, scratch: scratch)
                }
            }
            let now = monotonicNow()
            for client in Array(state.clients.values) {
                if let deadline = client.nextDeadline, deadline <= now { client.handleDeadline(now: now) }
            }
        }
    }

    private func runJobs() {
        wakePending.store(false, ordering: .sequentiallyConsistent)
        let pending = jobs.withLock { jobs in
            let taken = jobs
            jobs.removeAll(keepingCapacity: true)
            return taken
        }
        for job in pending { job() }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }
}

/// The loop's registry of clients.
/// `@unchecked Sendable`: only the loop thread reads or writes `clients` (in `run`, and in
/// `register`/`unregister`, which are called only from jobs and handlers on that thread).
private final class LoopState: @unchecked Sendable {
    var clients: [ObjectIdentifier: LoopClient] = [:]
}
