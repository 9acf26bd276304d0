/// A migration carried in the application's binary: `schemagen embed` writes them as a Swift file
/// from the migrations directory, so a deployed binary needs no files beside it.
public struct EmbeddedMigration: Sendable, Hashable {
    public var version: Int64
    public var name: String
    /// The up file's text.
    public var up: String
    /// The SHA-256 that `schemagen.sum` records for the up file: a text that differs from it (a
    /// file edited without `schemagen hash`) is refused before anything runs.
    public var recordedChecksum: String

    public init(version: Int64, name: String, up: String, recordedChecksum: String) {
        self.version = version
        self.name = name
        self.up = up
        self.recordedChecksum = recordedChecksum
    }

    public var upFile: String { "\(version)_\(name).up.sql" }
}
