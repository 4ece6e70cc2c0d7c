/// `cluster_state` is written as its plain value in JSON (`"ok"`, `"fail"`, or whatever a
/// newer server says), as documented in Resources/schemas, not as an enum wrapper.
extension ClusterStateValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .ok: return "ok"
        case .fail: return "fail"
        case .other(let text): return text
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(Substring(try decoder.singleValueContainer().decode(String.self)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
