import ClusterModel
import Foundation
import Screens
import Synchronization
import Terminal
import UI

/// One inspector frame of a 200-node cluster at 250×70: the view drawn into the cell grid,
/// then flushed by the ncurses driver to a pseudo-terminal that this process opens as its
/// own stdin/stdout for the duration (a thread reads the other side, as a terminal would).
enum RenderBenchmark {
    static let size = Size(width: 250, height: 70)
    /// The screens measured.
    static let screens: [InspectorScreen] = [.overview, .nodes, .slots]

    /// States of one cluster on `screen`: [0] a poll, [1] the next poll a second later with
    /// nothing changed but the time (a steady poll), [2] a poll where master 0 failed over
    /// (rows move, nearly every cell of the Nodes screen changes).
    static func states(nodes: Int, screen: InspectorScreen) -> [InspectorState] {
        let masters = max(3, nodes / 2)
        let t0 = Timestamp(milliseconds: 1_800_000_000_000)
        let t1 = Timestamp(milliseconds: 1_800_000_001_000)
        let healthy = SyntheticCluster(masters: masters)
        let before = ClusterSnapshot.build(from: healthy.polls(at: t0), at: t0)
        let steady = ClusterSnapshot.build(from: healthy.polls(at: t1), at: t1)
        let after = ClusterSnapshot.build(from: SyntheticCluster(masters: masters, failedOver: [0]).polls(at: t1), at: t1)
        let program = InspectorProgram()
        var state = InspectorState(target: "127.0.0.1:7000", readOnly: false, glyphs: .unicode, size: size, now: t0)
        state.screen = screen
        state = program.update(state, .polled(PollResult(snapshot: before))).0
        let steadyState = program.update(state, .polled(PollResult(snapshot: steady, events: diff(before, steady)))).0
        let failedOver = program.update(state, .polled(PollResult(snapshot: after, events: diff(before, after)))).0
        return [state, steadyState, failedOver]
    }

    static func measure(nodes: Int, frames: Int) throws -> String {
        var report = "\n== one frame at 250×70, \(nodes) nodes, \(frames) frames per case (median per frame)\n"
        let program = InspectorProgram()
        // The view alone, no terminal.
        for screen in screens {
            let states = states(nodes: nodes, screen: screen)
            var samples: [Double] = []
            for frame in 0..<frames {
                samples.append(Measure.seconds { _ = program.render(states[frame % 2 == 0 ? 0 : 2], size: size) } * 1000)
            }
            report += "  render only, \(screen.title.padding(toWidth: 9))" + "\(FanoutBenchmark.format(Measure.median(samples)))\n"
        }
        let flushed = try onPseudoTerminal { terminal, reader in
            var lines: [String] = []
            var written: [String] = []
            var cpuLines: [String] = []
            for screen in screens {
                let states = states(nodes: nodes, screen: screen)
                // Frames alternate between the first poll and `other`; also the bytes the
                // terminal received per frame.
                func median(_ other: Int, repaint: Bool, count: Int) -> (ms: Double, cpu: Double, bytes: Int) {
                    var samples: [Double] = []
                    var cpu: [Double] = []
                    let before = reader.settledByteCount()
                    for frame in 0..<count {
                        if repaint { terminal.invalidate() }
                        let state = states[frame % 2 == 0 ? 0 : other]
                        let start = Measure.threadCPUSeconds()
                        samples.append(Measure.seconds { terminal.draw(program.render(state, size: size)) } * 1000)
                        cpu.append((Measure.threadCPUSeconds() - start) * 1000)
                    }
                    return (Measure.median(samples), Measure.median(cpu), (reader.settledByteCount() - before) / max(1, count))
                }
                let steady = median(1, repaint: false, count: frames)
                let failover = median(2, repaint: false, count: frames)
                let full = median(2, repaint: true, count: frames / 4)
                let title = screen.title.padding(toWidth: 9)
                lines.append("  render + flush, \(title)"
                    + "steady poll \(FanoutBenchmark.format(steady.ms)), failover poll \(FanoutBenchmark.format(failover.ms)), "
                    + "full repaint \(FanoutBenchmark.format(full.ms))")
                written.append("  bytes per frame, \(title)steady \(steady.bytes), failover \(failover.bytes), full repaint \(full.bytes)")
                cpuLines.append("  thread CPU,      \(title)steady poll \(FanoutBenchmark.format(steady.cpu)), "
                    + "failover poll \(FanoutBenchmark.format(failover.cpu)), full repaint \(FanoutBenchmark.format(full.cpu))")
            }
            return lines + cpuLines + written
        }
        report += flushed.joined(separator: "\n") + "\n  bar: render + flush ≤ 2 ms"
        return report
    }

