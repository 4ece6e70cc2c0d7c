/// An Elm-style program: state changes only in `update`, which does no I/O and returns the
/// effects for the runtime to perform (poll now, run a plan, quit…); `view` draws a state.
/// Screens implement this; the terminal loop and tests drive it with messages.
public protocol AppProgram {
    associatedtype State: Sendable
    associatedtype Message: Sendable
    associatedtype Effect: Sendable

    /// The next state and the effects it asks for. Must be pure.
    func update(_ state: State, _ message: Message) -> (State, [Effect])

    /// Draws `state` into `buffer`, which has the terminal's current size.
    func view(_ state: State, into buffer: inout ScreenBuffer)
}

extension AppProgram {
    /// Feeds `messages` in order and returns the final state and every effect, in order:
    /// how tests run a scripted session without a terminal.
    public func run(_ state: State, _ messages: [Message]) -> (State, [Effect]) {
        messages.reduce(into: (state, [Effect]())) { accumulated, message in
            let (next, effects) = update(accumulated.0, message)
            accumulated.0 = next
            accumulated.1 += effects
        }
    }

    /// `state` drawn into a new buffer of `size`.
    public func render(_ state: State, size: Size) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        view(state, into: &buffer)
        return buffer
    }
}
