import Foundation
import RESP
import Sandbox
import Testing
import TestSupport
import Wire

/// The Redis binaries, or: skip locally / fail with `CI=true` when redis-server is missing.
func requireRedis(sourceLocation: SourceLocation = #_sourceLocation) throws -> RedisBinaries {
    try requireRedisBinaries(sourceLocation: sourceLocation)
}

/// A sandbox of this test's own (its servers stop when it is dropped).
func makeSandbox(sourceLocation: SourceLocation = #_sourceLocation) throws -> Sandbox {
    try Sandbox(binaries: try requireRedis(sourceLocation: sourceLocation))
}

/// One healthy 3×1 cluster shared by every test that only reads from it: clusters take
/// seconds to form, reads do not change them.
enum SharedCluster {
    private static let state = Task<(Sandbox, SandboxCluster), Error> {
        let sandbox = try Sandbox(binaries: try RedisBinaries.locate())
        let cluster = try await sandbox.startCluster(masters: 3, replicasPerMaster: 1)
        return (sandbox, cluster)
    }

    static func get(sourceLocation: SourceLocation = #_sourceLocation) async throws -> (Sandbox, SandboxCluster) {
        _ = try requireRedis(sourceLocation: sourceLocation)
        return try await state.value
    }
}

func endpoint(_ process: ServerProcess) -> Endpoint { Endpoint(host: "127.0.0.1", port: process.port) }
func endpoint(_ node: ClusterNode) -> Endpoint { Endpoint(host: "127.0.0.1", port: node.port) }

/// Options for tests: short timeouts so a failure shows quickly.
func testOptions(tls: Wire.TLSOptions = .disabled, user: String? = nil, password: String? = nil,
                 readOnly: Bool = false, timeout: Duration = .seconds(3)) -> ConnectionOptions {
    ConnectionOptions(tls: tls, credentials: Credentials(user: user, password: password),
                      connectTimeout: timeout, requestTimeout: timeout, readOnly: readOnly)
}

/// The error a throwing async call ends with, or nil if it succeeded.
func wireError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> WireError? {
    do {
        _ = try await body()
        return nil
    } catch let error as WireError {
        return error
    } catch {
        Issue.record("expected a WireError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension RESPValue {
    var text: String { string ?? "" }
}

/// `field:value` lines of an INFO reply.
func infoFields(_ value: RESPValue) -> [String: String] {
    var fields: [String: String] = [:]
    for line in value.text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
        if let colon = line.firstIndex(of: ":") {
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
    }
    return fields
}
