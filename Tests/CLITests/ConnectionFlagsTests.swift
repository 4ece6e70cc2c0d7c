import Testing
@testable import CLI

@Suite struct ConnectionFlagsTests {
    func resolve(_ arguments: [String], address: String? = nil, environment: [String: String] = [:]) throws -> ConnectionRequest {
        let flags = try ConnectionFlags.parse(arguments)
        return try flags.resolve(address: address, environment: environment)
    }

    @Test func defaultsMatchRedisCli() throws {
        let request = try resolve([])
        #expect(request.host == "127.0.0.1")
        #expect(request.port == 6379)
        #expect(request.tls == nil)
        #expect(request.passwordSource == nil)
        #expect(!request.readOnly)
        #expect(request.timeout == .seconds(2))
    }

    @Test func positionalAddressWinsOverFlagsAndURI() throws {
        let request = try resolve(["-h", "10.1.1.1", "-p", "7000", "-u", "redis://u:p@10.2.2.2:7001"], address: "127.0.0.1:7002")
        #expect(request.address == "127.0.0.1:7002")
        #expect(request.user == "u")
        #expect(request.passwordSource == .uri("p"))
    }

    @Test func positionalHostWithoutPortKeepsThePortFlag() throws {
        let request = try resolve(["-p", "7005"], address: "localhost")
        #expect(request.address == "localhost:7005")
    }

    @Test func environmentPasswordIsUsedWhenNoFlagGivesOne() throws {
        let request = try resolve([], environment: ["REDISCLI_AUTH": "fromenv"])
        #expect(request.passwordSource == .environment("fromenv"))
        #expect(request.passwordSource?.warning == nil)
    }

    @Test func commandLinePasswordWarns() throws {
        let request = try resolve(["-a", "pw"], environment: ["REDISCLI_AUTH": "fromenv"])
        #expect(request.passwordSource == .commandLine("pw"))
        #expect(request.passwordSource?.warning?.contains("REDISCLI_AUTH") == true)
    }

    @Test func onePasswordSourceOnly() {
        #expect(throws: CLIError.self) { try resolve(["-a", "pw", "--askpass"]) }
    }

    @Test func tlsOptionsNeedTLS() {
        #expect {
            try resolve(["--cacert", "/tmp/ca.pem"])
        } throws: { error in
            (error as? CLIError)?.message.contains("need --tls") == true
        }
    }

    @Test func certAndKeyGoTogether() {
        #expect(throws: CLIError.self) { try resolve(["--tls", "--cert", "/tmp/c.pem"]) }
    }

    @Test func redissURITurnsOnTLSWithVerification() throws {
        let request = try resolve(["-u", "rediss://127.0.0.1:6380", "--cacert", "/tmp/ca.pem"])
        #expect(request.tls?.caFile == "/tmp/ca.pem")
        #expect(request.tls?.insecure == false)
    }

    @Test func readOnlyFromFlagOrEnvironment() throws {
        #expect(try resolve(["--read-only"]).readOnly)
        #expect(try resolve([], environment: ["SLOTSCOPE_READONLY": "1"]).readOnly)
        #expect(try resolve([], environment: ["SLOTSCOPE_READONLY": "yes"]).readOnly)
        #expect(try !resolve([], environment: ["SLOTSCOPE_READONLY": "0"]).readOnly)
    }

    @Test func passwordFileIsReadFirstLineOnly() throws {
        let path = "/tmp/slotscope-pass-\(getpidValue())"
        try "filepass\nsecond line\n".write(toPath: path)
        defer { removeFile(path) }
        let request = try resolve(["--pass-file", path])
        #expect(try request.passwordSource?.read() == "filepass")
    }

    @Test func missingPasswordFileIsAOneLineError() throws {
        let request = try resolve(["--pass-file", "/nonexistent/slotscope"])
        #expect {
            _ = try request.passwordSource?.read()
        } throws: { error in
            (error as? CLIError)?.message == "cannot read password file /nonexistent/slotscope: No such file or directory"
        }
    }
}

@Suite struct DurationParsingTests {
    @Test(arguments: [("2s", 2000), ("500ms", 500), ("1.5", 1500), ("1m", 60000), ("0.25s", 250)])
    func parses(text: String, milliseconds: Int64) throws {
        #expect(try DurationParsing.parse(text, flag: "--timeout") == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "abc", "-1s", "0", "2h", "inf"])
    func rejects(text: String) {
        #expect(throws: CLIError.self) { try DurationParsing.parse(text, flag: "--timeout") }
    }
}
