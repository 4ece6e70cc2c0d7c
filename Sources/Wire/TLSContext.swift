import COpenSSL
import Synchronization

/// An `SSL_CTX` configured from `TLSOptions`: trust store, client certificate, TLS ≥ 1.2.
/// Built once per distinct set of files and shared by every connection that uses it
/// (loading a CA bundle for each of 200 nodes would be wasted work).
///
/// `@unchecked Sendable`: the context is only configured in `init`; afterwards it is used
/// only through `SSL_new`, which OpenSSL documents as safe on a shared, unchanging context.
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    let verifies: Bool

    private struct Key: Hashable {
        var caFile, caDirectory, certFile, keyFile: String?
        var insecure: Bool
    }

    private static let cache = Mutex<[Key: TLSContext]>([:])

    /// The shared context for `options`, built on first use.
    static func shared(for options: TLSOptions) throws(WireError) -> TLSContext {
        let key = Key(caFile: options.caFile, caDirectory: options.caDirectory,
                      certFile: options.certFile, keyFile: options.keyFile, insecure: options.insecure)
        if let context = cache.withLock({ $0[key] }) { return context }
        let context = try TLSContext(options)
        return cache.withLock { cache in
            if let existing = cache[key] { return existing }
            cache[key] = context
            return context
        }
    }

    private init(_ options: TLSOptions) throws(WireError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw .tlsConfiguration(reason: "cannot create a TLS context: \(TLSContext.errorQueueText())")
        }
        pointer = context
        verifies = !options.insecure
        _ = slotscope_ctx_set_min_tls12(context)
        _ = slotscope_ctx_set_mode_partial_write(context)
        if options.insecure {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if options.caFile != nil || options.caDirectory != nil {
                guard SSL_CTX_load_verify_locations(context, options.caFile, options.caDirectory) == 1 else {
                    let what = [options.caFile, options.caDirectory].compactMap { $0 }.joined(separator: ", ")
                    throw .tlsConfiguration(reason: "cannot load CA certificates from \(what): \(TLSContext.errorQueueText())")
                }
            } else if SSL_CTX_set_default_verify_paths(context) != 1 {
                throw .tlsConfiguration(reason: "cannot load the system CA certificates: \(TLSContext.errorQueueText())")
            }
        }
        if options.certFile != nil || options.keyFile != nil {
            guard let certFile = options.certFile, let keyFile = options.keyFile else {
                throw .tlsConfiguration(reason: "--cert and --key must be given together")
            }
            guard SSL_CTX_use_certificate_chain_file(context, certFile) == 1 else {
                throw .tlsConfiguration(reason: "cannot load the client certificate \(certFile): \(TLSContext.errorQueueText())")
            }
            guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
                throw .tlsConfiguration(reason: "cannot load the private key \(keyFile): \(TLSContext.errorQueueText())")
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw .tlsConfiguration(reason: "the key \(keyFile) does not match the certificate \(certFile)")
            }
        }
    }

    deinit { SSL_CTX_free(pointer) }

    /// OpenSSL's error queue as readable reasons ("wrong version number"), emptied.
    static func errorQueueText() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) {
                reasons.append(String(cString: reason))
            } else {
                var buffer = [CChar](repeating: 0, count: 256)
                ERR_error_string_n(code, &buffer, buffer.count)
                reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return explain(reasons.isEmpty ? "unknown TLS error" : reasons.joined(separator: "; "))
    }

    /// Adds the fix to OpenSSL reasons whose cause is a missing setting.
    static func explain(_ reason: String) -> String {
        if reason.contains("certificate required") || reason.contains("handshake failure") && reason.contains("alert") {
            return reason + " (the server may require a client certificate — add --cert and --key)"
        }
        return reason
    }
}
