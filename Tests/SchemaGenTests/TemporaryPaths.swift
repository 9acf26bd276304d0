import Foundation

/// Paths for the files tests write (migration directories, pulled declarations, models), all
/// under one directory of this test process that is removed when it exits, so that test runs
/// leave nothing behind.
enum TemporaryPaths {
    private static let root: String = {
        let root = NSTemporaryDirectory() + "schemagen-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TemporaryPaths.root) }
        return root
    }()

    /// A new path under the process's directory; nothing is made there.
    static func path(_ prefix: String) -> String { root + "/\(prefix)-\(UUID().uuidString)" }

    /// A new, empty directory under the process's directory.
    static func directory(_ prefix: String) -> String {
        let path = path(prefix)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
