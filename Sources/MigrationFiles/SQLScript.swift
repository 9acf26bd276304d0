import Foundation

/// A statement of a migration file and the line it starts on.
public struct ScriptStatement: Hashable, Sendable {
    public var sql: String
    /// 1-based line in the file.
    public var line: Int

    public init(sql: String, line: Int) {
        self.sql = sql
        self.line = line
    }
}

/// Splits SQL text at the semicolons that end statements: not those inside quotes, quoted
/// identifiers, dollar-quoted bodies, comments, or the `BEGIN ATOMIC … END` body of a
/// function (as psql splits them). Comment-only pieces are dropped.
public func splitStatements(_ text: String) -> [ScriptStatement] {
    let chars = Array(text.unicodeScalars)
    var statements: [ScriptStatement] = []
    var start = 0
    var line = 1
    var startLine = 1
    var hasCode = false
    var i = 0
    // Words of the current statement, for `BEGIN ATOMIC`: depth of BEGIN/CASE … END inside it.
    var firstWord = ""
    var previousWord = ""
    var atomicDepth = 0

    func finish(_ end: Int) {
        if hasCode {
            var sql = String(String.UnicodeScalarView(chars[start..<end]))
            sql = sql.trimmingCharacters(in: .whitespacesAndNewlines)
            statements.append(ScriptStatement(sql: sql, line: startLine))
        }
        hasCode = false
        firstWord = ""
        previousWord = ""
        atomicDepth = 0
    }

    while i < chars.count {
        let c = chars[i]
        let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
        if !hasCode && !c.properties.isWhitespace && !(c == "-" && next == "-") && !(c == "/" && next == "*") {
            hasCode = true
            start = i
            startLine = line
        }
        switch c {
        case "\n":
            line += 1
            i += 1
        case "-" where next == "-":
            while i < chars.count, chars[i] != "\n" { i += 1 }
        case "/" where next == "*":
            // Block comments nest in PostgreSQL.
            var depth = 0
            repeat {
                if chars[i] == "/", i + 1 < chars.count, chars[i + 1] == "*" { depth += 1; i += 2; continue }
                if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "/" { depth -= 1; i += 2; continue }
                if chars[i] == "\n" { line += 1 }
                i += 1
            } while depth > 0 && i < chars.count
        case "'", "\"":
            // E'…' strings escape with backslashes; all quoted text doubles its quote.
            let escapes = c == "'" && i > 0 && (chars[i - 1] == "E" || chars[i - 1] == "e")
            i += 1
            while i < chars.count {
                if chars[i] == "\n" { line += 1 }
                if escapes && chars[i] == "\\" { i += 2; continue }
                if chars[i] == c {
                    if i + 1 < chars.count, chars[i + 1] == c { i += 2; continue }
                    break
                }
                i += 1
            }
            i += 1
        case "$":
            // $tag$ … $tag$, where tag is empty or an identifier.
            var j = i + 1
            while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || (j > i + 1 && chars[j].properties.numericType != nil) { j += 1 }
            if j < chars.count, chars[j] == "$", !(i > 0 && (chars[i - 1].properties.isAlphabetic || chars[i - 1] == "_")) {
                let tag = Array(chars[i...j])
                i = j + 1
                while i < chars.count {
                    if chars[i] == "$", i + tag.count <= chars.count, Array(chars[i..<i + tag.count]) == tag {
                        i += tag.count
                        break
                    }
                    if chars[i] == "\n" { line += 1 }
                    i += 1
                }
            } else {
                i += 1
            }
        case ";" where atomicDepth == 0:
            finish(i)
            i += 1
        case _ where c.properties.isAlphabetic && !(i > 0 && isWordScalar(chars[i - 1])):
            var j = i
            while j < chars.count, isWordScalar(chars[j]) { j += 1 }
            let word = String(String.UnicodeScalarView(chars[i..<j])).lowercased()
            if firstWord.isEmpty { firstWord = word }
            if firstWord == "create" {
                if word == "atomic" && previousWord == "begin" { atomicDepth += 1 }
                else if atomicDepth > 0 && word == "case" { atomicDepth += 1 }
                else if atomicDepth > 0 && word == "end" { atomicDepth -= 1 }
            }
            previousWord = word
            i = j
        default:
            i += 1
        }
    }
    finish(chars.count)
    return statements
}

private func isWordScalar(_ c: Unicode.Scalar) -> Bool {
    c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "$"
}

/// A migration script's statements in the parts that `-- schemagen:commit` lines separate (one
/// part when there is none), each statement with its line in the whole text. A transactional
/// file runs its last part in its transaction, with the history row; the parts before commit.
public func scriptParts(_ text: String) -> [[ScriptStatement]] {
    var lineOffset = 0
    return text.components(separatedBy: MigrationFile.commitMarker).map { part in
        let statements = splitStatements(part).map { ScriptStatement(sql: $0.sql, line: $0.line + lineOffset) }
        lineOffset += part.filter { $0 == "\n" }.count
        return statements
    }
}
