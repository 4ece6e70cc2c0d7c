import Foundation
import RESP

/// What `Sandbox.killMasterAndAwaitSwitch` left behind: the group's master killed with
/// SIGKILL and a replica promoted by the sentinels (`+switch-master`).
public struct SentinelSwitch: Sendable {
    public let masterName: String
    /// The killed master's port and PID (the sentinels list it as a replica, `s_down`).
    public let oldMasterPort: Int
    public let oldMasterPID: pid_t
    /// The port the sentinels name as master now.
    public let newMasterPort: Int
    /// SIGKILL → a sentinel names the new master.
    public let switchedAfter: Duration
}

extension Sandbox {
    /// The group's master now, as the first of `sentinels` (default: all of the group's)
    /// that answers says (`SENTINEL GET-MASTER-ADDR-BY-NAME`); nil when it names a node this
    /// sandbox did not start for the group. Throws when no sentinel answers.
    public func currentMaster(of group: SentinelGroup, asking sentinels: [ServerProcess]? = nil) async throws -> ServerProcess? {
        let port = try await masterPort(of: group, asking: sentinels ?? group.sentinels)
        return group.dataNodes.first { $0.port == port }
    }

    /// SIGKILLs `master` (the group's current master) by PID, then waits until a sentinel of
    /// `sentinels` names another node as master. With `down-after-milliseconds` at 1000–2000
    /// this takes a few seconds: +sdown, +odown, the vote, +switch-master.
    public func killMasterAndAwaitSwitch(_ master: ServerProcess, of group: SentinelGroup,
                                         asking sentinels: [ServerProcess]? = nil,
                                         timeout: Double = 60) async throws -> SentinelSwitch {
        let asked = sentinels ?? group.sentinels
        let start = ContinuousClock.now
        master.kill()
        var last = ""
        var newPort = master.port
        try await Poll.until("the sentinels of \(group.masterName) to name a new master", timeout: timeout,
                             interval: 0.1, lastObservation: { last }) {
            do {
                newPort = try await self.masterPort(of: group, asking: asked)
            } catch {
                last = "\(error)"
                return false
            }
            last = "master 127.0.0.1:\(newPort)"
            return newPort != master.port
        }
        return SentinelSwitch(masterName: group.masterName, oldMasterPort: master.port, oldMasterPID: master.pid,
                              newMasterPort: newPort, switchedAfter: ContinuousClock.now - start)
    }

    /// `SET key key` for `count` keys `<prefix>:<n>` on the group's current master, pipelined
    /// (its replicas copy them). Returns the keys written.
    @discardableResult
    public func loadKeys(into group: SentinelGroup, count: Int, prefix: String = "key") async throws -> [String] {
        guard count >= 0 else { throw SandboxError.invalidConfiguration("loadKeys needs count >= 0") }
        let keys = (0..<count).map { "\(prefix):\($0)" }
        let port = try await currentMaster(of: group)?.port ?? group.master.port
        try await ScenarioWire.setKeys(keys, port: port, options: group.options)
        return keys
    }

    /// The master's port as the first answering sentinel of `sentinels` gives it.
    private func masterPort(of group: SentinelGroup, asking sentinels: [ServerProcess]) async throws -> Int {
        var failures: [String] = []
        for sentinel in sentinels where sentinel.isRunning {
            do {
                let reply = try await command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", group.masterName, timeout: 2)
                if let port = reply.split(whereSeparator: \.isNewline).last.flatMap({ Int($0) }) { return port }
                failures.append("sentinel \(sentinel.port): \(reply)")
            } catch {
                failures.append("sentinel \(sentinel.port): \(error)")
            }
        }
        throw SandboxError.commandFailed(command: "SENTINEL GET-MASTER-ADDR-BY-NAME \(group.masterName)", exitStatus: 0,
                                         output: failures.isEmpty ? "no running sentinel" : failures.joined(separator: "; "))
    }
}

extension SentinelSwitch: CustomStringConvertible {
    public var description: String {
        "\(masterName): master 127.0.0.1:\(oldMasterPort) killed (pid \(oldMasterPID)); "
            + "the sentinels named 127.0.0.1:\(newMasterPort) after \(PromotedReplica.ms(switchedAfter))"
    }
}
