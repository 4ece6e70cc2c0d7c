import ArgumentParser

/// Flags of the interactive UI (the root command and `demo`).
struct InteractiveOptions: ParsableArguments, Sendable {
    @Option(help: "Time between polls in the interactive UI, e.g. 1s or 500ms.")
    var interval = "1s"

    @Flag(name: .customLong("no-color"), help: "No colours (also NO_COLOR); meaning is carried by text and marks.")
    var noColor = false

    @Flag(help: "ASCII lines and marks only, even in a UTF-8 locale.")
    var ascii = false
}
