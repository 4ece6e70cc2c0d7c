import Sandbox

/// The Sentinel group's drills: kill the group's master, stop a sentinel.
extension DemoDrills {
    /// The group's sentinels that answer: running and not frozen by the stop drill.
    private func answeringSentinels(_ group: SentinelGroup) -> [ServerProcess] {
        let paused = pausedPID
        return group.sentinels.filter { $0.isRunning && $0.pid != paused }
    }

    /// SIGKILL the master the sentinels name now (it moves at each failover), if a running
    /// replica is left to take over; returns once a sentinel names the new master.
    func killMaster(of group: SentinelGroup, post: @escaping @Sendable (String) -> Void) async throws -> String {
        let sentinels = answeringSentinels(group)
        guard let master = try await sandbox.currentMaster(of: group, asking: sentinels), master.isRunning else {
            return "kill the group's master: its master is already down (restart the demo)"
        }
        guard group.dataNodes.contains(where: { $0.port != master.port && $0.isRunning }) else {
            return "kill the group's master: no running replica is left to take over (restart the demo)"
        }
        post("SIGKILL to \(group.masterName)'s master 127.0.0.1:\(master.port) (pid \(master.pid)); "
            + "the sentinels fail over in a few seconds: see Events")
        let switched = try await sandbox.killMasterAndAwaitSwitch(master, of: group, asking: sentinels)
        return "failed over: \(switched)"
    }

    /// SIGSTOP the last running sentinel (the first is the inspector's first seed); the other
    /// two still make the quorum, so a failover can run meanwhile.
    func stopSentinel(of group: SentinelGroup) -> Result<Paused, DrillRefusal> {
        guard let sentinel = group.sentinels.last(where: { $0.isRunning }), sentinel.pause() else {
            return .failure(DrillRefusal(line: "stop a sentinel: no running sentinel left (restart the demo)"))
        }
        return .success(Paused(what: "sentinel 127.0.0.1:\(sentinel.port)", pid: sentinel.pid,
                               resume: { sentinel.resume() }))
    }
}