    /// `frames` render + flush cycles of `screen` and nothing else (for callgrind: run with N
    /// and with 0 and divide the difference by N); with `repaint`, each frame a full repaint.
    static func callgrindFrames(_ frames: Int, nodes: Int, screen: InspectorScreen, repaint: Bool) throws {
        let program = InspectorProgram()
        let states = states(nodes: nodes, screen: screen)
        // One frame before counting starts, so N = 0 and N > 0 both open, draw once and close.
        var bytes = 0
        _ = try onPseudoTerminal { terminal, reader in
            terminal.draw(program.render(states[0], size: size))
            let before = reader.settledByteCount()
            for frame in 0..<frames {
                if repaint { terminal.invalidate() }
                terminal.draw(program.render(states[frame % 2 == 0 ? 2 : 0], size: size))
            }
            bytes = reader.settledByteCount() - before
            return [String]()
        }
        print("drew \(frames) \(repaint ? "full repaints" : "frames") of \(screen.title), \(bytes / max(1, frames)) bytes each")
    }

    /// Runs `body` with a `CursesTerminal` on a new 250×70 pseudo-terminal that replaces
    /// stdin and stdout meanwhile; restores both after.
    static func onPseudoTerminal(_ body: (CursesTerminal, PtyReader) -> [String]) throws -> [String] {
        let (master, name) = try PseudoTerminal.open(columns: size.width, rows: size.height)
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError("cannot open \(name)") }
        fflush(nil)
        let savedIn = dup(0), savedOut = dup(1)
        dup2(slave, 0)
        dup2(slave, 1)
        for (name, value) in ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"] { setenv(name, value, 1) }
        let reader = PtyReader(master: master)
        reader.start()
        defer {
            dup2(savedIn, 0)
            dup2(savedOut, 1)
            close(savedIn)
            close(savedOut)
            close(slave)
            reader.stop()
            close(master)
        }
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch {
            throw BenchError("cannot open the terminal on the pty: \(error)")
        }
        let result = body(terminal, reader)
        terminal.close()
        return result
    }

    /// Reads, counts and discards a pty's output on a thread of its own, so the writer never
    /// blocks.
    final class PtyReader: Sendable {
        private let master: Int32
        private let stopped = Mutex(false)
        private let finished = DispatchSemaphore(value: 0)
        private let received = Atomic<Int>(0)

        init(master: Int32) { self.master = master }

        func start() {
            // Non-blocking: after each wake-up, read everything there is in one go.
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
            let thread = Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65536)
                while !stopped.withLock({ $0 }) {
                    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                    guard poll(&descriptor, 1, 20) > 0 else { continue }
                    while case let count = read(master, &buffer, buffer.count), count > 0 {
                        received.add(count, ordering: .relaxed)
                    }
                }
                finished.signal()
            }
            thread.start()
        }

        /// The bytes read so far, once the terminal side has been quiet for 50 ms (what was
        /// written before the call has then been read).
        func settledByteCount() -> Int {
            var last = received.load(ordering: .relaxed)
            while true {
                usleep(50_000)
                let now = received.load(ordering: .relaxed)
                if now == last { return now }
                last = now
            }
        }

        func stop() {
            stopped.withLock { $0 = true }
            finished.wait()
        }
    }
}
