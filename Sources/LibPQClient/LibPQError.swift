/// An error reported by PostgreSQL or libpq, with the fields PostgreSQL sends.
public struct LibPQError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// SQLSTATE, e.g. `42P07` (duplicate table); nil for client-side failures.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    /// 1-based character position of the error in the statement.
    public var position: Int?
    /// The statement that failed.
    public var statement: String?

    public init(message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
                position: Int? = nil, statement: String? = nil) {
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.position = position
        self.statement = statement
    }

    /// The message, its SQLSTATE, and detail and hint when PostgreSQL sent them.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let position, let statement { text += " at \(Self.lineAndColumn(of: position, in: statement))" }
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    /// `line L, column C` of a 1-based character position.
    static func lineAndColumn(of position: Int, in text: String) -> String {
        var line = 1
        var column = 1
        for (i, ch) in text.enumerated() {
            if i + 1 >= position { break }
            if ch == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return "line \(line), column \(column)"
    }
}

/// A connection URL with its password replaced, for messages.
public func redactedURL(_ url: String) -> String {
    // postgresql://user:secret@host/db → postgresql://user:***@host/db
    guard let scheme = url.firstRange(of: "://") else { return url }
    let rest = url[scheme.upperBound...]
    var result = url
    if let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
        result = String(url[..<rest.index(after: colon)]) + "***" + String(url[at...])
    }
    // …?password=secret&…
    if let range = result.firstRange(of: "password=") {
        let end = result[range.upperBound...].firstIndex(of: "&") ?? result.endIndex
        result.replaceSubrange(range.upperBound..<end, with: "***")
    }
    return result
}

/// The password of a `scheme://user:password@host…` URL, if it has one.
func password(in url: String) -> String? {
    guard let scheme = url.firstRange(of: "://") else { return nil }
    let rest = url[scheme.upperBound...]
    guard let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return nil }
    return String(rest[rest.index(after: colon)..<at])
}

