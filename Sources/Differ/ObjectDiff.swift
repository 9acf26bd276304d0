import SchemaModel

extension Differ {
    // MARK: Schemas, extensions

    mutating func diffSchemasAndExtensions() {
        let have = Dictionary(current.namespaces.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.namespaces.map(\.name))
        for ns in desired.namespaces {
            if let old = have[ns.name] {
                commentIfChanged(.schema(ns.name), from: old.comment, to: ns.comment)
            } else {
                add(.createSchema(ns.name), .createSchemas, provides: [.schema(ns.name)])
                commentIfAny(.schema(ns.name), ns.comment)
            }
        }
        for ns in current.namespaces where !want.contains(ns.name) {
            add(.dropSchema(ns.name), .dropSchemas, hazards: [.breaksClients], removes: [.schema(ns.name)])
        }
        let haveExtensions = Dictionary(current.extensions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let wantExtensions = Set(desired.extensions.map(\.name))
        for e in desired.extensions {
            guard let old = haveExtensions[e.name] else {
                add(.createExtension(e), .createSchemas, provides: [.extension(e.name)],
                    requires: e.schema.map { [.schema($0)] } ?? [])
                continue
            }
            if let schema = e.schema, schema != old.schema {
                add(.alterExtension(e.name, .setSchema(schema)), .createSchemas, hazards: [.breaksClients],
                    provides: [.extension(e.name)], requires: [.schema(schema)])
            }
            if let version = e.version, let was = old.version, version != was {
                if extensionVersion(version, isOlderThan: was) {
                    // Extensions ship update scripts forward only: going back is dropping the
                    // extension and what uses it, which is not a change to make unasked.
                    notes.append("extension \(e.name) is at version \(was), the target has \(version): "
                        + "PostgreSQL updates extensions forward only, so it is left at \(was)")
                } else {
                    add(.alterExtension(e.name, .updateTo(version)), .createSchemas, provides: [.extension(e.name)])
                }
            }
        }
        for e in current.extensions where !wantExtensions.contains(e.name) {
            add(.dropExtension(e.name), .dropSchemas, removes: [.extension(e.name)])
        }
    }

    // MARK: Enums

    mutating func diffEnums() {
        let have = Dictionary(current.enums.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.enums.map(\.name))
        for e in desired.enums {
            guard let old = have[e.name] else {
                // A replaced type that lacks values of the old one: converting its columns may fail or lose data.
                add(.createEnum(e), .enums, hazards: lossyTypes.contains(e.name) ? [.deletesData] : [],
                    provides: [.type(e.name)])
                commentIfAny(.type(e.name), e.comment)
                continue
            }
            // Removed or reordered labels were set aside (`setAsideReplacedTypes`); here only additions.
            var present = old.labels
            for (i, label) in e.labels.enumerated() where !present.contains(label) {
                let position: EnumValuePosition = i > 0 ? .after(e.labels[i - 1]) : .before(present[0])
                add(.addEnumValue(e.name, label: label, position: position), .enums, requires: [.type(e.name)])
                present.insert(label, at: i)
            }
            commentIfChanged(.type(e.name), from: old.comment, to: e.comment)
        }
        for e in current.enums where !want.contains(e.name) {
            add(.dropType(e.name), .dropTypes, removes: [.type(e.name)])
        }
    }

    // MARK: Domains

    mutating func diffDomains() {
        let have = Dictionary(current.domains.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.domains.map(\.name))
        for d in desired.domains {
            guard let old = have[d.name] else {
                add(.createDomain(d), .domains, provides: [.type(d.name)])
                // A NOT VALID check can only be added to a domain that exists.
                for c in d.checks where !c.isValid {
                    add(.alterDomain(d.name, .addCheck(c)), .domains, provides: [.type(d.name)])
                }
                commentIfAny(.domain(d.name), d.comment)
                for c in d.checks { commentIfAny(.domainConstraint(d.name, c.name), c.comment) }
                continue
            }
            let id = ObjectID.type(d.name)
            if old.defaultExpression != d.defaultExpression {
                add(.alterDomain(d.name, .setDefault(d.defaultExpression)), .domains, provides: [id])
            }
            if old.isNullable != d.isNullable {
                add(.alterDomain(d.name, .setNotNull(!d.isNullable)), .domains, provides: [id])
            }
            let oldChecks = Dictionary(old.checks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let newChecks = Dictionary(d.checks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var dropped: [Int] = []
            for c in old.checks where newChecks[c.name].map({ !sameCheck(c, $0) }) ?? true {
                dropped.append(add(.alterDomain(d.name, .dropCheck(c.name)), .domains))
            }
            for c in d.checks {
                if let o = oldChecks[c.name], sameCheck(o, c) {
                    if !o.isValid && c.isValid {
                        add(.alterDomain(d.name, .validateCheck(c.name)), .validate, hazards: [.validationScan], requires: [id])
                    }
                    commentIfChanged(.domainConstraint(d.name, c.name), from: o.comment, to: c.comment)
                    continue
                }
                add(.alterDomain(d.name, .addCheck(c)), .domains, hazards: [.validationScan, .blocksWrites], provides: [id], after: dropped)
                commentIfAny(.domainConstraint(d.name, c.name), c.comment)
            }
            commentIfChanged(.domain(d.name), from: old.comment, to: d.comment)
        }
        for d in current.domains where !want.contains(d.name) {
            add(.dropDomain(d.name), .dropTypes, removes: [.type(d.name)])
        }
    }

    // MARK: Sequences

    mutating func diffSequences() {
        let have = Dictionary(current.sequences.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.sequences.map(\.name))
        for s in desired.sequences {
            guard let old = have[s.name] else {
                add(.createSequence(s), .sequences, provides: [.sequence(s.name)])
                if let owner = s.ownedBy {
                    add(.setSequenceOwner(s.name, owner), .sequenceOwners, provides: [.sequenceOwner(s.name)])
                }
                commentIfAny(.sequence(s.name), s.comment)
                continue
            }
            if old.options != s.options {
                var clamp: [Int] = []
                if narrows(old.options, to: s.options) {
                    clamp = [add(.clampSequence(s.name, s.options.effectiveMin...s.options.effectiveMax), .sequences)]
                }
                add(.alterSequence(s.name, s.options), .sequences, provides: [.sequence(s.name)], after: clamp)
            }
            if old.ownedBy != s.ownedBy {
                add(.setSequenceOwner(s.name, s.ownedBy), .sequenceOwners,
                    removes: old.ownedBy == nil ? [] : [.sequenceOwner(s.name)],
                    provides: s.ownedBy == nil ? [] : [.sequenceOwner(s.name)],
                    requires: [.sequence(s.name)])
            }
            commentIfChanged(.sequence(s.name), from: old.comment, to: s.comment)
        }
        for s in current.sequences where !want.contains(s.name) {
            // A sequence owned by a column that is dropped goes with it (see `droppedWith`).
            if let owner = s.ownedBy, ownerIsDropped(owner) { continue }
            add(.dropSequence(s.name), .dropSequences, removes: [.sequence(s.name), .sequenceOwner(s.name)])
        }
    }

    /// Whether the column owning a sequence is dropped by this plan (with its table or alone).
    func ownerIsDropped(_ owner: ColumnName) -> Bool {
        guard let table = desiredTable(owner.table) else { return true }
        if rebuild.contains(.table(owner.table)) || rebuild.contains(.column(owner.table, owner.column)) { return true }
        return table.column(named: owner.column) == nil
    }

    /// The sequences that dropping these columns drops with them, and their ownership, for the
    /// drop's `removes`. (A sequence still wanted was given another owner first.)
    func droppedWith(_ columns: [ColumnName]) -> [ObjectID] {
        let dropped = Set(columns)
        var seen = Set<QualifiedName>()
        return columns.flatMap { c in
            guard seen.insert(c.table).inserted else { return [ObjectID]() }
            return (sequencesOwnedBy[c.table] ?? []).flatMap { s -> [ObjectID] in
                guard let owner = s.ownedBy, dropped.contains(owner) else { return [] }
                return wantedSequences.contains(s.name) ? [.sequenceOwner(s.name)] : [.sequence(s.name), .sequenceOwner(s.name)]
            }
        }
    }

    // MARK: Functions

    mutating func diffFunctions() {
        let have = Dictionary(current.functions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.functions.map(\.id))
        for f in desired.functions {
            let id = f.id
            guard let old = have[id] else {
                createFunction(f)
                continue
            }
            if rebuild.contains(id) {
                add(.dropFunction(old), .dropFunctions, removes: [id])
                createFunction(f)
                continue
            }
            var o = old
            o.comment = f.comment
            o.location = f.location
            if o != f {
                add(.createFunction(f, orReplace: true), .replaceFunctions, provides: [id])
            }
            commentIfChanged(.function(f), from: old.comment, to: f.comment)
        }
        for f in current.functions where !want.contains(f.id) {
            add(.dropFunction(f), .dropFunctions, removes: [f.id])
        }
    }

    mutating func createFunction(_ f: Function) {
        add(.createFunction(f, orReplace: false), .createFunctions, provides: [f.id])
        commentIfAny(.function(f), f.comment)
    }

    // MARK: Views

    mutating func diffViews() {
        let have = Dictionary(current.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(desired.views.map(\.name))
        for v in current.views where !want.contains(v.name) {
            add(.dropView(v.name, materialized: v.isMaterialized), .dropViews,
                hazards: v.isMaterialized ? [.deletesData] : [], removes: viewObjects(v))
        }
        for v in desired.views {
            guard let old = have[v.name] else {
                createView(v)
                continue
            }
            if rebuild.contains(v.id) {
                add(.dropView(old.name, materialized: old.isMaterialized), .dropViews, removes: viewObjects(old))
                createView(v)
                continue
            }
            let (set, reset) = changedOptions(from: old.options, to: v.options)
            if !set.isEmpty || !reset.isEmpty {
                add(.alterView(v.name, materialized: v.isMaterialized, .setOptions(set: set, reset: reset)), .createViews, provides: [v.id])
            }
            if old.withData != v.withData {
                add(.alterView(v.name, materialized: true, .refresh(withData: v.withData)), .createViews, provides: [v.id])
            }
            diffIndexes(of: v.name.schema, relation: v.name, isView: true, old: old.indexes, new: v.indexes,
                        existing: true)
            diffTriggers(on: v.name, isView: true, old: old.triggers, new: v.triggers)
            commentIfChanged(.view(v.name, materialized: v.isMaterialized), from: old.comment, to: v.comment)
            for column in Set(old.columnComments.keys).union(v.columnComments.keys).sorted() {
                commentIfChanged(.column(v.name, column), from: old.columnComments[column], to: v.columnComments[column])
            }
        }
    }

    func viewObjects(_ v: View) -> [ObjectID] {
        [v.id] + v.indexes.map { .index(QualifiedName(schema: v.name.schema, $0.name)) } + v.triggers.map { .trigger(v.name, $0.name) }
    }

    mutating func createView(_ v: View) {
        add(.createView(v), .createViews, provides: [v.id])
        commentIfAny(.view(v.name, materialized: v.isMaterialized), v.comment)
        for (column, text) in v.columnComments.sorted(by: { $0.key < $1.key }) {
            add(.comment(.column(v.name, column), text), .createViews, requires: [v.id])
        }
        for i in v.indexes { createIndex(i, on: v.name, existing: false, isView: true) }
        for g in v.triggers { createTrigger(g, on: v.name, isView: true) }
    }
}

/// Whether new bounds leave out values the old ones allowed: the sequence's current value may
/// lie outside them, which PostgreSQL refuses.
func narrows(_ old: SequenceOptions, to new: SequenceOptions) -> Bool {
    new.effectiveMin > old.effectiveMin || new.effectiveMax < old.effectiveMax
}

/// What to `SET` and `RESET` to turn options `old` into `new` (both `name=value`).
func changedOptions(from old: [String], to new: [String]) -> (set: [String], reset: [String]) {
    func name(_ option: String) -> String { String(option.prefix { $0 != "=" }) }
    let newNames = Set(new.map(name))
    let oldSet = Set(old)
    return (new.filter { !oldSet.contains($0) }, old.map(name).filter { !newNames.contains($0) })
}

/// Whether a domain check `a` can stay as it is (or be validated) to become `b`.
func sameCheck(_ a: Domain.Check, _ b: Domain.Check) -> Bool {
    a.name == b.name && a.expression == b.expression && (a.isValid == b.isValid || !a.isValid)
}
