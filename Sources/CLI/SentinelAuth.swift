import Wire

/// Credentials for the sentinels when they differ from the data nodes', as Redis's own
/// `sentinel auth-user`/`auth-pass` (data nodes) and `sentinel sentinel-user`/`sentinel-pass`
/// (sentinels) differ. Resolved from `--sentinel-user`, `--sentinel-pass`,
/// `--sentinel-pass-file` and `SLOTSCOPE_SENTINEL_AUTH`; the password is read only when
/// connecting and never printed.
struct SentinelAuth: Sendable, Equatable {
    /// ACL user on the sentinels; nil: `default`.
    var user: String?
    /// Nil with `--sentinel-no-auth`: the sentinels get no AUTH at all.
    var passwordSource: PasswordSource?

    /// The environment variable read when no sentinel password flag is given (like REDISCLI_AUTH).
    static let environmentVariable = "SLOTSCOPE_SENTINEL_AUTH"

    /// Nil when no sentinel credentials are given: the sentinels then get the data nodes'.
    static func resolve(user: String?, password: String?, passwordFile: String?, noAuth: Bool = false,
                        environment: [String: String]) throws(CLIError) -> SentinelAuth? {
        if password != nil && passwordFile != nil {
            throw CLIError.usage("give the sentinel password one way only: --sentinel-pass or --sentinel-pass-file")
        }
        if noAuth {
            if user != nil || password != nil || passwordFile != nil {
                throw CLIError.usage("--sentinel-no-auth goes without --sentinel-user, --sentinel-pass and --sentinel-pass-file")
            }
            return SentinelAuth(user: nil, passwordSource: nil)
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
        return SentinelAuth(user: user, passwordSource: source)
    }

    /// The sentinels' credentials, reading the password now (file, environment).
    func credentials() throws(CLIError) -> Credentials {
        guard let passwordSource else { return .none }
        return Credentials(user: user, password: try passwordSource.read(prompt: "Password for the sentinels: "))
    }

    /// The warning for a password on the command line (visible in `ps`), or nil.
    var warning: String? {
        guard case .commandLine? = passwordSource else { return nil }
        return "Warning: --sentinel-pass on the command line is visible to other users (ps); prefer "
            + "\(Self.environmentVariable) or --sentinel-pass-file"
    }
}
