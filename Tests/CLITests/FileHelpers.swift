#if canImport(Glibc)
import Glibc
#endif

func getpidValue() -> Int32 { getpid() }

func removeFile(_ path: String) { unlink(path) }

extension String {
    func write(toPath path: String) throws {
        guard let file = fopen(path, "w") else { throw FileWriteError(path: path) }
        defer { fclose(file) }
        fputs(self, file)
    }
}

struct FileWriteError: Error { let path: String }
