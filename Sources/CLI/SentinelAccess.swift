import Wire

/// How connections to the sentinels differ from those to the data nodes, as Redis's own
/// `sentinel auth-user`/`auth-pass` (data nodes) and `sentinel sentinel-user`/`sentinel-pass`
/// (sentinels) differ. Resolved from `--sentinel-user`, `--sentinel-pass`,
/// `--sentinel-pass-file`, `SLOTSCOPE_SENTINEL_AUTH` and `--sentinel-no-auth`; the password
/// is read only when connecting and never printed.
///
/// TLS is shared on purpose: sentinels reach TLS data nodes only with `tls-replication yes`,
/// which also makes them talk TLS to each other and announce their `tls-port`; so the
/// sentinel addresses Slotscope discovers speak TLS exactly when the data nodes do.
struct SentinelAccess: Sendable, Equatable {
    /// The sentinels' own login; nil: they get the data nodes' (`--user`/`--pass`).
    var login: Login?

    struct Login: Sendable, Equatable {
        /// ACL user on the sentinels; nil: `default`.
        var user: String?
        /// Nil with `--sentinel-no-auth`: the sentinels get no AUTH at all.
        var passwordSource: PasswordSource?
    }

    /// The environment variable read when no sentinel password flag is given (like REDISCLI_AUTH).
    static let environmentVariable = "SLOTSCOPE_SENTINEL_AUTH"

    /// Nil when nothing differs: the sentinels then get the data nodes' options.
    static func resolve(user: String?, password: String?, passwordFile: String?, noAuth: Bool = false,
                        environment: [String: String]) throws(CLIError) -> SentinelAccess? {
        try resolveLogin(user: user, password: password, passwordFile: passwordFile, noAuth: noAuth,
                         environment: environment).map { SentinelAccess(login: $0) }
    }

    static func resolveLogin(user: String?, password: String?, passwordFile: String?, noAuth: Bool,
                             environment: [String: String]) throws(CLIError) -> Login? {
        if password != nil && passwordFile != nil {
            throw CLIError.usage("give the sentinel password one way only: --sentinel-pass or --sentinel-pass-file")
        }
        if noAuth {
            if user != nil || password != nil || passwordFile != nil {
                throw CLIError.usage("--sentinel-no-auth goes without --sentinel-user, --sentinel-pass and --sentinel-pass-file")
            }
            return Login(user: nil, passwordSource: nil)
        }
        var source: PasswordSource?
        if let password { source = .commandLine(password) }
        if let passwordFile { source = .file(passwordFile) }
        if source == nil, let value = environment[environmentVariable], !value.isEmpty { source = .environment(value) }
        guard let source else {
            if let user {
                throw CLIError.usage("--sentinel-user \(user) needs a password: --sentinel-pass-file FILE, "
                    + "\(environmentVariable) or --sentinel-pass")
            }
            return nil
        }
        return Login(user: user, passwordSource: source)
    }

    /// The sentinels' connection options, from the data nodes'; reads the password now.
    func options(from data: ConnectionOptions) throws(CLIError) -> ConnectionOptions {
        var options = data
        if let login {
            options.credentials = login.passwordSource == nil ? .none
                : Credentials(user: login.user, password: try login.passwordSource?.read(prompt: "Password for the sentinels: "))
        }
        return options
    }

    /// The warning for a password on the command line (visible in `ps`), or nil.
    var warning: String? {
        guard case .commandLine? = login?.passwordSource else { return nil }
        return "Warning: --sentinel-pass on the command line is visible to other users (ps); prefer "
            + "\(Self.environmentVariable) or --sentinel-pass-file"
    }
}
