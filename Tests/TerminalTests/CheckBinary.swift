import TestSupport

/// The `slotscope-tui-check` binary built next to the test bundle.
enum CheckBinary {
    static func path() throws -> String { try BuiltProduct.path("slotscope-tui-check") }
}
