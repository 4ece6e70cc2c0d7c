/// A host and port as a node announces it or as a redirect names it.
///
/// ClusterModel's own small address value, so the model does not depend on the
/// connection layer. `host` is an IP or a hostname; it is empty for a node that
/// has no address yet (`:0@0`, flag `noaddr`).
public struct NodeAddress: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `[v6]:port` or `v6:port` (split at the last `:`).
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host, port: port)
    }

    /// True for the `:0` placeholder of a node without an address.
    public var isUnset: Bool { host.isEmpty && port == 0 }

    /// `host:port`, with IPv6 hosts in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    public static func < (a: NodeAddress, b: NodeAddress) -> Bool {
        (a.host, a.port) < (b.host, b.port)
    }
}
