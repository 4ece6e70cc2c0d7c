import ClusterModel
import Foundation

/// One event as `watch` prints it: a timestamped line, or a JSON object per line.
struct EventLine: Codable, Sendable {
    var time: String
    var kind: String
    var nodes: [String]
    var slots: [String]
    var message: String

    init(_ event: ClusterEvent) {
        time = Self.iso8601(event.time)
        kind = event.kind.rawValue
        nodes = event.nodes.map(\.description)
        slots = event.slots.map(\.description)
        message = event.message
    }

    var text: String { "\(time)  \(kind.padding(20))\(message)" }

    static func iso8601(_ timestamp: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(timestamp.milliseconds) / 1000))
    }
}
