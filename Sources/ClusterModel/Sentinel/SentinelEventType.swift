/// The channel name of a Sentinel event (`+sdown`, `+switch-master`, …). A
/// type this version does not know is still a value: it is kept verbatim.
public struct SentinelEventType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public static let resetMaster: Self = "+reset-master"
    public static let slave: Self = "+slave"
    public static let sentinel: Self = "+sentinel"
    public static let dupSentinel: Self = "-dup-sentinel"
    public static let sdown: Self = "+sdown"
    public static let sdownCleared: Self = "-sdown"
    public static let odown: Self = "+odown"
    public static let odownCleared: Self = "-odown"
    public static let newEpoch: Self = "+new-epoch"
    public static let tryFailover: Self = "+try-failover"
    public static let voteForLeader: Self = "+vote-for-leader"
    public static let electedLeader: Self = "+elected-leader"
    public static let failoverStateSelectSlave: Self = "+failover-state-select-slave"
    public static let noGoodSlave: Self = "-failover-abort-no-good-slave"
    public static let notElected: Self = "-failover-abort-not-elected"
    /// The promoted replica did not turn master within failover-timeout.
    public static let slaveTimeout: Self = "-failover-abort-slave-timeout"
    /// Older servers: another failover of the same master started first.
    public static let abortRace: Self = "-failover-abort-race"
    public static let selectedSlave: Self = "+selected-slave"
    public static let failoverStateSendSlaveofNoone: Self = "+failover-state-send-slaveof-noone"
    public static let failoverStateWaitPromotion: Self = "+failover-state-wait-promotion"
    public static let promotedSlave: Self = "+promoted-slave"
    public static let failoverStateReconfSlaves: Self = "+failover-state-reconf-slaves"
    public static let slaveReconfSent: Self = "+slave-reconf-sent"
    public static let slaveReconfInprog: Self = "+slave-reconf-inprog"
    public static let slaveReconfDone: Self = "+slave-reconf-done"
    public static let slaveReconfSentTimeout: Self = "+slave-reconf-sent-timeout"
    public static let failoverEndForTimeout: Self = "+failover-end-for-timeout"
    public static let failoverEnd: Self = "+failover-end"
    public static let switchMaster: Self = "+switch-master"
    public static let configUpdateFrom: Self = "+config-update-from"
    public static let convertToSlave: Self = "+convert-to-slave"
    public static let fixSlaveConfig: Self = "+fix-slave-config"
    public static let roleChange: Self = "+role-change"
    public static let roleChangeCleared: Self = "-role-change"
    public static let failoverDetected: Self = "+failover-detected"
    public static let tilt: Self = "+tilt"
    public static let tiltCleared: Self = "-tilt"
    public static let monitor: Self = "+monitor"
    public static let unmonitor: Self = "-monitor"
    public static let set: Self = "+set"
    public static let redirectToMaster: Self = "+redirect-to-master"
    public static let sentinelAddressSwitch: Self = "+sentinel-address-switch"
    public static let sentinelAddressUpdate: Self = "+sentinel-address-update"
    public static let sentinelInvalidAddress: Self = "+sentinel-invalid-addr"
    public static let scriptChild: Self = "+script-child"
    public static let scriptError: Self = "-script-error"

    /// Every type listed in the Sentinel documentation that Slotscope names.
    public static let known: Set<Self> = [
        .resetMaster, .slave, .sentinel, .dupSentinel, .sdown, .sdownCleared, .odown, .odownCleared, .newEpoch,
        .tryFailover, .voteForLeader, .electedLeader, .failoverStateSelectSlave, .noGoodSlave, .notElected,
        .slaveTimeout, .abortRace, .selectedSlave, .failoverStateSendSlaveofNoone, .failoverStateWaitPromotion,
        .promotedSlave, .failoverStateReconfSlaves, .slaveReconfSent, .slaveReconfInprog, .slaveReconfDone,
        .slaveReconfSentTimeout, .failoverEndForTimeout, .failoverEnd, .switchMaster, .configUpdateFrom,
        .convertToSlave, .fixSlaveConfig, .roleChange, .roleChangeCleared, .failoverDetected, .tilt, .tiltCleared,
        .monitor, .unmonitor, .set, .redirectToMaster, .sentinelAddressSwitch, .sentinelAddressUpdate,
        .sentinelInvalidAddress, .scriptChild, .scriptError,
    ]

    public var isKnown: Bool { Self.known.contains(self) }

    /// `-failover-abort-…`: the failover attempt stopped (a known reason or a newer one).
    public var isFailoverAbort: Bool { rawValue.hasPrefix("-failover-abort-") }
}
