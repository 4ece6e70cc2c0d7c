import Testing
@testable import CLI

@Suite struct RedisURITests {
    @Test func plainURIWithEverything() throws {
        let uri = try RedisURI("redis://ops:s3cr%40t@10.0.0.5:7000/2")
        #expect(uri == RedisURI.expected(tls: false, user: "ops", password: "s3cr@t", host: "10.0.0.5", port: 7000, database: 2))
    }

    @Test func tlsSchemeAndDefaults() throws {
        let uri = try RedisURI("rediss://cache.internal")
        #expect(uri.tls)
        #expect(uri.host == "cache.internal")
        #expect(uri.port == nil)
        #expect(uri.user == nil && uri.password == nil)
    }

    @Test func lonePasswordAsRedisCliReadsIt() throws {
        let uri = try RedisURI("redis://:hunter2@127.0.0.1:6380")
        #expect(uri.user == nil)
        #expect(uri.password == "hunter2")
        #expect(uri.port == 6380)
    }

    @Test func ipv6Host() throws {
        let uri = try RedisURI("redis://[::1]:7001")
        #expect(uri.host == "::1")
        #expect(uri.port == 7001)
    }

    @Test(arguments: [
        ("http://127.0.0.1:6379", "expected redis://"),
        ("redis://127.0.0.1:99999", "is not a number from 1 to 65535"),
        ("redis://127.0.0.1:6379/x", "database \"x\" is not a number"),
        ("redis://[::1:6379", "no closing ']'"),
        ("redis://:pw@", "no host"),
    ])
    func badURIsSayWhatIsWrong(text: String, fragment: String) {
        #expect {
            _ = try RedisURI(text)
        } throws: { error in
            guard let error = error as? CLIError else { return false }
            return error.message.contains(fragment) && !error.message.contains("\n")
        }
    }

    @Test func errorsNeverEchoThePassword() {
        #expect {
            _ = try RedisURI("redis://ops:topsecret@host:notaport")
        } throws: { error in
            let message = (error as? CLIError)?.message ?? ""
            return !message.contains("topsecret") && message.contains("ops:***@")
        }
    }
}

extension RedisURI {
    static func expected(tls: Bool, user: String?, password: String?, host: String, port: Int?, database: Int?) -> RedisURI {
        var uri = try! RedisURI("redis://x")
        uri.tls = tls
        uri.user = user
        uri.password = password
        uri.host = host
        uri.port = port
        uri.database = database
        return uri
    }
}
