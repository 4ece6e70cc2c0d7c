import CLI
#if canImport(Glibc)
import Glibc
#endif

// A peer closing a socket must surface as an error on that connection, never kill the process.
signal(SIGPIPE, SIG_IGN)
exit(await SlotscopeCommand.run())
