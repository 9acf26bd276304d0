import SchemaModel

extension Differ {
    // MARK: Composite and range types, collations

    /// Composite types added, dropped, or changed by adding and dropping attributes; any other
    /// change was set aside to be replaced (`setAsideReplacedTypes`).
    mutating func diffCompositeTypes() {
        let have = Dictionary(current.compositeTypes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.compositeTypes.map(\.name))
        for c in desired.compositeTypes {
            guard let old = have[c.name] else {
                add(.createCompositeType(c), .enums, hazards: lossyTypes.contains(c.name) ? [.deletesData] : [],
                    provides: [.type(c.name)])
                commentIfAny(.type(c.name), c.comment)
                for a in c.attributes { commentIfAny(.column(c.name, a.name), a.comment) }
                continue
            }
            for change in attributeChanges(from: old, to: c) ?? [] {
                let dropping = if case .dropAttribute = change { true } else { false }
                add(.alterCompositeType(c.name, change), .enums, hazards: dropping ? [.deletesData] : [],
                    provides: [.type(c.name)])
            }
            commentIfChanged(.type(c.name), from: old.comment, to: c.comment)
            let oldAttributes = Dictionary(old.attributes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for a in c.attributes {
                if let o = oldAttributes[a.name] {
                    commentIfChanged(.column(c.name, a.name), from: o.comment, to: a.comment)
                } else {
                    commentIfAny(.column(c.name, a.name), a.comment)
                }
            }
        }
        for c in current.compositeTypes where !want.contains(c.name) {
            add(.dropType(c.name), .dropTypes, removes: [.type(c.name)])
        }
    }

    /// The `ADD ATTRIBUTE` and `DROP ATTRIBUTE` that turn `old` into `new`, or nil when that
    /// cannot be done so: an attribute retyped, or the kept ones in another order (PostgreSQL
    /// adds attributes at the end only).
    func attributeChanges(from old: CompositeType, to new: CompositeType) -> [CompositeAlteration]? {
        func definition(_ a: CompositeType.Attribute) -> CompositeType.Attribute {
            var a = a
            a.comment = nil
            return a
        }
        let newNames = Set(new.attributes.map(\.name))
        let kept = old.attributes.filter { newNames.contains($0.name) }.map(definition)
        guard new.attributes.count >= kept.count, Array(new.attributes.prefix(kept.count).map(definition)) == kept else {
            return nil
        }
        let dropped = old.attributes.filter { !newNames.contains($0.name) }.map { CompositeAlteration.dropAttribute($0.name) }
        return dropped + new.attributes.dropFirst(kept.count).map { .addAttribute(definition($0)) }
    }

    /// Range types added and dropped; a changed one was set aside to be replaced.
    mutating func diffRangeTypes() {
        let have = Dictionary(current.rangeTypes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.rangeTypes.map(\.name))
        for r in desired.rangeTypes {
            guard let old = have[r.name] else {
                add(.createRangeType(r), .enums, provides: [.type(r.name)])
                commentIfAny(.type(r.name), r.comment)
                continue
            }
            commentIfChanged(.type(r.name), from: old.comment, to: r.comment)
        }
        for r in current.rangeTypes where !want.contains(r.name) {
            // The multirange goes with its range.
            add(.dropType(r.name), .dropTypes,
                removes: [.type(r.name), .type(QualifiedName(schema: r.name.schema, r.effectiveMultirangeName))])
        }
    }

    mutating func diffCollations() {
        let have = Dictionary(current.collations.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.collations.map(\.name))
        for c in desired.collations {
            guard let old = have[c.name] else {
                add(.createCollation(c), .createSchemas, provides: [.collation(c.name)])
                commentIfAny(.collation(c.name), c.comment)
                continue
            }
            commentIfChanged(.collation(c.name), from: old.comment, to: c.comment)
        }
        for c in current.collations where !want.contains(c.name) {
            add(.dropCollation(c.name), .dropTypes, removes: [.collation(c.name)])
        }
    }

    // MARK: Converting a column's values

    /// How a column retyped from `old` to `new` converts its values: a conversion the hints
    /// give, one through text or field by field where a type was replaced, or PostgreSQL's
    /// own cast; nil when there is none of these.
    func conversion(of column: ColumnName, from old: DataType, to new: DataType) -> ValueConversion? {
        if let expression = hints.conversions[column] { return .expression(expression) }
        if let composite = compositeFields(from: old, to: new) { return composite }
        func isReplaceable(_ t: DataType) -> Bool {
            guard let name = t.referencedTypeName else { return false }
            return [current, desired].contains { m in
                m.enums.contains { $0.name == name } || m.rangeTypes.contains { $0.name == name }
                    || m.rangeTypes.contains { QualifiedName(schema: $0.name.schema, $0.effectiveMultirangeName) == name }
            }
        }
        // Between two user types, one an enum or range, PostgreSQL has no cast: through text.
        if let a = old.referencedTypeName, let b = new.referencedTypeName, a != b, isReplaceable(old) || isReplaceable(new) {
            if case .array = new { return .through(.array(.text)) }
            return .through(.text)
        }
        return hasCast(from: resolved(old), to: resolved(new)) ? .cast : nil
    }

    /// `conversion(of:from:to:)`, the column listed in `unconvertible` when there is none.
    mutating func convertible(_ column: ColumnName, from old: DataType, to new: DataType) -> ValueConversion? {
        let found = conversion(of: column, from: old, to: new)
        if found == nil { unconvertible.append("\(column): from \(old.formatted) to \(new.formatted)") }
        return found
    }

    /// A column of a composite type that is replaced: its fields taken over by name.
    private func compositeFields(from old: DataType, to new: DataType) -> ValueConversion? {
        guard case .named(let a) = old, case .named(let b) = new, a != b,
              let from = current.compositeTypes.first(where: { $0.name == a }),
              let to = desired.compositeTypes.first(where: { $0.name == b }) else { return nil }
        let names = Set(from.attributes.map(\.name))
        return .fields(to.attributes.map { names.contains($0.name) ? $0.name : nil })
    }

    /// A domain stands for its base type when casting.
    private func resolved(_ type: DataType) -> DataType {
        switch type {
        case .named(let name):
            let domain = desired.domains.first { $0.name == name } ?? current.domains.first { $0.name == name }
            return domain.map { resolved($0.baseType) } ?? type
        case .array(let element): return .array(resolved(element))
        default: return type
        }
    }
}

/// Whether PostgreSQL can turn a value of type `from` into `to` with `::`: its casts between
/// built-in types, and the conversion every type has to and from text. Types this does not
/// know are given the benefit of the doubt: the migration is tried before it is written.
func hasCast(from: DataType, to: DataType) -> Bool {
    if from == to { return true }
    func isText(_ t: DataType) -> Bool {
        switch t {
        case .text, .varchar, .char: return true
        case .other(let s): return s == "name" || s.hasPrefix("character") || s == "citext"
        default: return false
        }
    }
    if isText(from) || isText(to) { return true }
    func known(_ t: DataType) -> Bool {
        switch t {
        case .other, .named: return false
        case .array(let e): return known(e)
        default: return true
        }
    }
    guard known(from), known(to) else { return true }
    let numbers: Set<String> = ["smallint", "integer", "bigint", "numeric", "real", "double precision"]
    let times: Set<String> = ["date", "timestamp without time zone", "timestamp with time zone"]
    let a = from.family == .numeric(precision: nil, scale: nil) ? "numeric" : from.formatted
    let b = to.family == .numeric(precision: nil, scale: nil) ? "numeric" : to.formatted
    switch (from, to) {
    case (.array(let x), .array(let y)): return hasCast(from: x, to: y)
    case (.array, _), (_, .array): return false
    default: break
    }
    if numbers.contains(a) && numbers.contains(b) { return true }
    if times.contains(a) && times.contains(b) { return true }
    switch (a, b) {
    case ("boolean", "integer"), ("integer", "boolean"), ("json", "jsonb"), ("jsonb", "json"):
        return true
    case ("jsonb", let target) where numbers.contains(target) || target == "boolean":
        return true
    default:
        return a == b
    }
}

/// Whether two range types are the same definition, comments aside.
func sameRange(_ a: RangeType, _ b: RangeType) -> Bool {
    var a = a
    a.comment = b.comment
    a.location = b.location
    return a == b
}
