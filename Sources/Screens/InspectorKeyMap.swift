import UI

/// The inspector's key bindings, one declaration each: the footer, the help screen and
/// read-only refusal all come from here.
public enum InspectorKeyMap {
    public static func make(_ state: InspectorState) -> KeyMap<InspectorAction> {
        let screen = state.screen
        let list = screen.isList
        let replay = state.isReplay
        let cluster = state.mode == .cluster
        var bindings: [KeyBinding<InspectorAction>] = [
            KeyBinding(keys: [Key("?")!], help: state.showHelp ? "close help" : "help", group: "General",
                       action: .toggleHelp),
            KeyBinding(keys: [Key("q")!, Key("ctrl-c")!], help: "quit", group: "General", action: .quit),
            KeyBinding(keys: [Key("ctrl-l")!], help: "redraw the screen", group: "General", inFooter: false,
                       action: .redraw),
            KeyBinding(keys: [Key("tab")!], help: "next screen", group: "Screens", action: .nextScreen),
            KeyBinding(keys: [Key("backtab")!], help: "previous screen", group: "Screens", inFooter: false,
                       action: .previousScreen),
        ]
        for target in InspectorScreen.allCases {
            bindings.append(KeyBinding(keys: [.char(target.numberKey)], help: target.title, group: "Screens",
                                       inFooter: false, action: .show(target)))
        }
        // The demo's other view (cluster or Sentinel group); in the footer right after tab.
        if let other = state.otherView {
            bindings.append(KeyBinding(keys: [.char(Self.switchViewKey)], help: "\(other) view", group: "Screens",
                                       action: .switchView))
        }
        bindings += [
            KeyBinding(keys: [Key("/")!], help: "filter", group: "View", isEnabled: screen.isFilterable,
                       action: .startFilter),
            KeyBinding(keys: [Key(":")!], help: "command (:slot, :key, :node)", group: "View", inFooter: false,
                       action: .startCommand),
            KeyBinding(keys: [Key("esc")!], help: state.showHelp ? "close help" : "clear filter", group: "View",
                       inFooter: false, action: .back),
            KeyBinding(keys: [Key("s")!], help: "sort (\(state.nodeSort.next.rawValue) next)", group: "View",
                       isEnabled: screen == .nodes && state.snapshot != nil, inFooter: false, action: .sort),
            KeyBinding(keys: [Key("enter")!], help: state.showDetails ? "close details" : "details", group: "View",
                       isEnabled: list, inFooter: false, action: .toggleDetails),
            KeyBinding(keys: [Key("p")!], help: state.paused ? "resume" : "pause", group: "Polling",
                       isEnabled: !replay, action: .togglePause),
            KeyBinding(keys: [Key("r")!], help: "refresh", group: "Polling", isEnabled: !replay, action: .refresh),
            KeyBinding(keys: [Key("space")!], help: state.replay?.paused == true ? "play" : "pause replay",
                       group: "Replay", isEnabled: replay, action: .replayTogglePause),
            KeyBinding(keys: [Key(".")!, Key("n")!], help: "next poll", group: "Replay", isEnabled: replay,
                       action: .replayStep),
            KeyBinding(keys: [Key("+")!, Key("=")!], help: "faster", group: "Replay", isEnabled: replay,
                       action: .replayFaster),
            KeyBinding(keys: [Key("-")!], help: "slower", group: "Replay", isEnabled: replay, action: .replaySlower),
            KeyBinding(keys: [Key("up")!, Key("k")!], help: screen == .slots ? "row up" : "up", group: "Move",
                       isEnabled: list || screen == .slots, inFooter: false, action: .up),
            KeyBinding(keys: [Key("down")!, Key("j")!], help: screen == .slots ? "row down" : "down", group: "Move",
                       isEnabled: list || screen == .slots, inFooter: false, action: .down),
            KeyBinding(keys: [Key("left")!, Key("h")!], help: "previous cell", group: "Move",
                       isEnabled: screen == .slots, inFooter: false, action: .left),
            KeyBinding(keys: [Key("right")!, Key("l")!], help: "next cell", group: "Move",
                       isEnabled: screen == .slots, inFooter: false, action: .right),
            KeyBinding(keys: [Key("pgup")!], help: "page up", group: "Move", isEnabled: list || screen == .slots,
                       inFooter: false, action: .pageUp),
            KeyBinding(keys: [Key("pgdn")!], help: "page down", group: "Move", isEnabled: list || screen == .slots,
                       inFooter: false, action: .pageDown),
            KeyBinding(keys: [Key("g")!, Key("home")!], help: "first", group: "Move",
                       isEnabled: list || screen == .slots, inFooter: false, action: .top),
            KeyBinding(keys: [Key("G")!, Key("end")!], help: "last", group: "Move",
                       isEnabled: list || screen == .slots, inFooter: false, action: .bottom),
            // The actions work on a cluster; Sentinel groups have `slotscope failover --sentinel`.
            KeyBinding(keys: [Key("f")!], help: "fix", group: "Actions", isDangerous: true, isEnabled: cluster,
                       action: .act(.fix)),
            KeyBinding(keys: [Key("R")!], help: "reshard", group: "Actions", isDangerous: true, isEnabled: cluster,
                       inFooter: false, action: .act(.reshard)),
            KeyBinding(keys: [Key("F")!], help: "failover", group: "Actions", isDangerous: true, isEnabled: cluster,
                       inFooter: false, action: .act(.failover)),
            // No key to forget a chosen node: fix forgets ghost nodes on every node (within the
            // 60 s ban window), which is the case that needs it.
        ]
        bindings += state.drills.map { drill in
            KeyBinding(keys: [.char(drill.key)], help: drill.help, group: "Demo drills", isDangerous: true, action: .drill(drill))
        }
        // A replay has no servers: the actions are hidden and refused as in read-only mode.
        return KeyMap(bindings, readOnly: state.readOnly || replay)
    }

    /// The demo's key between the cluster and the Sentinel group (bound only in `slotscope demo`).
    public static let switchViewKey: Character = "v"

    /// What an action says when this session was started without it (no adapter for it).
    public static func notYetMessage(_ name: String) -> String {
        switch name {
        case "reshard", "failover": return "\(name): not in this build: use `slotscope \(name)`"
        default: return "\(name): not in this build"
        }
    }
}
