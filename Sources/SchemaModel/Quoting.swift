
/// Quotes an identifier when PostgreSQL would not read it back unchanged: anything but
/// lower-case ASCII letters, digits, `_` and `$` (not first), or a keyword.
public func quoteIdentifier(_ name: String) -> String {
    var plain = !name.isEmpty
    var first = true
    for byte in name.utf8 where plain {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"): break
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "$"): plain = !first
        default: plain = false
        }
        first = false
    }
    if plain && !quotedKeywords.contains(name) { return name }
    return "\"" + doubling("\"", in: name) + "\""
}

public func quoteName(_ name: QualifiedName) -> String {
    quoteIdentifier(name.schema) + "." + quoteIdentifier(name.name)
}

/// A string literal. With `standard_conforming_strings` on (the default since 9.1) only the
/// quote needs doubling; a backslash is an ordinary character.
public func quoteLiteral(_ text: String) -> String {
    "'" + doubling("'", in: text) + "'"
}

/// `text` with every `quote` doubled. Most texts have none, and Foundation's search and
/// replace costs more than the rest of a migration's rendering together.
private func doubling(_ quote: Character, in text: String) -> String {
    guard text.contains(quote) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for ch in text {
        result.append(ch)
        if ch == quote { result.append(ch) }
    }
    return result
}

/// `$tag$…$tag$` with a tag that does not occur in the text.
public func dollarQuote(_ text: String) -> String {
    var tag = "$$"
    var n = 0
    while text.contains(tag) {
        n += 1
        tag = "$body\(n == 1 ? "" : String(n))$"
    }
    return tag + text + tag
}

extension DataType {
    /// The type as it is written in DDL.
    public var sql: String {
        switch self {
        case .named(let name): return quoteName(name)
        case .array(let element): return element.sql + "[]"
        default: return formatted
        }
    }
}

