import ArgumentParser
import Operations

/// The flags `fix` and `reshard` share: how a plan is shown, confirmed, journaled and
/// resumed, and whether an unreachable node may be ignored.
struct PlanRunFlags: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Print the exact commands and change nothing.")
    var dryRun = false

    @Flag(help: "Run without the typed confirmation.")
    var yes = false

    @Flag(help: "Overwrite keys that exist on the target with a different value (MIGRATE … REPLACE).")
    var replace = false

    @Flag(help: "Finish the last interrupted run of this command from its journal (the plan as it was made).")
    var resume = false

    @Option(help: ArgumentHelp("Journal folder (default $XDG_STATE_HOME/slotscope or ~/.local/state/slotscope).", valueName: "DIR"))
    var journal: String?

    @Flag(name: .customLong("force-unreachable"), help: "Run even though a node involved is unreachable.")
    var forceUnreachable = false

    /// The journal folder: `--journal`, or the default for `environment`.
    func journalDirectory(_ environment: [String: String]) -> String {
        journal ?? PlanJournal.defaultDirectory(environment: environment)
    }
}
