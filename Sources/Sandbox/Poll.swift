import Foundation

/// Polling with a deadline, the one way the sandbox waits for a server state.
enum Poll {
    /// Calls `check` every `interval` seconds until it returns true; throws
    /// `SandboxError.timeout` (with `lastObservation()`) after `timeout` seconds. Errors thrown by
    /// `check` end the wait immediately.
    static func until(_ what: String, timeout: Double, interval: Double = 0.05,
                      lastObservation: () -> String = { "" },
                      _ check: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try await check() { return }
            if Date() >= deadline {
                throw SandboxError.timeout(what: what, seconds: timeout, lastObservation: lastObservation())
            }
            try await Task.sleep(for: .seconds(interval))
        }
    }
}
