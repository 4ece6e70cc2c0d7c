import Foundation

/// Everything that can go wrong while starting, poking or stopping sandbox servers.
/// Every case renders a message that says what failed and what to do about it.
public enum SandboxError: Error, CustomStringConvertible, Sendable {
    /// A Redis binary could not be found; `hint` names the packages to install.
    case binaryMissing(name: String, searched: [String], hint: String)
    /// No port (and its cluster bus port) was bindable on 127.0.0.1 in the allocator's range.
    case noFreePort
    /// `posix_spawn` (or a pipe or temp-dir call before it) failed.
    case spawnFailed(executable: String, errno: Int32)
    /// A server exited before it became ready. `logTail` holds the end of its logfile.
    case serverExited(port: Int, status: String, logTail: String)
    /// Something did not happen within its deadline. `lastObservation` says what was seen last.
    case timeout(what: String, seconds: Double, lastObservation: String)
    /// A helper command (`redis-cli`, `openssl`) failed or printed an error reply.
    case commandFailed(command: String, exitStatus: Int32, output: String)
    /// The requested topology or options make no sense (e.g. a cluster with no masters).
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .binaryMissing(name, searched, hint):
            return "\(name) not found (searched \(searched.joined(separator: ", "))). \(hint)"
        case .noFreePort:
            return "no free port pair (port and port+10000) on 127.0.0.1 in \(PortAllocator.range)"
        case let .spawnFailed(executable, code):
            return "could not start \(executable): \(String(cString: strerror(code)))"
        case let .serverExited(port, status, logTail):
            return "server on port \(port) exited before it was ready (\(status)); log tail:\n\(logTail)"
        case let .timeout(what, seconds, last):
            return "timed out after \(seconds)s waiting for \(what); last seen: \(last)"
        case let .commandFailed(command, status, output):
            return "`\(command)` failed (exit \(status)): \(output)"
        case let .invalidConfiguration(message):
            return "invalid sandbox configuration: \(message)"
        }
    }
}
