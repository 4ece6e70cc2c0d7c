import ClusterModel
import Wire

extension PollFailure {
    /// How a connection error shows in a node's row: the kind, with the plain message.
    init(_ error: WireError) {
        switch error {
        case .connectTimeout, .readTimeout:
            self = .timeout
        case .connectionRefused:
            self = .refused
        case .authenticationRequired, .wrongPassword:
            self = .authentication(error.description)
        case .permissionDenied:
            self = .noPermission(error.description)
        case .dnsFailure:
            self = .dns(error.description)
        case .tlsFailure, .tlsHandshakeFailed, .tlsVerificationFailed, .tlsConfiguration,
             .probablySpeaksTLS, .doesNotSpeakTLS:
            self = .tls(error.description)
        case .protocolError, .replyTooLarge, .unexpectedReply:
            self = .protocolError(error.description)
        default:
            self = .other(error.description)
        }
    }
}
