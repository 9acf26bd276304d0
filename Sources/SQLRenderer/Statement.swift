/// One SQL statement and a short description of what it does, for summaries and errors.
public struct Statement: Hashable, Sendable {
    public var sql: String
    /// e.g. `create table public.users`.
    public var summary: String

    public init(_ sql: String, summary: String) {
        self.sql = sql
        self.summary = summary
    }
}

extension [Statement] {
    /// A script that `psql -f` or a simple-query `exec` runs as written.
    public var script: String {
        map { $0.sql + ";\n" }.joined(separator: "\n")
    }
}
