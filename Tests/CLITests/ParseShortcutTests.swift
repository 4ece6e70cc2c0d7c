import ArgumentParser
import Testing
@testable import CLI

/// `slotscope SUBCOMMAND …` parsed on the subcommand alone must mean exactly what the
/// whole tree makes of it, and hand help, errors and redis-cli's `-h HOST` to the tree.
@Suite struct ParseShortcutTests {
    @Test func aSubcommandParsesToTheSameCommand() throws {
        let quick = try #require(try SlotscopeCommand.parseQuickly(["check", "127.0.0.1:7000", "--json", "--no-key-census"]) as? CheckCommand)
        let whole = try #require(try SlotscopeCommand.parseAsRoot(["check", "127.0.0.1:7000", "--json", "--no-key-census"]) as? CheckCommand)
        #expect(quick.address == whole.address && quick.json == whole.json && quick.noKeyCensus == whole.noKeyCensus)
        #expect(quick.address == "127.0.0.1:7000" && quick.json && quick.noKeyCensus)
        let fix = try #require(try SlotscopeCommand.parseQuickly(["fix", "--dry-run", "--journal", "/tmp/j"]) as? FixCommand)
        #expect(fix.execution.dryRun && fix.execution.journal == "/tmp/j" && !fix.execution.yes)
    }

    /// `-h` is the host (as in redis-cli) only in the tree's help names: the shortcut, which
    /// would read it as help, leaves it to the tree.
    @Test func minusHIsTheHostNotHelp() throws {
        let check = try #require(try SlotscopeCommand.parseQuickly(["check", "-h", "10.0.0.7", "-p", "7001"]) as? CheckCommand)
        #expect(check.connection.host == "10.0.0.7" && check.connection.port == 7001)
    }

    @Test func helpAndErrorsAreTheTrees() {
        #expect(throws: (any Error).self) { try SlotscopeCommand.parseQuickly(["check", "--bogus"]) }
        let quick = SlotscopeCommand.message(for: Self.error { try SlotscopeCommand.parseQuickly(["check", "--bogus"]) })
        let whole = SlotscopeCommand.message(for: Self.error { try SlotscopeCommand.parseAsRoot(["check", "--bogus"]) })
        #expect(quick == whole && quick.contains("--bogus"))
        // --help: the tree's own help command (which prints "USAGE: slotscope check …").
        let quickHelp = try? SlotscopeCommand.parseQuickly(["check", "--help"])
        let wholeHelp = try? SlotscopeCommand.parseAsRoot(["check", "--help"])
        #expect(quickHelp.map { "\(type(of: $0))" } == wholeHelp.map { "\(type(of: $0))" })
        #expect(!(quickHelp is CheckCommand))
    }

    static func error(_ body: () throws -> ParsableCommand) -> any Error {
        do {
            _ = try body()
            return CLIError("parsed")
        } catch {
            return error
        }
    }
}
