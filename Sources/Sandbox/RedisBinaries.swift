import Foundation

/// Absolute paths of the Redis executables the sandbox runs.
///
/// `locate()` searches `PATH`, then `/usr/bin` and `/usr/local/bin`, and fails with a message
/// naming the Debian packages to install.
public struct RedisBinaries: Sendable, Equatable {
    /// `redis-server`.
    public var server: String
    /// `redis-sentinel` (on Debian a separate package; a symlink to redis-server elsewhere).
    public var sentinel: String
    /// `redis-cli`, used by the control helper until the sandbox moves to Wire.
    public var cli: String

    public init(server: String, sentinel: String, cli: String) {
        self.server = server
        self.sentinel = sentinel
        self.cli = cli
    }

    /// What to run when a binary is missing.
    public static let installHint = "Install Redis: apt-get install -y redis-server redis-sentinel redis-tools"

    /// Finds all three binaries or throws `SandboxError.binaryMissing`.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RedisBinaries {
        let dirs = searchDirectories(environment: environment)
        func find(_ name: String) throws -> String {
            if let path = firstExecutable(named: name, in: dirs) { return path }
            throw SandboxError.binaryMissing(name: name, searched: dirs, hint: installHint)
        }
        return RedisBinaries(server: try find("redis-server"), sentinel: try find("redis-sentinel"), cli: try find("redis-cli"))
    }

    /// Finds any executable by name in `PATH`, `/usr/bin`, `/usr/local/bin` (used for `openssl`).
    static func locateTool(_ name: String, hint: String,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let dirs = searchDirectories(environment: environment)
        if let path = firstExecutable(named: name, in: dirs) { return path }
        throw SandboxError.binaryMissing(name: name, searched: dirs, hint: hint)
    }

    private static func searchDirectories(environment: [String: String]) -> [String] {
        var dirs = (environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for extra in ["/usr/bin", "/usr/local/bin"] where !dirs.contains(extra) { dirs.append(extra) }
        return dirs
    }

    private static func firstExecutable(named name: String, in dirs: [String]) -> String? {
        for dir in dirs {
            let path = (dir as NSString).appendingPathComponent(name)
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}

/// Whether tests that need real Redis servers should run, and why not.
///
/// Policy: locally a missing `redis-server` skips such tests with a message naming
/// `RedisBinaries.installHint`; with `CI=true` it is a failure, so a CI image without Redis
/// cannot go green by skipping. Test targets wrap this in a three-line helper that calls
/// `Test.cancel` (Swift Testing) on `nil`; the library itself does not import Testing.
public enum RedisTestPolicy {
    /// The binaries; `nil` when they are missing and the test should be skipped (not on CI).
    /// On CI (`CI=true`) a missing binary throws `SandboxError.binaryMissing`, failing the test.
    public static func binariesForTests(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> RedisBinaries? {
        do {
            return try RedisBinaries.locate(environment: environment)
        } catch {
            if isCI(environment: environment) { throw error }
            return nil
        }
    }

    /// Why a test was skipped.
    public static var skipMessage: String { "redis-server not found; skipping. \(RedisBinaries.installHint)" }

    /// True when `CI` is `true`, `1` or `yes`: missing binaries must fail, not skip.
    public static func isCI(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        ["true", "1", "yes"].contains((environment["CI"] ?? "").lowercased())
    }
}
