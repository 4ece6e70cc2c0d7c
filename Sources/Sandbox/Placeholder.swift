// Placeholder until the Sandbox target lands.
