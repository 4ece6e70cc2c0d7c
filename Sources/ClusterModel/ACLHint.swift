/// Which ACL rule would allow a command a `-NOPERM` reply refused, so a monitoring user
/// that lacks it is told exactly what to add instead of just "permission denied".
public enum ACLHint {
    /// `+cluster|shards` for "NOPERM this user has no permissions to run the 'cluster|shards'
    /// command" (Redis 7) or "NOPERM User x has no permissions to run the 'info' command" (6.x).
    public static func rule(forNoPerm message: String) -> String? {
        guard message.uppercased().hasPrefix("NOPERM") else { return nil }
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let command = parts[1].lowercased()
        guard !command.isEmpty, command.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "|" || $0 == "-" || $0 == "_" }) else {
            return nil
        }
        return "+" + command
    }

    /// The rules for every NOPERM among `problems`, de-duplicated, in order.
    public static func rules(in problems: [String]) -> [String] {
        var seen: Set<String> = []
        return problems.compactMap { problem in
            guard let start = problem.uppercased().firstRange(of: "NOPERM")?.lowerBound,
                  let rule = rule(forNoPerm: String(problem.uppercased()[start...]).lowercased().replacingNOPERMPrefix())
            else { return nil }
            return seen.insert(rule).inserted ? rule : nil
        }
    }
}

extension String {
    /// Lower-cased text keeps its `NOPERM` marker upper-case for `rule(forNoPerm:)`.
    fileprivate func replacingNOPERMPrefix() -> String { "NOPERM" + dropFirst("noperm".count) }
}
