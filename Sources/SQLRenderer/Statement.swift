import SchemaModel

/// One SQL statement and a short description of what it does, for summaries and errors.
public struct Statement: Hashable, Sendable {
    public var sql: String
    /// e.g. `create table public.users`.
    public var summary: String
    /// Where the object was declared, when it came from a declaration.
    public var location: SourceLocation?

    public init(_ sql: String, summary: String, location: SourceLocation? = nil) {
        self.sql = sql
        self.summary = summary
        self.location = location
    }
}

extension [Statement] {
    /// The statements, marked as coming from the declaration at `location`.
    func at(_ location: SourceLocation?) -> [Statement] {
        map { var s = $0; s.location = s.location ?? location; return s }
    }
}

extension [Statement] {
    /// A script that `psql -f` or a simple-query `exec` runs as written.
    public var script: String {
        map { $0.sql + ";\n" }.joined(separator: "\n")
    }
}
