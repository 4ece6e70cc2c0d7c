#if canImport(Glibc)
import Glibc
#endif

/// Where a server listens: a host name or IP literal and a TCP port.
///
/// Parses `host:port`, `[v6]:port`, and — following Redis' own address format in
/// `CLUSTER NODES` and `MOVED` — an unbracketed IPv6 `addr:port` split at the last colon.
/// The host `?` is kept as is: servers announce it when they do not know their endpoint.
public struct Endpoint: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, `[v6]:port`, `v6addr:port`, or a bare host when `defaultPort` is given.
    public init(parsing text: String, defaultPort: Int? = nil) throws(EndpointParseError) {
        let input = text.trimmingWhitespace()
        func fail(_ reason: String) -> EndpointParseError { EndpointParseError(input: text, reason: reason) }
        guard !input.isEmpty else { throw fail("empty address") }

        var host: Substring
        var portText: Substring?
        if input.hasPrefix("[") {
            guard let close = input.firstIndex(of: "]") else { throw fail("missing ']' after an IPv6 address") }
            host = input[input.index(after: input.startIndex)..<close]
            let rest = input[input.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("expected ':port' after ']'") }
                portText = rest.dropFirst()
            }
        } else if let colon = input.lastIndex(of: ":") {
            host = input[..<colon]
            portText = input[input.index(after: colon)...]
            if host.contains(":"), !Self.isIPv6Literal(String(host)) {
                throw fail("put IPv6 addresses in brackets, e.g. [::1]:6379")
            }
        } else {
            host = input[...]
        }
        guard !host.isEmpty else { throw fail("missing host") }
        guard !host.contains(where: { $0 == " " || $0 == "\t" || $0 == "/" }) else { throw fail("invalid host") }

        let port: Int
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(portText), (1...65535).contains(value) else {
                throw fail("port must be a number from 1 to 65535")
            }
            port = value
        } else if let defaultPort {
            port = defaultPort
        } else {
            throw fail("missing port (expected host:port)")
        }
        self.init(host: String(host), port: port)
    }

    /// `host:port`, with IPv6 literals in brackets (`[::1]:6379`).
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// True when the host is an IPv4 or IPv6 literal rather than a name to resolve.
    public var isIPLiteral: Bool { Self.isIPv4Literal(host) || Self.isIPv6Literal(host) }

    public static func < (lhs: Endpoint, rhs: Endpoint) -> Bool {
        (lhs.host, lhs.port) < (rhs.host, rhs.port)
    }

    static func isIPv4Literal(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func isIPv6Literal(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }
}

/// Why a text is not an endpoint: one line for the command line.
public struct EndpointParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var input: String
    public var reason: String
    public var description: String { "invalid address \"\(input)\": \(reason)" }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
