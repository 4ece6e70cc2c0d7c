import ClusterModel
import Screens

/// What `slotscope replay FILE` plays: the file's header names its kind (a cluster or a
/// Sentinel recording), which decides how it is read and which inspector shows it.
struct ReplayFile {
    var source: any ReplaySource
    /// What was recorded, as the recorder named it ("127.0.0.1:7000", "sentinel 127.0.0.1:26379").
    var target: String
    var mode: InspectorMode

    /// Every schema `replay` plays.
    static let schemas = ClusterRecording.schemas + [SentinelRecording.schema]

    /// Opens `path` by the schema on its first line; any problem is one line naming the file.
    static func open(_ path: String) throws(CLIError) -> ReplayFile {
        let schema = try RecordingLines.schema(of: path)
        switch schema {
        case _ where ClusterRecording.schemas.contains(schema):
            let recording = try Recording(path: path)
            return ReplayFile(source: recording, target: recording.target, mode: .cluster)
        case SentinelRecording.schema:
            let recording = try SentinelReplayRecording(path: path)
            return ReplayFile(source: recording, target: "sentinel " + recording.target, mode: .sentinel)
        default:
            throw unknownSchema(schema, path: path)
        }
    }

    /// The one line for a header whose schema this build does not play.
    static func unknownSchema(_ schema: String, path: String) -> CLIError {
        CLIError.usage("\(path) is a \(schema) recording; this slotscope reads \(schemas.joined(separator: ", "))")
    }
}
