/// Renders redis.conf / sentinel.conf text for one sandbox server. Pure: no I/O.
enum ConfigWriter {
    /// What a data node is for.
    enum Role: Sendable {
        case standalone
        case replica(ofPort: Int)
        case clusterNode
    }

    /// Lines every server and sentinel shares: address, files, TLS.
    static func common(port: Int, directory: String, options: ServerOptions) -> [String] {
        var bind = ["127.0.0.1"]
        if let host = options.announceHostname, options.bindAnnouncedHostname, host.hasPrefix("127."),
           host != "127.0.0.1" { bind.append(host) }
        var lines = [
            "bind \(bind.joined(separator: " "))",
            "daemonize no",
            "dir \(quote(directory))",
            "logfile \(quote(directory + "/server.log"))",
            "pidfile \(quote(directory + "/server.pid"))",
            "loglevel notice",
        ]
        if let tls = options.tls {
            let certs = tls.certificates
            lines += [
                "port 0",
                "tls-port \(port)",
                "tls-cert-file \(quote(certs.serverCertificate))",
                "tls-key-file \(quote(certs.serverKey))",
                "tls-ca-cert-file \(quote(certs.caCertificate))",
                "tls-auth-clients \(tls.authClients.rawValue)",
                "tls-replication yes",
            ]
        } else {
            lines.append("port \(port)")
        }
        lines.append(options.password == nil ? "protected-mode no" : "protected-mode yes")
        if let password = options.password { lines.append("requirepass \(quote(password))") }
        lines += options.aclUsers.map(\.configLine)
        return lines
    }

    /// A data node (standalone, replica or cluster node).
    static func server(port: Int, directory: String, role: Role, options: ServerOptions) -> String {
        var lines = common(port: port, directory: directory, options: options) + [
            "save \"\"",
            "appendonly no",
            "enable-debug-command local",
            "repl-diskless-sync yes",
            "repl-diskless-sync-delay 0",
        ]
        if let password = options.password { lines.append("masterauth \(quote(password))") }
        switch role {
        case .standalone:
            break
        case let .replica(masterPort):
            lines.append("replicaof 127.0.0.1 \(masterPort)")
        case .clusterNode:
            lines += [
                "cluster-enabled yes",
                "cluster-config-file nodes.conf",
                "cluster-node-timeout \(options.nodeTimeoutMilliseconds)",
            ]
            if options.tls != nil { lines.append("tls-cluster yes") }
            if let host = options.announceHostname {
                lines += ["cluster-announce-hostname \(host)", "cluster-preferred-endpoint-type hostname"]
            }
        }
        return (lines + options.extraConfig).joined(separator: "\n") + "\n"
    }

    /// A sentinel watching `masterName` at 127.0.0.1:`masterPort`. `dataOptions` are the data
    /// nodes' options (their password becomes `auth-pass`); `options` are the sentinel's own.
    static func sentinel(port: Int, directory: String, masterName: String, masterPort: Int, quorum: Int,
                         downAfterMilliseconds: Int, failoverTimeoutMilliseconds: Int,
                         dataOptions: ServerOptions, options: ServerOptions) -> String {
        var lines = common(port: port, directory: directory, options: options) + [
            "sentinel monitor \(masterName) 127.0.0.1 \(masterPort) \(quorum)",
            "sentinel down-after-milliseconds \(masterName) \(downAfterMilliseconds)",
            "sentinel failover-timeout \(masterName) \(failoverTimeoutMilliseconds)",
            "sentinel parallel-syncs \(masterName) 1",
        ]
        if let password = dataOptions.password { lines.append("sentinel auth-pass \(masterName) \(quote(password))") }
        if let password = options.password { lines.append("sentinel sentinel-pass \(quote(password))") }
        return (lines + options.extraConfig).joined(separator: "\n") + "\n"
    }

    /// Double-quotes a config value, escaping `\` and `"`.
    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

import Foundation
