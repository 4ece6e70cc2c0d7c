import COpenSSL

/// The TLS state of one connection, over memory BIOs: the connection moves bytes
/// between the socket and OpenSSL itself, so the same non-blocking loop serves TLS
/// and plaintext, and OpenSSL never writes to the socket (no SIGPIPE).
///
/// Confined to the loop thread, like the connection that owns it.
final class TLSSession {
    enum HandshakeResult {
        case done
        case wantRead
        case failed(WireError)
    }

    enum ReadResult {
        case wantRead
        case closed
        case failed(String)
    }

    private let ssl: OpaquePointer
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    private let context: TLSContext
    private let endpoint: Endpoint
    private let verifiedName: String

    init(context: TLSContext, endpoint: Endpoint, options: TLSOptions) throws(WireError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.pointer),
              let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            throw .tlsConfiguration(reason: "cannot create a TLS session: \(TLSContext.errorQueueText())")
        }
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
        self.context = context
        self.endpoint = endpoint
        SSL_set_bio(ssl, readBIO, writeBIO)  // the SSL object now owns both BIOs
        SSL_set_connect_state(ssl)

        let name = options.serverName ?? endpoint.host
        verifiedName = name
        let nameIsIP = Endpoint.isIPv4Literal(name) || Endpoint.isIPv6Literal(name)
        if !nameIsIP { _ = slotscope_ssl_set_sni(ssl, name) }  // SNI carries names, never IPs
        if context.verifies {
            let ok = nameIsIP ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
                              : SSL_set1_host(ssl, name)
            guard ok == 1 else {
                throw .tlsConfiguration(reason: "cannot verify against \"\(name)\": \(TLSContext.errorQueueText())")
            }
        }
    }

    deinit { SSL_free(ssl) }

    /// Ciphertext received from the socket.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        _ = BIO_write(readBIO, bytes.baseAddress, Int32(bytes.count))
    }

    /// Advances the handshake with what has been fed so far.
    func handshake() -> HandshakeResult {
        ERR_clear_error()
        let result = SSL_connect(ssl)
        if result == 1 { return .done }
        let code = SSL_get_error(ssl, result)
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE { return .wantRead }
        let verification = SSL_get_verify_result(ssl)
        if context.verifies, verification != X509_V_OK {
            var reason = String(cString: X509_verify_cert_error_string(verification))
            if verification == X509_V_ERR_HOSTNAME_MISMATCH || verification == X509_V_ERR_IP_ADDRESS_MISMATCH {
                reason += " (the certificate is not valid for \(verifiedName))"
            }
            ERR_clear_error()
            return .failed(.tlsVerificationFailed(endpoint, reason: reason))
        }
        let reasonCode = ERR_GET_REASON(ERR_peek_error())
        if reasonCode == SSL_R_WRONG_VERSION_NUMBER || reasonCode == SSL_R_PACKET_LENGTH_TOO_LONG
            || reasonCode == SSL_R_HTTP_REQUEST {
            ERR_clear_error()
            return .failed(.doesNotSpeakTLS(endpoint))
        }
        return .failed(.tlsHandshakeFailed(endpoint, reason: TLSContext.errorQueueText()))
    }

    /// Encrypts all of `plain` (memory BIOs accept everything).
    func encrypt(_ plain: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < plain.count {
            ERR_clear_error()
            let chunk = min(plain.count - offset, 1 << 20)
            let written = SSL_write(ssl, plain.baseAddress! + offset, Int32(chunk))
            guard written > 0 else { return TLSContext.errorQueueText() }
            offset += Int(written)
        }
        return nil
    }

    /// Moves pending ciphertext to `output`.
    func takeCiphertext(into output: inout [UInt8]) {
        while true {
            let pending = Int(BIO_ctrl_pending(writeBIO))
            if pending == 0 { return }
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: pending))
            let read = output.withUnsafeMutableBytes { BIO_read(writeBIO, $0.baseAddress! + start, Int32(pending)) }
            output.removeLast(pending - max(0, Int(read)))
            if read <= 0 { return }
        }
    }

    /// Decrypts what has been fed, passing plaintext to `sink` chunk by chunk.
    func decrypt(scratch: UnsafeMutableRawBufferPointer, _ sink: (UnsafeRawBufferPointer) -> Void) -> ReadResult {
        while true {
            ERR_clear_error()
            let read = SSL_read(ssl, scratch.baseAddress, Int32(scratch.count))
            if read > 0 {
                sink(UnsafeRawBufferPointer(rebasing: scratch[0..<Int(read)]))
                continue
            }
            let code = SSL_get_error(ssl, read)
            switch code {
            case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return .wantRead
            case SSL_ERROR_ZERO_RETURN: return .closed
            default: return .failed(TLSContext.errorQueueText())
            }
        }
    }
}
