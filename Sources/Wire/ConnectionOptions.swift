import RESP

/// Everything that shapes one connection, shared by all connections of a session.
public struct ConnectionOptions: Sendable, Hashable {
    public var tls: TLSOptions
    public var credentials: Credentials
    /// Budget for DNS + TCP connect + TLS handshake.
    public var connectTimeout: Duration
    /// Budget for each request from the moment it is written until its last reply
    /// (also bounds each step of the HELLO/AUTH handshake).
    public var requestTimeout: Duration
    /// Sent with `HELLO … SETNAME` / `CLIENT SETNAME`; nil sends none.
    public var clientName: String?
    /// Try `HELLO 3` first, falling back to RESP2 on servers without it.
    public var preferRESP3: Bool
    /// Refuse every command outside `ReadOnlyPolicy`, before a byte is written.
    public var readOnly: Bool
    /// Parser limits for replies.
    public var limits: RESPLimits
    /// After a failure, new requests fail fast with that failure until the backoff
    /// has passed; it doubles from `reconnectBackoffMin` to `reconnectBackoffMax`
    /// and resets after a successful handshake.
    public var reconnectBackoffMin: Duration
    public var reconnectBackoffMax: Duration

    public init(tls: TLSOptions = .disabled,
                credentials: Credentials = .none,
                connectTimeout: Duration = .seconds(2),
                requestTimeout: Duration = .seconds(2),
                clientName: String? = "slotscope",
                preferRESP3: Bool = true,
                readOnly: Bool = false,
                limits: RESPLimits = .default,
                reconnectBackoffMin: Duration = .milliseconds(100),
                reconnectBackoffMax: Duration = .seconds(5)) {
        self.tls = tls
        self.credentials = credentials
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.clientName = clientName
        self.preferRESP3 = preferRESP3
        self.readOnly = readOnly
        self.limits = limits
        self.reconnectBackoffMin = reconnectBackoffMin
        self.reconnectBackoffMax = reconnectBackoffMax
    }
}
