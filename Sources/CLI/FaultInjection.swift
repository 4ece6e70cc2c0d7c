#if canImport(Glibc)
import Glibc
#endif
import Operations

/// `SLOTSCOPE_FAULT=CHECKPOINT@STEP` (e.g. `opened@2`, `keys@1`, `target-node@3`): the
/// process kills itself with SIGKILL when window STEP (1-based, as the plan numbers it)
/// reaches CHECKPOINT — exactly what `kill -9` at that moment does. Tests use it to stop a
/// run at a chosen point without racing it; nothing sets it otherwise.
struct FaultInjection: Sendable {
    let checkpoint: ExecutionCheckpoint
    let step: Int

    init?(environment: [String: String]) {
        guard let text = environment["SLOTSCOPE_FAULT"] else { return nil }
        let parts = text.split(separator: "@")
        guard parts.count == 2, let point = ExecutionCheckpoint(rawValue: String(parts[0])), let step = Int(parts[1]) else {
            return nil
        }
        self.checkpoint = point
        self.step = step
    }

    func reached(step index: Int, _ point: ExecutionCheckpoint) {
        if index + 1 == step && point == checkpoint { kill(getpid(), SIGKILL) }
    }
}
