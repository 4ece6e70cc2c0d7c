extension PollSettings {
    /// The commands every poll pipelines to each node, as shown in the TUI's Log screen.
    public var commandNames: [String] {
        PollCommands.all(includeShards: includeShards).map(\.description)
    }
}
