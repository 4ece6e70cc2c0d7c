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
        for screen in [InspectorScreen.overview, .nodes, .slots] {
            let states = states(nodes: nodes, screen: screen)
            var samples: [Double] = []
            for frame in 0..<frames {
                samples.append(Measure.seconds { _ = program.render(states[frame % 2 == 0 ? 0 : 2], size: size) } * 1000)
            }
            report += "  render only, \(screen.title.padding(toWidth: 9))" + "\(FanoutBenchmark.format(Measure.median(samples)))\n"
        }
        let flushed = try onPseudoTerminal { terminal in
            var lines: [String] = []
            for screen in [InspectorScreen.overview, .nodes, .slots] {
                let states = states(nodes: nodes, screen: screen)
                // Frames alternate between the first poll and `other`.
                func median(_ other: Int, repaint: Bool, count: Int) -> Double {
                    var samples: [Double] = []
                    for frame in 0..<count {
                        if repaint { terminal.invalidate() }
                        let state = states[frame % 2 == 0 ? 0 : other]
                        samples.append(Measure.seconds { terminal.draw(program.render(state, size: size)) } * 1000)
                    }
                    return Measure.median(samples)
                }
                let steady = median(1, repaint: false, count: frames)
                let failover = median(2, repaint: false, count: frames)
                let full = median(2, repaint: true, count: frames / 4)
                lines.append("  render + flush, \(screen.title.padding(toWidth: 9))"
                    + "steady poll \(FanoutBenchmark.format(steady)), failover poll \(FanoutBenchmark.format(failover)), "
                    + "full repaint \(FanoutBenchmark.format(full))")
            }
            return lines
        }
        report += flushed.joined(separator: "\n") + "\n  bar: render + flush ≤ 2 ms"
        return report
    }

    /// `frames` render + flush cycles of the Nodes screen and nothing else (for callgrind:
    /// run with N and with 0 and divide the difference by N).
    static func callgrindFrames(_ frames: Int, nodes: Int) throws {
        let program = InspectorProgram()
        let states = states(nodes: nodes, screen: .nodes)
        _ = try onPseudoTerminal { terminal in
            for frame in 0..<frames { terminal.draw(program.render(states[frame % 2 == 0 ? 0 : 2], size: size)) }
            return [String]()
        }
        print("drew \(frames) frames")
    }

    /// Runs `body` with a `CursesTerminal` on a new 250×70 pseudo-terminal that replaces
    /// stdin and stdout meanwhile; restores both after.
    static func onPseudoTerminal(_ body: (CursesTerminal) -> [String]) throws -> [String] {
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
        let result = body(terminal)
        terminal.close()
        return result
    }

    /// Reads and discards a pty's output on a thread of its own, so the writer never blocks.
    final class PtyReader: Sendable {
        private let master: Int32
        private let stopped = Mutex(false)
        private let finished = DispatchSemaphore(value: 0)

        init(master: Int32) { self.master = master }

        func start() {
            let thread = Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65536)
                while !stopped.withLock({ $0 }) {
                    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                    if poll(&descriptor, 1, 20) > 0 { _ = read(master, &buffer, buffer.count) }
                }
                finished.signal()
            }
            thread.start()
        }

        func stop() {
            stopped.withLock { $0 = true }
            finished.wait()
        }
    }
}
