import Testing
@testable import CLI

/// `--sentinel-user`, `--sentinel-pass`, `--sentinel-pass-file`, `--sentinel-no-auth` and
/// `SLOTSCOPE_SENTINEL_AUTH`, resolved without dialing anything.
@Suite struct SentinelAuthTests {
    func resolve(_ arguments: [String], environment: [String: String] = [:]) throws -> SentinelAuth? {
        let flags = try SentinelTargetFlags.parse(arguments)
        return try SentinelAuth.resolve(user: flags.sentinelUser, password: flags.sentinelPassword,
                                        passwordFile: flags.sentinelPasswordFile, noAuth: flags.sentinelNoAuth,
                                        environment: environment)
    }

    @Test func nothingGivenLeavesTheSentinelsTheDataNodesCredentials() throws {
        #expect(try resolve([]) == nil)
        #expect(try resolve([], environment: ["REDISCLI_AUTH": "data"]) == nil)
    }

    @Test func eachSourceAndItsPrecedence() throws {
        #expect(try resolve(["--sentinel-pass", "p"]) == SentinelAuth(user: nil, passwordSource: .commandLine("p")))
        #expect(try resolve(["--sentinel-pass-file", "/f"]) == SentinelAuth(user: nil, passwordSource: .file("/f")))
        #expect(try resolve(["--sentinel-user", "u"], environment: ["SLOTSCOPE_SENTINEL_AUTH": "e"])
                    == SentinelAuth(user: "u", passwordSource: .environment("e")))
        // A flag wins over the environment, as -a wins over REDISCLI_AUTH.
        #expect(try resolve(["--sentinel-pass-file", "/f"], environment: ["SLOTSCOPE_SENTINEL_AUTH": "e"])?.passwordSource == .file("/f"))
        #expect(try resolve(["--sentinel-no-auth"]) == SentinelAuth(user: nil, passwordSource: nil))
        #expect(try resolve(["--sentinel-no-auth"])?.credentials().password == nil)
    }

    @Test func onlyTheCommandLinePasswordIsWarnedAbout() throws {
        #expect(try resolve(["--sentinel-pass", "p"])?.warning?.contains("visible to other users (ps)") == true)
        #expect(try resolve(["--sentinel-pass", "hunter2"])?.warning?.contains("hunter2") == false)
        #expect(try resolve([], environment: ["SLOTSCOPE_SENTINEL_AUTH": "secret-value"])?.warning == nil)
    }

    @Test func contradictionsAreOneUsageLine() {
        for (arguments, expected) in [(["--sentinel-pass", "a", "--sentinel-pass-file", "/f"], "one way only"),
                                      (["--sentinel-user", "u"], "--sentinel-user u needs a password"),
                                      (["--sentinel-no-auth", "--sentinel-pass", "a"], "--sentinel-no-auth goes without")] {
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
