import Foundation

/// A set of throw-away certificates made with the `openssl` CLI (EC P-256, valid ten years):
/// a CA, a server certificate for `IP:127.0.0.1, IP:127.0.0.2, DNS:localhost` (also good for
/// client auth, since redis-server uses it for cluster-bus and replication links), a client
/// certificate, and an unrelated second CA with its own client certificate for negative tests.
/// `Resources/make-test-certs.sh` does the same from a shell.
public struct TestCertificates: Sendable, Equatable {
    /// Directory holding every file.
    public var directory: String
    public var caCertificate: String { path("ca.crt") }
    public var caKey: String { path("ca.key") }
    public var serverCertificate: String { path("server.crt") }
    public var serverKey: String { path("server.key") }
    public var clientCertificate: String { path("client.crt") }
    public var clientKey: String { path("client.key") }
    /// A CA that signed nothing the servers trust.
    public var otherCACertificate: String { path("other-ca.crt") }
    public var otherCAKey: String { path("other-ca.key") }
    /// A client certificate signed by the other CA (rejected when `tls-auth-clients yes`).
    public var otherClientCertificate: String { path("other-client.crt") }
    public var otherClientKey: String { path("other-client.key") }

    public init(directory: String) { self.directory = directory }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Makes a fresh set in `directory` (created if needed). Takes about a tenth of a second.
    public static func make(in directory: String) async throws -> TestCertificates {
        let openssl = try RedisBinaries.locateTool("openssl", hint: "Install OpenSSL: apt-get install -y openssl")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certs = TestCertificates(directory: directory)
        let days = "3650"
        func run(_ args: [String]) async throws {
            let result = try await Subprocess.run(openssl, args, timeout: 30)
            guard result.exitCode == 0 else {
                throw SandboxError.commandFailed(command: "openssl " + args.joined(separator: " "),
                                                 exitStatus: result.exitCode, output: result.stderr)
            }
        }
        func write(_ name: String, _ text: String) throws -> String {
            let file = certs.path(name)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return file
        }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        let serverExt = try write("server.ext", """
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth,clientAuth
            subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost
            """)
        let clientExt = try write("client.ext", """
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=clientAuth
            """)
        for (name, subject) in [("ca", "/CN=Slotscope Test CA"), ("other-ca", "/CN=Slotscope Unrelated CA")] {
            try await run(["req", "-x509"] + key + ["-keyout", certs.path("\(name).key"), "-out", certs.path("\(name).crt"),
                           "-days", days, "-subj", subject, "-config", "/dev/null",
                           "-addext", "basicConstraints=critical,CA:TRUE",
                           "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        }
        let leaves = [("server", "/CN=localhost", serverExt, "ca"), ("client", "/CN=slotscope-client", clientExt, "ca"),
                      ("other-client", "/CN=unrelated-client", clientExt, "other-ca")]
        for (name, subject, ext, ca) in leaves {
            try await run(["req", "-new"] + key + ["-keyout", certs.path("\(name).key"), "-out", certs.path("\(name).csr"),
                           "-subj", subject, "-config", "/dev/null"])
            try await run(["x509", "-req", "-in", certs.path("\(name).csr"), "-CA", certs.path("\(ca).crt"),
                           "-CAkey", certs.path("\(ca).key"), "-set_serial", String(UInt32.random(in: 1...UInt32.max)),
                           "-days", days, "-out", certs.path("\(name).crt"), "-extfile", ext])
        }
        // redis-server reads the keys; keep them private to this user anyway.
        for name in ["ca", "other-ca", "server", "client", "other-client"] {
            chmod(certs.path("\(name).key"), 0o600)
        }
        return certs
    }

    private static let cache = Locked<Task<TestCertificates, Error>?>(nil)

    /// One set per process, made on first use in a temp directory and shared by every caller.
    public static func shared() async throws -> TestCertificates {
        let task = cache.withLock { cached -> Task<TestCertificates, Error> in
            if let cached { return cached }
            StaleDirectories.sweepOnce()
            let directory = StaleDirectories.path(prefix: StaleDirectories.certificatesPrefix)
            let task = Task { try await make(in: directory) }
            cached = task
            return task
        }
        return try await task.value
    }
}
