import Wire

extension ProbeReport {
    /// The report as `slotscope ping` prints it: one headline, then aligned facts.
    public var text: String {
        var lines = ["\(endpoint): PONG in \(Self.milliseconds(roundTrip)) (median of \(pings)); connected in \(Self.milliseconds(connectTime))"]
        func add(_ label: String, _ value: String) {
            lines.append("  " + label.padding(9) + value)
        }
        add("server", "\(serverName) \(serverVersion)")
        add("mode", mode + (clusterState.map { " (cluster_state:\($0))" } ?? ""))
        add("role", role == "slave" ? "replica" : role)
        add("protocol", "RESP\(session.protocolVersion)")
        add("TLS", tlsDescription)
        add("auth", user.map { "ACL user \"\($0)\"" } ?? "default user")
        if readOnly { add("mode", "read-only: only read commands can be sent") }
        return lines.joined(separator: "\n")
    }

    var tlsDescription: String {
        guard tls.enabled else { return "off" }
        return tls.insecure ? "on, certificate NOT verified (--insecure)" : "on, certificate verified"
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = duration.fractionalMilliseconds
        return ms < 10 ? "\(Double(Int(ms * 100)) / 100) ms" : "\(Int(ms.rounded())) ms"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
