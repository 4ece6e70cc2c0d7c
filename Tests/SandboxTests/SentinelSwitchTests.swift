import Foundation
import Sandbox
import Testing

/// The scenario pieces `slotscope demo` uses on its Sentinel group: keys on the current
/// master, the master as the sentinels name it, and a kill followed by the sentinels' switch.
@Suite("Sentinel switch scenario")
struct SentinelSwitchTests {
    @Test("keys go to the master; SIGKILL it: the sentinels name the replica, currentMaster follows")
    func killAndSwitch() async throws {
        let sandbox = try makeSandbox()
        do {
            let group = try await sandbox.startSentinelGroup(masterName: "switchmaster", replicas: 1, sentinels: 3,
                                                             quorum: 2, downAfterMilliseconds: 1000)
            let keys = try await sandbox.loadKeys(into: group, count: 25, prefix: "drill")
            #expect(keys.count == 25 && keys.first == "drill:0")
            #expect(try await sandbox.command(group.master, "DBSIZE") == "25")
            #expect(try await sandbox.currentMaster(of: group)?.port == group.master.port)

            // Asked only of the last two sentinels, as the demo does while one is stopped.
            let switched = try await sandbox.killMasterAndAwaitSwitch(group.master, of: group,
                                                                      asking: Array(group.sentinels.dropFirst()))
            print("sentinel switch: \(switched)")
            #expect(!group.master.isRunning)
            #expect(switched.oldMasterPort == group.master.port && switched.oldMasterPID == group.master.pid)
            #expect(switched.newMasterPort == group.replicas[0].port)
            #expect(try await sandbox.currentMaster(of: group)?.port == group.replicas[0].port)
            #expect("\(switched)".contains("switchmaster: master 127.0.0.1:\(group.master.port) killed"))
        } catch {
            await sandbox.stopAll()
            throw error
        }
        await sandbox.stopAll()
    }
}
