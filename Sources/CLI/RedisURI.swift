/// A `redis://` or `rediss://` URI, as redis-cli's `-u` takes it:
/// `redis[s]://[[user][:password]@]host[:port][/db]`.
public struct RedisURI: Sendable, Equatable {
    public var tls: Bool
    public var user: String?
    public var password: String?
    public var host: String
    public var port: Int?
    public var database: Int?

    /// Parses `text`, or throws a one-line error that names what is wrong.
    public init(_ text: String) throws(CLIError) {
        let expected = "expected redis://[user:password@]host[:port] or rediss://…"
        let rest: Substring
        if text.lowercased().hasPrefix("rediss://") {
            tls = true
            rest = text.dropFirst("rediss://".count)
        } else if text.lowercased().hasPrefix("redis://") {
            tls = false
            rest = text.dropFirst("redis://".count)
        } else {
            throw CLIError.usage("invalid URI \"\(Self.redacted(text))\": \(expected)")
        }
        var authority = rest
        database = nil
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty {
                guard let db = Int(path), db >= 0 else {
                    throw CLIError.usage("invalid URI \"\(Self.redacted(text))\": database \"\(path)\" is not a number")
                }
                database = db
            }
        }
        user = nil
        password = nil
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let name = Self.percentDecoded(userInfo[..<colon])
                user = name.isEmpty ? nil : name
                password = Self.percentDecoded(userInfo[userInfo.index(after: colon)...])
            } else if !userInfo.isEmpty {
                // redis-cli reads a lone user-info part as the password.
                password = Self.percentDecoded(userInfo)
            }
        }
        do {
            let (parsedHost, parsedPort) = try HostPort.split(String(hostPort), defaultPort: nil)
            host = parsedHost
            port = parsedPort
        } catch {
            throw CLIError.usage("invalid URI \"\(Self.redacted(text))\": \(error.message)")
        }
        guard !host.isEmpty else { throw CLIError.usage("invalid URI \"\(Self.redacted(text))\": no host; \(expected)") }
    }

    /// The URI with its password replaced, fit to appear in an error message.
    static func redacted(_ text: String) -> String {
        let schemeEnd = ["redis://", "rediss://"].first { text.lowercased().hasPrefix($0) }.map { $0.count } ?? 0
        let afterScheme = text.index(text.startIndex, offsetBy: schemeEnd)
        guard let at = text.lastIndex(of: "@"), at > afterScheme else { return text }
        let userInfo = text[afterScheme..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text[..<afterScheme] + "***" + text[at...] }
        return text[..<afterScheme] + userInfo[..<colon] + ":***" + text[at...]
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Splits `host:port`, `[v6]:port`, a bare host or a bare IPv6 address.
public enum HostPort {
    public static func split(_ text: String, defaultPort: Int?) throws(CLIError) -> (host: String, port: Int?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw CLIError.usage("\"\(text)\" has no closing ']' (write IPv6 as [::1]:6379)")
            }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, defaultPort) }
            guard after.hasPrefix(":") else { throw CLIError.usage("\"\(text)\": expected ':' after ']'") }
            return (host, try port(after.dropFirst(), in: text))
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 0 { return (text, defaultPort) }
        if colons > 1 { return (text, defaultPort) }  // a bare IPv6 address
        let colon = text.firstIndex(of: ":")!
        return (String(text[..<colon]), try port(text[text.index(after: colon)...], in: text))
    }

    static func port(_ text: Substring, in whole: String) throws(CLIError) -> Int {
        guard let value = Int(text), (1...65535).contains(value) else {
            throw CLIError.usage("\"\(whole)\": port \"\(text)\" is not a number from 1 to 65535")
        }
        return value
    }
}
