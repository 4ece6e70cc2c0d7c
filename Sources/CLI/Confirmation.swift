#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Operations

/// The typed confirmation an action needs without `--yes`: the number of slots the plan
/// touches (or `yes` when it touches none), or a name the action gives (a failover: the
/// replica's id or the master name), typed on a terminal and ended with Enter — never a
/// single key press. With no terminal the action is refused.
enum Confirmation {
    /// What the user must type for `plan`.
    static func expectedAnswer(for plan: Plan) -> String {
        plan.slots.isEmpty ? "yes" : String(plan.slots.count)
    }

    static func require(_ plan: Plan, action: String) throws(CLIError) {
        let expected = expectedAnswer(for: plan)
        try require(typing: expected, what: plan.slots.isEmpty ? "yes" : "\(expected) (the number of slots this plan touches)",
                    action: action)
    }

    /// Asks for `expected`, described to the user as `what`; refuses without a terminal.
    static func require(typing expected: String, what: String, action: String,
                        changes target: String = "the cluster") throws(CLIError) {
        guard isatty(0) == 1, isatty(2) == 1 else {
            throw CLIError("\(action) changes \(target) and needs confirmation: pass --yes, or run it on a terminal "
                           + "to type it (--dry-run shows the plan); nothing was changed", exitCode: 2)
        }
        writeError("Type \(what) and press Enter to go ahead; anything else cancels: ")
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: " "), answer == expected else {
            throw CLIError("not confirmed: nothing was changed", exitCode: 1)
        }
    }

    private static func writeError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
