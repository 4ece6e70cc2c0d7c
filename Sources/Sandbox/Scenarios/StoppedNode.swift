import Foundation
import RESP
import Wire

/// A node frozen with SIGSTOP by `Sandbox.stopNode`: its port still accepts connections (the
/// kernel completes the handshake) but nothing is ever answered, the way a stalled node hangs
/// `redis-cli --cluster check`.
public struct StoppedNode: Sendable {
    /// The frozen node.
    public let node: NodeRef
    /// Its PID (the only process the scenario signals).
    public let pid: pid_t
    /// Wall-clock time of the SIGSTOP.
    public let stoppedAt: Date
    /// SIGSTOP → every other running node flags it `fail?` or `fail`, when that was waited for.
    public let flaggedAfter: Duration?
    let process: ServerProcess

    /// SIGCONT: the node answers again. Returns false if the process is gone.
    @discardableResult
    public func resume() -> Bool { process.resume() }
}

extension Sandbox {
    /// SIGSTOPs `node` by PID and checks it no longer answers (a PING times out). With
    /// `waitUntilFlagged`, also waits until every other running node flags it `fail?` or `fail`
    /// (about one node timeout). A stopped master that has a replica gets failed over after a
    /// little more; stop a replica, or a master without one, to keep the topology as it was.
    /// Call `resume()` to end the scenario (`stopAll` resumes paused servers too).
    public func stopNode(_ node: ClusterNode, in cluster: SandboxCluster, waitUntilFlagged: Bool = false,
                         timeout: Double = 30) async throws -> StoppedNode {
        let stoppedAt = Date()
        let start = ContinuousClock.now
        guard node.process.pause() else {
            throw SandboxError.invalidConfiguration("\(node.process) is not running")
        }
        let answered: Bool
        do {
            _ = try await ScenarioWire.with(port: node.port, options: cluster.options,
                                            requestTimeout: .milliseconds(300)) { try await $0.send(RESPCommand("PING")) }
            answered = true
        } catch {
            answered = false
        }
        guard !answered else {
            node.process.resume()
            throw SandboxError.commandFailed(command: "PING after SIGSTOP on port \(node.port)", exitStatus: 0,
                                             output: "the node still answered")
        }
        var flaggedAfter: Duration?
        if waitUntilFlagged {
            let others = cluster.nodes.filter { $0.id != node.id && $0.process.isRunning }
            var last = ""
            try await Poll.until("every node to flag \(node.id) fail? or fail", timeout: timeout,
                                 lastObservation: { last }) {
                for other in others {
                    let line = try await self.clusterNodesView(of: other.process).first { $0.id == node.id }
                    guard let line, !line.flags.isDisjoint(with: ["fail", "fail?"]) else {
                        last = "port \(other.port) sees \(line?.flags.sorted().joined(separator: ",") ?? "nothing")"
                        return false
                    }
                }
                return true
            }
            flaggedAfter = ContinuousClock.now - start
        }
        return StoppedNode(node: NodeRef(node), pid: node.process.pid, stoppedAt: stoppedAt,
                           flaggedAfter: flaggedAfter, process: node.process)
    }
}
