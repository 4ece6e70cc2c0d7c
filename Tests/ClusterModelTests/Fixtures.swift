import Foundation
import RESP
import Testing
@testable import ClusterModel

/// Reads the captured replies copied from ../shared/fixtures.
enum Fixture {
    static let versions = ["redis-6.0.9", "redis-6.2.14", "redis-7.0.15", "redis-8.2.3"]
    static let protocols = ["resp2", "resp3"]

    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    static func exists(_ version: String, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("\(version)/\(path)").path)
    }

    /// The one RESP value in a fixture file, e.g. `value("redis-7.0.15", "cluster-healthy/cluster-nodes.resp2")`.
    static func value(_ version: String, _ path: String) throws -> RESPValue {
        let data = try Data(contentsOf: root.appendingPathComponent("\(version)/\(path)"))
        var parser = RESPParser()
        parser.append(Array(data))
        guard let value = try parser.next() else { throw FixtureError.incomplete(path) }
        return value
    }

    /// Both protocol variants of one reply, when both were captured.
    static func both(_ version: String, _ stem: String) throws -> [RESPValue] {
        try protocols.filter { exists(version, "\(stem).\($0)") }.map { try value(version, "\(stem).\($0)") }
    }

    /// Node ids by role letter (A, B, M, R, RB, RM) from the manifest, when there is one.
    static func roles(_ version: String) -> [String: (port: Int, id: NodeID)] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("\(version)/manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let run = json["run"] as? [String: Any], let cluster = run["cluster"] as? [String: Any],
              let roles = cluster["roles_at_start"] as? [String: [String: Any]] else { return [:] }
        var result: [String: (port: Int, id: NodeID)] = [:]
        for (letter, info) in roles {
            if let port = info["port"] as? Int, let id = info["id"] as? String { result[letter] = (port, NodeID(id)) }
        }
        return result
    }

    static func state(_ version: String, _ name: String) -> [String: Any] {
        guard let data = try? Data(contentsOf: root.appendingPathComponent("\(version)/manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let run = json["run"] as? [String: Any], let states = run["states"] as? [String: Any] else { return [:] }
        return states[name] as? [String: Any] ?? [:]
    }
}

enum FixtureError: Error { case incomplete(String) }
