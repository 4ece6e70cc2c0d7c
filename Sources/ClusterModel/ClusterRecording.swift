import Foundation

/// The lines of a cluster recording (`slotscope record`, `watch --record`): JSON lines, a
/// `Header` first, then one `Entry` per poll (the snapshot and its events). No secrets:
/// snapshots never hold passwords.
///
/// `slotscope.recording/2` (written now) is `/1` with the bulk made cheap to read back: each
/// node's INFO and CLUSTER INFO are their reply text, one string each, instead of `{key,
/// value}` objects, and the slot map is runs instead of 16384 numbers (see the coding of
/// `ServerInfo`, `ClusterInfo` and `SlotMap`). Everything else is encoded as in
/// `snapshot --json`. `replay` reads both.
public enum ClusterRecording {
    public static let schema = "slotscope.recording/2"
    /// Recordings made before `/2`: INFO as `sections`, as in `snapshot --json`.
    public static let firstSchema = "slotscope.recording/1"
    /// Every schema `replay` reads, newest first.
    public static let schemas = [schema, firstSchema]

    /// The first line.
    public struct Header: Hashable, Sendable, Codable {
        public var schema: String
        /// The seed node as the user gave it.
        public var target: String
        /// ISO 8601, UTC.
        public var started: String

        public init(schema: String = ClusterRecording.schema, target: String, started: String) {
            self.schema = schema
            self.target = target
            self.started = started
        }
    }

    /// One poll.
    public struct Entry: Hashable, Sendable, Codable {
        public var snapshot: ClusterSnapshot
        public var events: [ClusterEvent]

        public init(snapshot: ClusterSnapshot, events: [ClusterEvent]) {
            self.snapshot = snapshot
            self.events = events
        }
    }

    /// The encoder `record` writes `/2` lines with: one line each, keys sorted.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.userInfo[.compactRecording] = true
        return encoder
    }

    /// The decoder for the entries of a file whose header names `schema` (one of `schemas`).
    public static func decoder(for schema: String) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[.compactRecording] = schema != firstSchema
        return decoder
    }
}

extension CodingUserInfoKey {
    /// Set (to true) when encoding or decoding a `slotscope.recording/2` line: bulky parts
    /// are written compactly. Absent everywhere else, so `snapshot --json` keeps its schema.
    public static let compactRecording = CodingUserInfoKey(rawValue: "slotscope.compactRecording")!
}
