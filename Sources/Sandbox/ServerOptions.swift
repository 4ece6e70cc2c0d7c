import Wire

/// How each server of a topology is configured. The same options apply to every data node of
/// a topology; sentinels take what applies to them (TLS, the password for `auth-pass`).
public struct ServerOptions: Sendable {
    /// `requirepass` for the default user (also `masterauth` for replicas and
    /// `sentinel auth-pass` for sentinels). `nil`: no password and `protected-mode no`.
    public var password: String?
    /// Extra ACL users (`user NAME on >pass ...` lines in the config file).
    public var aclUsers: [ACLUser]
    /// Serve TLS only (`port 0`, `tls-port`), with `tls-cluster` / `tls-replication` on.
    public var tls: ServerTLS?
    /// `cluster-announce-hostname` (with `cluster-preferred-endpoint-type hostname`). Must be a
    /// 127.x.y.z address so redirects stay on this host; the server also binds to it unless
    /// `bindAnnouncedHostname` is false.
    public var announceHostname: String?
    /// Whether the server also listens on `announceHostname`. False: it listens on 127.0.0.1
    /// only, so the announced endpoint refuses connections (an unreachable pod IP) while the
    /// cluster bus, which uses 127.0.0.1, still works.
    public var bindAnnouncedHostname: Bool
    /// `cluster-node-timeout` in milliseconds (clusters only).
    public var nodeTimeoutMilliseconds: Int
    /// Raw config lines appended last (they win over anything the sandbox wrote).
    public var extraConfig: [String]
    /// How long to wait for a topology to become ready before failing.
    public var readyTimeoutSeconds: Double

    public init(password: String? = nil, aclUsers: [ACLUser] = [], tls: ServerTLS? = nil,
                announceHostname: String? = nil, nodeTimeoutMilliseconds: Int = 2000,
                extraConfig: [String] = [], readyTimeoutSeconds: Double = 30,
                bindAnnouncedHostname: Bool = true) {
        self.password = password
        self.aclUsers = aclUsers
        self.tls = tls
        self.announceHostname = announceHostname
        self.bindAnnouncedHostname = bindAnnouncedHostname
        self.nodeTimeoutMilliseconds = nodeTimeoutMilliseconds
        self.extraConfig = extraConfig
        self.readyTimeoutSeconds = readyTimeoutSeconds
    }
}

/// One ACL user written into the server config as `user NAME on >PASSWORD RULES...`.
public struct ACLUser: Sendable, Equatable {
    public var name: String
    public var password: String
    /// ACL rules after the password, e.g. `["~*", "&*", "+@all"]`.
    public var rules: [String]

    public init(name: String, password: String, rules: [String]) {
        self.name = name
        self.password = password
        self.rules = rules
    }

    /// A user allowed everything: `~* &* +@all`.
    public static func admin(name: String, password: String) -> ACLUser {
        ACLUser(name: name, password: password, rules: ["~*", "&*", "+@all"])
    }

    /// The read-only monitoring user from redis-facts.md (what Slotscope's read-only mode needs).
    /// `sentinel: true` gives the rules for a sentinel instead (SENTINEL reads and PSUBSCRIBE;
    /// sentinels have no CLUSTER command). `+client|setinfo` exists only from 7.2 on, and 7.0
    /// refuses to load an ACL naming it: pass `redis72: true` for newer servers.
    public static func monitoring(name: String = "slotscope", password: String, sentinel: Bool = false,
                                  redis72: Bool = false) -> ACLUser {
        ACLUser(name: name, password: password,
                rules: MonitoringACL.rules(sentinel: sentinel, generation: redis72 ? .redis72 : .redis70))
    }

    /// The config-file line.
    var configLine: String { (["user", name, "on", ">" + password] + rules).joined(separator: " ") }
}

/// TLS settings for sandbox servers.
public struct ServerTLS: Sendable {
    /// Whether servers demand a client certificate (`tls-auth-clients`).
    public enum ClientAuth: String, Sendable { case no, yes, optional }

    /// CA, server and client certificates (see `TestCertificates`).
    public var certificates: TestCertificates
    /// `tls-auth-clients`; default `.no` so plain `redis-cli --tls --cacert` works.
    public var authClients: ClientAuth

    public init(certificates: TestCertificates, authClients: ClientAuth = .no) {
        self.certificates = certificates
        self.authClients = authClients
    }
}
