#if canImport(Glibc)
import Glibc
#endif
import ClusterModel

/// The wall clock, read only at the edges (the model never reads a clock).
public enum WallClock {
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
}
