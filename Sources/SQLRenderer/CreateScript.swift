import SchemaModel

/// The statements that create a whole model in an empty database, in dependency order:
/// schemas, extensions, types, sequences, tables, foreign keys, indexes, functions, views,
/// triggers, row-level security.
public func createStatements(for model: DatabaseModel) -> [Statement] {
    var statements: [Statement] = []
    // Bodies may name objects created later (pg_dump does the same).
    if !model.functions.isEmpty {
        statements.append(Statement("SET check_function_bodies = false", summary: "defer function body checks"))
    }
    for ns in model.namespaces { statements += DDL.createNamespace(ns).at(ns.location) }
    statements += model.extensions.map(DDL.createExtension)
    for e in model.enums { statements += DDL.createEnum(e).at(e.location) }
    for d in model.domains { statements += DDL.createDomain(d).at(d.location) }
    for s in model.sequences { statements += DDL.createSequence(s).at(s.location) }
    for t in tablesParentsFirst(model.tables) { statements += DDL.createTable(t).at(t.location) }
    for t in model.tables {
        for c in t.constraints {
            if case .foreignKey = c.kind { statements += DDL.addConstraint(c, to: t.name).at(c.location ?? t.location) }
        }
    }
    for t in model.tables {
        for i in t.indexes { statements += DDL.createIndex(i, on: t.name).at(i.location ?? t.location) }
    }
    for f in model.functions { statements += DDL.createFunction(f).at(f.location) }
    for v in viewsInDependencyOrder(model.views) { statements += DDL.createView(v).at(v.location) }
    for t in model.tables {
        for trigger in t.triggers { statements += DDL.createTrigger(trigger, on: t.name).at(trigger.location ?? t.location) }
    }
    for t in model.tables {
        statements += DDL.enableRowLevelSecurity(t).at(t.location)
        for p in t.policies { statements += DDL.createPolicy(p, on: t.name).at(p.location ?? t.location) }
    }
    return statements
}

/// A partition is created after its parent; otherwise declaration order is kept.
public func tablesParentsFirst(_ tables: [Table]) -> [Table] {
    var done = Set<QualifiedName>()
    var ordered: [Table] = []
    var pending = tables
    while !pending.isEmpty {
        let before = pending.count
        pending.removeAll { t in
            if let parent = t.partitionOf?.parent, !done.contains(parent) { return false }
            ordered.append(t)
            done.insert(t.name)
            return true
        }
        if pending.count == before {  // parent missing: validation reports it; keep going
            ordered += pending
            break
        }
    }
    return ordered
}

/// Views that read other views come after them. A view's dependencies are the other views
/// whose name appears in its query as a word; on a cycle, declaration order stands.
public func viewsInDependencyOrder(_ views: [View]) -> [View] {
    // Which views each view's query names, found once rather than by searching every query
    // for every name on every pass.
    let byName = Dictionary(views.enumerated().map { (asciiLowercased($1.name.name), [$0]) }, uniquingKeysWith: +)
    let plainNames = byName.keys.allSatisfy { $0.utf8.allSatisfy(isIdentifierByte) }
    let readers: [[Int]] = views.enumerated().map { i, v in
        let named = plainNames ? identifierWords(v.query).flatMap { byName[$0] ?? [] }
            : views.indices.filter { v.query.containsWord(views[$0].name.name) }
        return Array(Set(named)).filter { views[$0].name != v.name }
    }
    var ordered: [View] = []
    var placed = Set<QualifiedName>()
    var pending = Array(views.indices)
    while !pending.isEmpty {
        let before = pending.count
        pending.removeAll { i in
            if readers[i].contains(where: { !placed.contains(views[$0].name) }) { return false }
            ordered.append(views[i])
            placed.insert(views[i].name)
            return true
        }
        if pending.count == before {
            ordered += pending.map { views[$0] }
            break
        }
    }
    return ordered
}

/// A byte of an unquoted identifier: a letter, a digit, `_`, `$`, or part of a non-ASCII character.
private func isIdentifierByte(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95 || b == 36 || b >= 128
}

/// An ASCII upper-case letter lower-cased, as PostgreSQL folds unquoted names; any other byte as is.
private func asciiLower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

private func asciiLowercased(_ text: String) -> String {
    String(decoding: text.utf8.map(asciiLower), as: UTF8.self)
}

/// The identifier-like words of `text`, lower-cased (ASCII letters, as PostgreSQL folds them).
private func identifierWords(_ text: String) -> Set<String> {
    var words = Set<String>()
    var current: [UInt8] = []
    for b in text.utf8 {
        if isIdentifierByte(b) {
            current.append(asciiLower(b))
        } else if !current.isEmpty {
            words.insert(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
    }
    if !current.isEmpty { words.insert(String(decoding: current, as: UTF8.self)) }
    return words
}

extension String {
    /// Whether `word` occurs delimited by non-identifier characters, ASCII letters compared
    /// without case (as PostgreSQL folds unquoted names).
    public func containsWord(_ word: String) -> Bool {
        var text = self
        var word = word
        return text.withUTF8 { t in word.withUTF8 { wordOccurs($0, in: t) } }
    }
}

private func wordOccurs(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !needle.isEmpty, text.count >= needle.count else { return false }
    let first = asciiLower(needle[0])
    var i = 0
    while i + needle.count <= text.count {
        if asciiLower(text[i]) == first, i == 0 || !isIdentifierByte(text[i - 1]),
           i + needle.count == text.count || !isIdentifierByte(text[i + needle.count]) {
            var j = 1
            while j < needle.count && asciiLower(text[i + j]) == asciiLower(needle[j]) { j += 1 }
            if j == needle.count { return true }
        }
        i += 1
    }
    return false
}
