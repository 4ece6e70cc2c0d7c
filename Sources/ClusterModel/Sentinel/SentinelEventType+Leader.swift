extension SentinelEventType {
    /// Steps only the failover leader publishes: no other sentinel will ever send a copy,
    /// so a timeline need not wait for one before showing them.
    public static let leaderOnly: Set<SentinelEventType> = [
        .tryFailover, .electedLeader, .failoverStateSelectSlave, .noGoodSlave, .selectedSlave,
        .failoverStateSendSlaveofNoone, .failoverStateWaitPromotion, .promotedSlave,
        .failoverStateReconfSlaves, .slaveReconfSent, .slaveReconfInprog, .slaveReconfDone,
        .slaveReconfSentTimeout, .failoverEndForTimeout, .failoverEnd, .slaveTimeout, .abortRace,
    ]

    public var isLeaderOnly: Bool { Self.leaderOnly.contains(self) }
}
