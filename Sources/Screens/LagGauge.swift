import ClusterModel
import UI

/// Replication lag as a bar: full at the default health policy's thresholds (bytes or
/// seconds, whichever is further), green under half, yellow, then red at the limit. The
/// label carries the numbers, so the bar's colour is never the only sign.
enum LagGauge {
    static let policy = HealthPolicy.default

    /// Lag against the policy: 1 is at the threshold.
    static func fraction(bytes: Int64?, seconds: Int64?) -> Double {
        max(Double(bytes ?? 0) / Double(policy.maxReplicaLagBytes),
            Double(seconds ?? 0) / Double(policy.maxReplicaLagSeconds))
    }

    /// A cluster node's lag fraction (-1 for a master or a node without replication data).
    static func fraction(_ node: NodeState) -> Double {
        guard let replication = node.replication else { return -1 }
        return fraction(bytes: replication.lagBytes, seconds: replication.lagSeconds)
    }

    /// "12.0K 3s", with `?` for what is not known.
    static func label(bytes: Int64?, seconds: Int64?) -> String {
        "\(bytes.map(Formatting.bytes) ?? "?") \(seconds.map { "\($0)s" } ?? "?")"
    }

    static func gauge(bytes: Int64?, seconds: Int64?, selected: Bool = false) -> Gauge {
        let fraction = fraction(bytes: bytes, seconds: seconds)
        let color: PaletteColor = fraction >= 1 ? .red : fraction >= 0.5 ? .yellow : .green
        let style = selected ? Style(foreground: color, reverse: true) : Style(foreground: color)
        return Gauge(fraction: fraction, label: label(bytes: bytes, seconds: seconds), style: style)
    }
}
