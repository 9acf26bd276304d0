/// A migration that could not be applied, checked or rolled back; one message the user acts on.
/// A failed statement carries where it is and what PostgreSQL said.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The file, and the line and column of the error in it (from PostgreSQL's error position).
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var statement: String?
    public var sqlState: String?
    public var detail: String?
    public var hint: String?

    public init(_ message: String) { self.message = message }

    /// A statement of `file` that PostgreSQL refused; `position` is PostgreSQL's 1-based error
    /// position in the statement.
    public init(file: String, statement: ScriptStatement, message: String, position: Int?, sqlState: String?,
                detail: String?, hint: String?) {
        var line = statement.line
        var column = 1
        if let position {
            let lines = statement.sql.prefix(max(0, position - 1)).split(separator: "\n", omittingEmptySubsequences: false)
            line += lines.count - 1
            column = (lines.last?.count ?? 0) + 1
        }
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.statement = statement.sql
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
    }

    /// `file:line:column: PostgreSQL's message`, DETAIL and HINT, then the statement.
    public var description: String {
        guard let file, let line, let column else { return message }
        var text = "\(file):\(line):\(column): \(message)"
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        if let statement { text += "\nstatement:\n\(statement)" }
        return text
    }
}
