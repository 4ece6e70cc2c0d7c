#if canImport(Glibc)
import Glibc
#endif

/// Translates the addresses nodes announce (pod IPs behind NAT, in Kubernetes) into
/// addresses this machine can reach: `--map FROM=TO`, repeatable.
///
/// Rules, most specific first: `10.244.3.239:6379=127.0.0.1:7001` (one endpoint),
/// `10.244.3.239=127.0.0.1` (a host, port kept), `10.244.0.0/16=127.0.0.1` (a CIDR,
/// port kept; longest prefix wins). Pure: connections are made to `map(_:)`'s result,
/// and callers keep the announced endpoint for display. Never translate the
/// addresses inside commands such as MIGRATE: those are how nodes reach each other.
public struct AddressMap: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case endpoint(Endpoint)
        case host(String)
        case network(address: [UInt8], prefixLength: Int)
    }

    /// One `FROM=TO`: the source and the host (and, for an endpoint source, port) to dial instead.
    public struct Rule: Sendable, Hashable, CustomStringConvertible {
        public var source: Source
        public var targetHost: String
        /// Only for `.endpoint` sources; other rules keep the announced port.
        public var targetPort: Int?

        public var description: String {
            let from: String
            switch source {
            case .endpoint(let endpoint): from = endpoint.description
            case .host(let host): from = host
            case .network(let address, let length): from = AddressMap.text(of: address) + "/\(length)"
            }
            return "\(from)=" + (targetPort.map { Endpoint(host: targetHost, port: $0).description } ?? targetHost)
        }
    }

    public private(set) var rules: [Rule] = []

    public init() {}

    /// No translation.
    public static let identity = AddressMap()

    public var isEmpty: Bool { rules.isEmpty }

    /// Adds one `FROM=TO` rule as given on the command line.
    public mutating func add(_ text: String) throws(EndpointParseError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw EndpointParseError(input: text, reason: "expected FROM=TO") }
        let from = String(parts[0]).trimmingWhitespace(), to = String(parts[1]).trimmingWhitespace()
        if let slash = from.firstIndex(of: "/") {
            guard let length = Int(from[from.index(after: slash)...]),
                  let address = Self.bytes(of: String(from[..<slash])), (0...address.count * 8).contains(length) else {
                throw EndpointParseError(input: text, reason: "invalid network \(from) (expected e.g. 10.244.0.0/16)")
            }
            rules.append(Rule(source: .network(address: address, prefixLength: length), targetHost: try Self.host(to, in: text)))
        } else if let endpoint = try? Endpoint(parsing: from) {
            let target = try Endpoint(parsing: to, defaultPort: endpoint.port)
            rules.append(Rule(source: .endpoint(endpoint), targetHost: target.host, targetPort: target.port))
        } else {
            rules.append(Rule(source: .host(try Self.host(from, in: text)), targetHost: try Self.host(to, in: text)))
        }
    }

    /// Builds a map from `--map` values.
    public init(_ texts: [String]) throws(EndpointParseError) {
        for text in texts { try add(text) }
    }

    /// Where to connect to reach `announced`.
    public func map(_ announced: Endpoint) -> Endpoint {
        guard !rules.isEmpty else { return announced }
        for rule in rules {
            if case .endpoint(let endpoint) = rule.source, endpoint == announced {
                return Endpoint(host: rule.targetHost, port: rule.targetPort ?? announced.port)
            }
        }
        for rule in rules {
            if case .host(let host) = rule.source, host == announced.host {
                return Endpoint(host: rule.targetHost, port: announced.port)
            }
        }
        guard let address = Self.bytes(of: announced.host) else { return announced }
        var best: (length: Int, host: String)?
        for rule in rules {
            guard case .network(let network, let length) = rule.source, network.count == address.count,
                  Self.matches(address, network, length), length >= (best?.length ?? -1) else { continue }
            best = (length, rule.targetHost)
        }
        return best.map { Endpoint(host: $0.host, port: announced.port) } ?? announced
    }

    private static func host(_ text: String, in rule: String) throws(EndpointParseError) -> String {
        let host = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "=" }),
              !host.contains(":") || Endpoint.isIPv6Literal(host) else {
            throw EndpointParseError(input: rule, reason: "invalid host \"\(text)\"")
        }
        return host
    }

    private static func matches(_ address: [UInt8], _ network: [UInt8], _ length: Int) -> Bool {
        var remaining = length
        for index in address.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[index] & mask != network[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// 4 bytes for IPv4, 16 for IPv6, nil for names.
    static func bytes(of host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    static func text(of address: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = address.count == 4 ? AF_INET : AF_INET6
        _ = address.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
