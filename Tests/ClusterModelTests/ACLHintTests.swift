import Testing
@testable import ClusterModel

@Suite struct ACLHintTests {
    @Test(arguments: [
        ("NOPERM this user has no permissions to run the 'cluster|shards' command", "+cluster|shards"),
        ("NOPERM User monitor has no permissions to run the 'info' command", "+info"),
        ("NOPERM this user has no permissions to run the 'cluster|count-failure-reports' command", "+cluster|count-failure-reports"),
    ])
    func ruleFromTheMessage(message: String, rule: String) {
        #expect(ACLHint.rule(forNoPerm: message) == rule)
    }

    @Test func notANoPermOrNoCommandNamed() {
        #expect(ACLHint.rule(forNoPerm: "ERR unknown command 'foo'") == nil)
        #expect(ACLHint.rule(forNoPerm: "NOPERM this user has no permissions to access one of the keys") == nil)
    }

    @Test func rulesAmongProblemLinesAreDeduplicated() {
        let problems = ["CLUSTER SHARDS: NOPERM this user has no permissions to run the 'cluster|shards' command",
                        "CLUSTER SHARDS: NOPERM this user has no permissions to run the 'cluster|shards' command",
                        "INFO: NOPERM this user has no permissions to run the 'info' command",
                        "CLUSTER NODES: unexpected reply"]
        #expect(ACLHint.rules(in: problems) == ["+cluster|shards", "+info"])
    }
}
