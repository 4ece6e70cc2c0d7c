#if canImport(Glibc)
import Glibc
#endif
// Temporary entry until the bench's command table lands with the RESP benchmark.
exit(FanoutBenchmark.run(Array(CommandLine.arguments.dropFirst(2))))
