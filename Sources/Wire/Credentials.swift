/// User and password for `AUTH` / `HELLO … AUTH`. Never printed: `description`,
/// `debugDescription` and the mirror (used by `dump`) all mask the password.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// ACL user; nil means `default`.
    public var user: String?
    public var password: String?

    public init(user: String? = nil, password: String? = nil) {
        self.user = user
        self.password = password
    }

    /// No authentication.
    public static let none = Credentials()

    public var description: String {
        var parts: [String] = []
        parts.append("user=\(user ?? "default")")
        parts.append(password == nil ? "password=none" : "password=***")
        return parts.joined(separator: " ")
    }

    public var debugDescription: String { "Credentials(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["user": user as Any, "password": password == nil ? "nil" : "***"])
    }
}
