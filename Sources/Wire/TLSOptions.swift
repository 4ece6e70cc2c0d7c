/// TLS settings for a connection (`--tls --sni --cacert --cacertdir --cert --key --insecure`).
///
/// Verification is on by default: the server's chain is checked against the system's
/// trust store (or `caFile`/`caDirectory` when given) and its name or IP against the
/// certificate. `insecure` turns both checks off.
public struct TLSOptions: Sendable, Hashable {
    public var enabled: Bool
    /// PEM bundle of trusted CAs; replaces the system store when set (like redis-cli).
    public var caFile: String?
    /// Directory of hashed CA certificates (`c_rehash`); replaces the system store when set.
    public var caDirectory: String?
    /// Client certificate (PEM chain) for servers with `tls-auth-clients yes`.
    public var certFile: String?
    /// Private key of `certFile` (PEM).
    public var keyFile: String?
    /// Name sent as SNI and verified against the certificate; defaults to the endpoint's host.
    public var serverName: String?
    /// Skip certificate and host verification (still encrypted, not authenticated).
    public var insecure: Bool

    public init(enabled: Bool = false, caFile: String? = nil, caDirectory: String? = nil,
                certFile: String? = nil, keyFile: String? = nil, serverName: String? = nil,
                insecure: Bool = false) {
        self.enabled = enabled
        self.caFile = caFile
        self.caDirectory = caDirectory
        self.certFile = certFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.insecure = insecure
    }

    /// Plain TCP.
    public static let disabled = TLSOptions()
}
