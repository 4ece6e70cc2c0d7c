import Foundation
import Sandbox
import Testing

/// The Redis binaries for a test that needs real servers.
///
/// Missing binaries skip the test locally (`Test.cancel` with the install hint) and FAIL it when
/// `CI=true`, so a CI image without Redis cannot go green by skipping everything.
func requireRedis(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisBinaries {
    let (binaries, reason) = RedisTestPolicy.binariesOrReason()
    if let binaries { return binaries }
    let message = reason ?? RedisBinaries.installHint
    if RedisTestPolicy.isCI() {
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        throw SandboxError.binaryMissing(name: "redis-server", searched: [], hint: RedisBinaries.installHint)
    }
    try Test.cancel(Comment(rawValue: message), sourceLocation: sourceLocation)
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
