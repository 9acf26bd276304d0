/// Swift spellings of PostgreSQL names: `earnings_day` → `earningsDay`, `compute_pools` →
/// `ComputePool` for a row type.
enum SwiftNames {
    /// The words of a name: split at anything that is not a letter or digit.
    static func words(_ name: String) -> [String] {
        name.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    static func upperCamel(_ name: String) -> String {
        identifier(words(name).map(capitalized).joined())
    }

    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return identifier("") }
        let head = first.allSatisfy({ !$0.isLowercase }) ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        return identifier(head + parts.dropFirst().map(capitalized).joined())
    }

    /// The type name for one row of a relation: the last word made singular.
    static func rowTypeName(_ relation: String) -> String {
        var parts = words(relation)
        if let last = parts.popLast() { parts.append(singular(last)) }
        return upperCamel(parts.joined(separator: "_"))
    }

    /// English plural → singular for the common regular forms; other words are kept.
    static func singular(_ word: String) -> String {
        let lower = word.lowercased()
        if lower.hasSuffix("ies"), word.count > 4 { return word.dropLast(3) + "y" }
        for ending in ["sses", "ches", "shes", "xes"] where lower.hasSuffix(ending) { return String(word.dropLast(2)) }
        if lower.hasSuffix("s"), !["ss", "us", "is"].contains(where: lower.hasSuffix), word.count > 3 {
            return String(word.dropLast())
        }
        return word
    }

    private static func capitalized(_ word: String) -> String {
        word.allSatisfy({ !$0.isLowercase }) && word.count > 1
            ? word.prefix(1) + word.dropFirst().lowercased()
            : word.prefix(1).uppercased() + word.dropFirst()
    }

    /// A valid identifier: never empty, never starting with a digit.
    private static func identifier(_ text: String) -> String {
        guard let first = text.first else { return "_" }
        return first.isNumber ? "_" + text : text
    }

    /// `name` as written in a declaration, in backticks where Swift reserves it.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "Type", "Protocol", "consume", "borrowing", "consuming", "copy", "discard", "each", "some", "any",
    ]

    /// `names` made unique by numbering the later of any that repeat.
    static func unique(_ names: [String], avoiding taken: Set<String> = []) -> [String] {
        var seen = taken
        return names.map { name in
            var candidate = name
            var n = 2
            while seen.contains(candidate) {
                candidate = name + String(n)
                n += 1
            }
            seen.insert(candidate)
            return candidate
        }
    }
}
