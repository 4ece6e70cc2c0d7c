import Wire

extension ConnectionRequest {
    /// The endpoint to dial.
    public var endpoint: Endpoint { Endpoint(host: host, port: port) }

    /// Wire options for this request, reading the password now (prompt, file or env).
    public func connectionOptions() throws(CLIError) -> ConnectionOptions {
        let password = try passwordSource?.read(prompt: "Password for \(address): ")
        let tlsOptions = tls.map {
            TLSOptions(enabled: true, caFile: $0.caFile, caDirectory: $0.caDirectory,
                       certFile: $0.certificateFile, keyFile: $0.keyFile,
                       serverName: $0.serverName, insecure: $0.insecure)
        } ?? .disabled
        return ConnectionOptions(
            tls: tlsOptions,
            credentials: Credentials(user: user, password: password),
            connectTimeout: timeout, requestTimeout: timeout,
            readOnly: readOnly)
    }
}
