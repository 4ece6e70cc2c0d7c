#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// A throwaway CA, a server certificate (for `localhost` and 127.0.0.1) and a client
/// certificate, both signed by the CA, written as PEM files to a fresh temp directory.
/// Ed25519 keys: generated in microseconds, and every OpenSSL 3 speaks them in TLS 1.3.
struct TestCertificates: Sendable {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var serverCertFile: String { directory + "/server.pem" }
    var serverKeyFile: String { directory + "/server.key" }
    var clientCertFile: String { directory + "/client.pem" }
    var clientKeyFile: String { directory + "/client.key" }

    static let shared = TestCertificates()

    private init() {
        var template = Array("/tmp/slotscope-wire-tls-XXXXXX".utf8CString)
        directory = String(cString: mkdtemp(&template)!)
        let caKey = Self.makeKey()
        let ca = Self.makeCertificate(commonName: "Slotscope Test CA", key: caKey, issuer: nil,
                                      extensions: [(NID_basic_constraints, "critical,CA:TRUE"),
                                                   (NID_key_usage, "critical,keyCertSign,cRLSign")])
        let serverKey = Self.makeKey()
        let server = Self.makeCertificate(commonName: "localhost", key: serverKey, issuer: (ca, caKey),
                                          extensions: [(NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1")])
        let clientKey = Self.makeKey()
        let client = Self.makeCertificate(commonName: "slotscope client", key: clientKey, issuer: (ca, caKey), extensions: [])
        Self.write(caFile) { PEM_write_X509($0, ca) }
        Self.write(serverCertFile) { PEM_write_X509($0, server) }
        Self.write(serverKeyFile) { PEM_write_PrivateKey($0, serverKey, nil, nil, 0, nil, nil) }
        Self.write(clientCertFile) { PEM_write_X509($0, client) }
        Self.write(clientKeyFile) { PEM_write_PrivateKey($0, clientKey, nil, nil, 0, nil, nil) }
        atexit {
            let certificates = TestCertificates.shared
            for file in [certificates.caFile, certificates.serverCertFile, certificates.serverKeyFile,
                         certificates.clientCertFile, certificates.clientKeyFile] { unlink(file) }
            rmdir(certificates.directory)
        }
    }

    private static func makeKey() -> OpaquePointer {
        let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil)!
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        precondition(EVP_PKEY_keygen_init(context) == 1 && EVP_PKEY_keygen(context, &key) == 1)
        return key!
    }

    nonisolated(unsafe) private static var serial = 1

    private static func makeCertificate(commonName: String, key: OpaquePointer, issuer: (OpaquePointer, OpaquePointer)?,
                                        extensions: [(Int32, String)]) -> OpaquePointer {
        let certificate = X509_new()!
        X509_set_version(certificate, 2)
        serial += 1
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial)
        X509_gmtime_adj(X509_getm_notBefore(certificate), -3600)
        X509_gmtime_adj(X509_getm_notAfter(certificate), 86400)
        X509_set_pubkey(certificate, key)
        let name = X509_get_subject_name(certificate)
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0)
        X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.0) } ?? name)
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.0 ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            let ext = X509V3_EXT_conf_nid(nil, &context, nid, value)!
            X509_add_ext(certificate, ext, -1)
            X509_EXTENSION_free(ext)
        }
        precondition(X509_sign(certificate, issuer?.1 ?? key, nil) > 0)  // Ed25519 takes no digest
        return certificate
    }

    private static func write(_ path: String, _ body: (UnsafeMutablePointer<FILE>) -> Int32) {
        let file = fopen(path, "w")!
        precondition(body(file) == 1)
        fclose(file)
    }
}

/// A server-side TLS context for `FakeServer`.
/// `@unchecked Sendable`: configured once in `init`, then only used through `SSL_new`.
final class FakeTLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(certificates: TestCertificates = .shared, requireClientCertificate: Bool = false) {
        pointer = SSL_CTX_new(TLS_server_method())!
        precondition(SSL_CTX_use_certificate_chain_file(pointer, certificates.serverCertFile) == 1)
        precondition(SSL_CTX_use_PrivateKey_file(pointer, certificates.serverKeyFile, SSL_FILETYPE_PEM) == 1)
        if requireClientCertificate {
            SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
            precondition(SSL_CTX_load_verify_locations(pointer, certificates.caFile, nil) == 1)
        }
    }

    deinit { SSL_CTX_free(pointer) }
}
