/// Opens the terminal, runs `body`, and closes the terminal however `body` ends (return or throw).
public func withTerminal<Result>(options: TerminalOptions = TerminalOptions(),
                                 _ body: (CursesTerminal) throws -> Result) throws -> Result {
    let terminal = try CursesTerminal(options: options)
    defer { terminal.close() }
    return try body(terminal)
}
