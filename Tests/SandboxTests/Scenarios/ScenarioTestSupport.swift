import Foundation
import Sandbox
import Testing

/// What the scenario tests ask the servers directly (plain commands, no ClusterModel).
extension Sandbox {
    func info(_ port: Int, _ args: String...) async throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try await controlCommand(port: port, args: args).split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// The reply, or for an error reply the error text redis-cli printed.
    func replyOrError(port: Int, _ args: String...) async -> String {
        do { return try await controlCommand(port: port, args: args) } catch {
            guard case let .commandFailed(_, _, output) = error as? SandboxError else { return "\(error)" }
            return output
        }
    }

    func keysInSlot(_ slot: Int, port: Int) async throws -> Int {
        Int(try await controlCommand(port: port, args: ["CLUSTER", "COUNTKEYSINSLOT", String(slot)])) ?? -1
    }

    /// The CLUSTER NODES line of `id` as seen by the node on `port` ("" when unknown).
    func nodesLine(of id: String, seenBy port: Int) async throws -> String {
        let text = try await controlCommand(port: port, args: ["CLUSTER", "NODES"])
        return text.split(whereSeparator: \.isNewline).first { $0.hasPrefix(id + " ") }.map(String.init) ?? ""
    }

    /// The flags column of `id`'s line as seen by the node on `port`.
    func flags(of id: String, seenBy port: Int) async throws -> Set<String> {
        let fields = try await nodesLine(of: id, seenBy: port).split(separator: " ")
        return fields.count > 2 ? Set(fields[2].split(separator: ",").map(String.init)) : []
    }
}
