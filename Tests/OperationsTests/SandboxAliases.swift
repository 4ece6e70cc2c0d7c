import Sandbox

/// Sandbox's group of processes, named apart from ClusterModel's `SentinelGroup`
/// (this file imports only Sandbox, so the name is not ambiguous here).
typealias SandboxSentinelGroup = SentinelGroup
