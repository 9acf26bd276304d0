#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a declaration was written, so errors can point at it.
public struct SourceLocation: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The source file's path as the compiler saw it (`#filePath`).
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// `path:line`, the path relative to the current directory when the file is under it, so an
    /// editor or terminal run from the package root opens it.
    public var description: String { "\(SourceLocation.displayPath(file)):\(line)" }

    static func displayPath(_ path: String) -> String {
        guard path.hasPrefix("/"), let directory = currentDirectory else { return path }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static let currentDirectory: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(cString: buffer)
    }()
}
