import Foundation

/// A small JSON Schema checker for the documented output schemas in Resources/schemas:
/// `type`, `required`, `properties`, `items`, `enum` and `$ref` (local and to a sibling
/// file). Enough to hold `check --json` and `snapshot --json` to what the docs promise.
struct SchemaValidator {
    let directory: URL
    private var documents: [String: Any] = [:]

    init(schemaDirectory: URL) throws {
        directory = schemaDirectory
        for name in try FileManager.default.contentsOfDirectory(atPath: schemaDirectory.path) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: schemaDirectory.appendingPathComponent(name))
            documents[name] = try JSONSerialization.jsonObject(with: data)
        }
    }

    /// Resources/schemas of this repository, found from this source file.
    static func repository() throws -> SchemaValidator {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try SchemaValidator(schemaDirectory: root.appendingPathComponent("Resources/schemas"))
    }

    /// Every violation of `file`'s schema by `json`, as `path: problem` lines.
    func violations(of json: Data, against file: String) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
        guard let schema = documents[file] else { return ["no schema named \(file)"] }
        var problems: [String] = []
        check(value, schema, file: file, path: "$", problems: &problems)
        return problems
    }

    private func resolve(_ reference: String, from file: String) -> (Any, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let target = parts[0].isEmpty ? file : String(parts[0])
        guard var node = documents[target] else { return nil }
        for key in (parts.count > 1 ? parts[1] : "").split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(key)] else { return nil }
            node = next
        }
        return (node, target)
    }

    private func check(_ value: Any, _ schemaNode: Any, file: String, path: String, problems: inout [String]) {
        guard let schema = schemaNode as? [String: Any] else { return }
        if let reference = schema["$ref"] as? String {
            guard let (resolved, target) = resolve(reference, from: file) else {
                problems.append("\(path): unresolvable $ref \(reference)")
                return
            }
            return check(value, resolved, file: target, path: path, problems: &problems)
        }
        if let type = schema["type"] as? String, !matches(value, type) {
            problems.append("\(path): expected \(type), got \(Swift.type(of: value))")
            return
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, value) }) {
            problems.append("\(path): \(value) is not one of \(options)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing required key \"\(key)\"")
            }
            for (key, sub) in schema["properties"] as? [String: Any] ?? [:] {
                if let child = object[key] { check(child, sub, file: file, path: "\(path).\(key)", problems: &problems) }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, element) in array.enumerated() {
                check(element, items, file: file, path: "\(path)[\(index)]", problems: &problems)
            }
        }
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return value is Bool && ((value as? NSNumber).map(isBoolean) ?? true)
        case "integer": return (value as? NSNumber).map { !isBoolean($0) && $0.doubleValue.rounded() == $0.doubleValue } ?? false
        case "number": return (value as? NSNumber).map { !isBoolean($0) } ?? false
        case "null": return value is NSNull
        default: return true
        }
    }

    /// JSON booleans come back as NSNumber of type `c` (char); JSON numbers never do.
    private func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if let x = a as? NSNumber, let y = b as? NSNumber { return x == y }
        return false
    }
}
