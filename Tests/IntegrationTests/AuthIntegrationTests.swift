import RESP
import Sandbox
import Testing
import Wire

/// AUTH with a password and with ACL users, against real servers.
@Suite struct AuthIntegrationTests {
    @Test func passwordRequiredRightAndWrong() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone(ServerOptions(password: "s3cret-pw"))
        let target = endpoint(server)

        let missing = await wireError { try await Connection(endpoint: target, options: testOptions()).connect() }
        #expect(missing == .authenticationRequired(target))

        let wrong = await wireError {
            try await Connection(endpoint: target, options: testOptions(password: "nope")).connect()
        }
        #expect(wrong == .wrongPassword(target, user: nil))
        #expect(wrong?.description.contains("nope") == false)

        let connection = Connection(endpoint: target, options: testOptions(password: "s3cret-pw"))
        #expect(try await connection.send(RESPCommand("PING")) == .simpleString("PONG"))
        await sandbox.stopAll()
    }

    @Test func aclUserAndWrongPass() async throws {
        let sandbox = try makeSandbox()
        let server = try await sandbox.startStandalone(ServerOptions(
            password: "default-pw", aclUsers: [.admin(name: "ops", password: "ops-pw")]))
        let target = endpoint(server)

        let connection = Connection(endpoint: target, options: testOptions(user: "ops", password: "ops-pw"))
        #expect(try await connection.send(RESPCommand("ACL", "WHOAMI")).string == "ops")

        let wrong = await wireError {
            try await Connection(endpoint: target, options: testOptions(user: "ops", password: "bad")).connect()
        }
        #expect(wrong == .wrongPassword(target, user: "ops"))
        #expect(wrong?.description.contains("bad") == false)
        await sandbox.stopAll()
    }
}
