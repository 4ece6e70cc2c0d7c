import Foundation

/// Opens (creates or truncates) the file a recording is written to.
enum RecordingFile {
    /// open(2), not `FileManager.createFile`: that one writes a temporary file and renames it
    /// over the path, which replaces a device or a symlink (`/dev/stdout`, `/dev/full` as root).
    static func open(_ path: String) throws(CLIError) -> FileHandle {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError.usage("cannot write the recording to \(path): \(String(cString: strerror(errno))); "
                + "check the directory exists and is writable")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
