import Sandbox
import Testing

/// The Redis binaries, or: skip locally / fail with `CI=true` when redis-server is missing.
public func requireRedisBinaries(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisBinaries {
    guard let binaries = try RedisTestPolicy.binariesForTests() else {
        try Test.cancel(Comment(rawValue: RedisTestPolicy.skipMessage), sourceLocation: sourceLocation)
    }
    return binaries
}
