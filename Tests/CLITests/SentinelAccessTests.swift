import Testing
import Wire
@testable import CLI

/// `--sentinel-user`, `--sentinel-pass`, `--sentinel-pass-file`, `--sentinel-no-auth`,
/// and `SLOTSCOPE_SENTINEL_AUTH`, resolved without dialing anything.
@Suite struct SentinelAccessTests {
    func resolve(_ arguments: [String], environment: [String: String] = [:]) throws -> SentinelAccess? {
        let flags = try SentinelTargetFlags.parse(arguments)
        return try SentinelAccess.resolve(user: flags.sentinelUser, password: flags.sentinelPassword,
                                          passwordFile: flags.sentinelPasswordFile, noAuth: flags.sentinelNoAuth,
                                          environment: environment)
    }

    func login(_ user: String?, _ source: PasswordSource?) -> SentinelAccess {
        SentinelAccess(login: SentinelAccess.Login(user: user, passwordSource: source))
    }

    @Test func nothingGivenLeavesTheSentinelsTheDataNodesOptions() throws {
        #expect(try resolve([]) == nil)
        #expect(try resolve([], environment: ["REDISCLI_AUTH": "data"]) == nil)
    }

    @Test func eachSourceAndItsPrecedence() throws {
        #expect(try resolve(["--sentinel-pass", "p"]) == login(nil, .commandLine("p")))
        #expect(try resolve(["--sentinel-pass-file", "/f"]) == login(nil, .file("/f")))
        #expect(try resolve(["--sentinel-user", "u"], environment: ["SLOTSCOPE_SENTINEL_AUTH": "e"]) == login("u", .environment("e")))
        // A flag wins over the environment, as -a wins over REDISCLI_AUTH.
        #expect(try resolve(["--sentinel-pass-file", "/f"], environment: ["SLOTSCOPE_SENTINEL_AUTH": "e"])?.login?.passwordSource == .file("/f"))
        #expect(try resolve(["--sentinel-no-auth"]) == login(nil, nil))
    }

    @Test func theSentinelsOptionsDerivedFromTheDataNodes() throws {
        let data = ConnectionOptions(tls: TLSOptions(enabled: true, caFile: "/ca.crt"),
                                     credentials: Credentials(user: "app", password: "data-pw"), readOnly: true)
        let open = try #require(try resolve(["--sentinel-no-auth"])).options(from: data)
        #expect(open.credentials == .none && open.tls == data.tls && open.readOnly)
        let own = try #require(try resolve(["--sentinel-user", "w"], environment: ["SLOTSCOPE_SENTINEL_AUTH": "s-pw"])).options(from: data)
        #expect(own.credentials == Credentials(user: "w", password: "s-pw") && own.tls == data.tls)
    }

    @Test func onlyTheCommandLinePasswordIsWarnedAbout() throws {
        #expect(try resolve(["--sentinel-pass", "hunter2"])?.warning?.contains("visible to other users (ps)") == true)
        #expect(try resolve(["--sentinel-pass", "hunter2"])?.warning?.contains("hunter2") == false)
        #expect(try resolve([], environment: ["SLOTSCOPE_SENTINEL_AUTH": "secret-value"])?.warning == nil)
    }

    @Test func contradictionsAreOneUsageLine() {
        let cases: [([String], String)] = [
            (["--sentinel-pass", "a", "--sentinel-pass-file", "/f"], "one way only"),
            (["--sentinel-user", "u"], "--sentinel-user u needs a password"),
            (["--sentinel-no-auth", "--sentinel-pass", "a"], "--sentinel-no-auth goes without"),
        ]
        for (arguments, expected) in cases {
            #expect {
                _ = try resolve(arguments)
            } throws: { error in
                guard let error = error as? CLIError else { return false }
                return error.exitCode == 2 && error.message.contains(expected) && !error.message.contains("\n")
            }
        }
    }

    @Test func aRefusedLoginNamesTheSentinelAndTheFlags() {
        let address = "127.0.0.1:26379"
        let wrong = SentinelInspection.loginFailure(.init(host: "127.0.0.1", port: 26379),
                                                    message: "127.0.0.1:26379 rejected the password for user default (WRONGPASS)",
                                                    ownCredentials: false)
        #expect(wrong.hasPrefix("sentinel \(address) rejected the user name or password (WRONGPASS)"))
        #expect(wrong.contains("--sentinel-no-auth"))
        let missing = SentinelInspection.loginFailure(.init(host: "127.0.0.1", port: 26379),
                                                      message: "127.0.0.1:26379 requires authentication (NOAUTH) — use --user/--pass",
                                                      ownCredentials: true)
        #expect(missing.hasPrefix("sentinel \(address) requires a password (NOAUTH): check --sentinel-user"))
    }
}
