import Foundation

/// Hands out TCP ports on 127.0.0.1 for sandbox servers.
///
/// Ports come from `range` (below 22768, so the cluster bus port `port + 10000` stays below
/// 32768 and out of Linux's ephemeral range). A port is handed out only if both it and
/// `port + 10000` can be bound right now. One process-wide allocator (`shared`) walks the range
/// from a random start and never repeats a port until the range wraps, so parallel tests in one
/// process never collide and parallel test processes rarely do (a server that still loses a race
/// is restarted on another port by `Sandbox`).
public final class PortAllocator: Sendable {
    /// The ports handed out: 12000..<22768.
    public static let range: Range<Int> = 12000..<22768
    /// Offset of the Redis Cluster bus port.
    public static let busPortOffset = 10000
    /// The process-wide allocator.
    public static let shared = PortAllocator()

    private let next: Locked<Int>

    /// An allocator starting at a random port in `range` (or at `start`, for tests).
    public init(start: Int? = nil) {
        next = Locked(start ?? Int.random(in: Self.range))
    }

    /// Returns a port whose port and bus port are both bindable on 127.0.0.1.
    public func allocate() throws -> Int {
        for _ in 0..<Self.range.count {
            let candidate = next.withLock { value -> Int in
                let port = value
                value = port + 1 >= Self.range.upperBound ? Self.range.lowerBound : port + 1
                return port
            }
            if Self.isBindable(candidate) && Self.isBindable(candidate + Self.busPortOffset) {
                return candidate
            }
        }
        throw SandboxError.noFreePort
    }

    /// Whether a TCP socket can bind `port` on `address` right now (with SO_REUSEADDR, as
    /// redis-server does, so a port in TIME_WAIT counts as free).
    public static func isBindable(_ port: Int, address: String = "127.0.0.1") -> Bool {
        guard port > 0 && port < 65536 else { return false }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else { return false }
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
