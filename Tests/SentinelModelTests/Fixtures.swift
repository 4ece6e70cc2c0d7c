import Foundation
import RESP
import Testing
@testable import ClusterModel

/// Reads the captured Sentinel replies and event streams copied from ../shared/fixtures.
enum Fixture {
    static let versions = ["redis-6.0.9", "redis-6.2.14", "redis-7.0.15"]
    static let protocols = ["resp2", "resp3"]

    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func url(_ version: String, _ path: String) -> URL { root.appendingPathComponent("\(version)/\(path)") }

    static func exists(_ version: String, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url(version, path).path)
    }

    static func bytes(_ version: String, _ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(version, path)))
    }

    /// The one RESP value in a reply file.
    static func value(_ version: String, _ path: String) throws -> RESPValue {
        var parser = RESPParser()
        parser.append(try bytes(version, path))
        guard let value = try parser.next() else { throw FixtureError.incomplete(path) }
        return value
    }

    /// Every frame of a stream file, parsed to its end.
    static func frames(_ version: String, _ path: String) throws -> [RESPValue] {
        var parser = RESPParser()
        parser.append(try bytes(version, path))
        var frames: [RESPValue] = []
        while let value = try parser.next() { frames.append(value) }
        guard parser.isIdle else { throw FixtureError.incomplete(path) }
        return frames
    }

    /// Both protocol variants of one reply.
    static func both(_ version: String, _ stem: String) throws -> [RESPValue] {
        try protocols.filter { exists(version, "\(stem).\($0)") }.map { try value(version, "\(stem).\($0)") }
    }

    /// Files of one folder with the given suffix.
    static func files(_ version: String, _ folder: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url(version, folder).path)
            .filter { $0.hasSuffix(suffix) }.sorted()
    }

    static func json(_ version: String, _ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(version, path))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// One line of `events-resp*.jsonl`.
    struct EventLine {
        var sentinelPort: Int
        var msSinceKill: Double
        var kind: String
        var channel: String?
        var file: String
        var offset: Int
        var length: Int
    }

    static func eventLines(_ version: String, proto: String) throws -> [EventLine] {
        let text = try String(contentsOf: url(version, "sentinel-failover/events-\(proto).jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return EventLine(sentinelPort: object["sentinel_port"] as? Int ?? 0,
                             msSinceKill: object["ms_since_kill"] as? Double ?? 0,
                             kind: object["kind"] as? String ?? "", channel: object["channel"] as? String,
                             file: object["file"] as? String ?? "", offset: object["offset"] as? Int ?? 0,
                             length: object["length"] as? Int ?? 0)
        }
    }
}

enum FixtureError: Error { case incomplete(String) }

/// The RESP2 and RESP3 captures were taken a moment apart: the age fields
/// (milliseconds since a ping, an INFO refresh, a hello) differ by a few ms.
/// Everything else must be identical.
extension SentinelMasterState {
    var withoutAges: Self {
        var copy = self
        copy.lastPingSent = nil; copy.lastOkPingReply = nil; copy.lastPingReply = nil
        copy.infoRefresh = nil; copy.roleReportedTime = nil
        return copy
    }
}

extension SentinelReplicaState {
    var withoutAges: Self {
        var copy = self
        copy.lastPingSent = nil; copy.lastOkPingReply = nil; copy.lastPingReply = nil
        copy.infoRefresh = nil; copy.roleReportedTime = nil
        return copy
    }
}

extension SentinelPeerState {
    var withoutAges: Self {
        var copy = self
        copy.lastPingSent = nil; copy.lastOkPingReply = nil; copy.lastPingReply = nil; copy.lastHelloMessage = nil
        return copy
    }
}
