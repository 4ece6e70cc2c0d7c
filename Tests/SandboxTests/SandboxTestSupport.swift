import Foundation
import Sandbox
import Testing
import TestSupport

/// The Redis binaries for a test that needs real servers: skips the test locally when they are
/// missing (with the install hint) and fails it when `CI=true` (see `RedisTestPolicy`).
func requireRedis(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisBinaries {
    try requireRedisBinaries(sourceLocation: sourceLocation)
}

/// A fresh sandbox for one test (its servers die with it).
func makeSandbox(sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
    try Sandbox(binaries: try requireRedis(sourceLocation: sourceLocation))
}

/// Seconds since `start`, for timing notes in test output.
func elapsed(since start: ContinuousClock.Instant) -> String {
    let duration = ContinuousClock.now - start
    let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%.0f ms", ms)
}
