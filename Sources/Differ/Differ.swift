import SQLRenderer
import SchemaModel

/// The changes that turn `current` into `desired`. Both models must be in the same printed
/// form (both read from a catalog after realising them in the dev database), so that equal
/// objects compare equal. The rollback is the same function run the other way, with the
/// rename hints reversed.
public func plan(from current: DatabaseModel, to desired: DatabaseModel, renames: RenameHints = RenameHints())
    -> MigrationPlan
{
    var differ = Differ(current: current, desired: desired)
    differ.applyRenames(renames)
    differ.run()
    // Function bodies may name tables created later in the migration (pg_dump does the same).
    if differ.changes.contains(where: { $0.phase == .createFunctions || $0.phase == .replaceFunctions }) {
        differ.add(.alter, "skip function body checks while objects are created", .renames,
                   [Statement("SET check_function_bodies = false", summary: "defer function body checks")])
    }
    return MigrationPlan(changes: differ.changes)
}

struct ColumnRef: Hashable {
    var table: QualifiedName
    var column: String
}

struct Differ {
    var current: DatabaseModel
    let desired: DatabaseModel
    var changes: [Change] = []

    /// Columns whose type changes or that are dropped: what reads them must be rebuilt.
    var changedColumns: Set<ColumnRef> = []
    /// Columns converted to a recreated enum type: expressions comparing them with the old
    /// type's values must be rebuilt too.
    var swappedColumns: Set<ColumnRef> = []
    var swappedEnums: Set<QualifiedName> = []
    /// Swapped enums that lose labels: converting their columns can fail or lose values.
    var lossyEnums: Set<QualifiedName> = []
    var recreatedFunctions: Set<QualifiedName> = []
    /// Constraints rebuilt because what they rest on is rebuilt.
    var forcedConstraints: Set<ConstraintRef> = []

    init(current: DatabaseModel, desired: DatabaseModel) {
        self.current = current
        self.desired = desired
    }

    mutating func add(_ kind: Change.Kind, _ summary: String, _ phase: Phase, hazards: Set<Change.Hazard> = [],
                      _ statements: [Statement], outsideTransaction: Bool = false) {
        guard !statements.isEmpty else { return }
        changes.append(Change(kind, summary, phase: phase, hazards: hazards, statements,
                              outsideTransaction: outsideTransaction))
    }

    mutating func run() {
        diffNamespacesAndExtensions()
        diffEnums()
        diffDomainsAndSequences()
        diffFunctions()
        diffTables()
        diffViews()
    }

    // MARK: Namespaces, extensions

    mutating func diffNamespacesAndExtensions() {
        let have = Dictionary(current.namespaces.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Dictionary(desired.namespaces.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for ns in desired.namespaces {
            if let old = have[ns.name] {
                if old.comment != ns.comment {
                    add(.alter, "comment on schema \(ns.name)", .comments,
                        [DDL.setComment(on: "SCHEMA \(quoteIdentifier(ns.name))", ns.comment, what: "schema \(ns.name)")])
                }
            } else {
                add(.create, "create schema \(ns.name)", .createSchemas, DDL.createNamespace(ns))
            }
        }
        for ns in current.namespaces where want[ns.name] == nil {
            add(.drop, "drop schema \(ns.name)", .dropSchemas, [DDL.drop("SCHEMA", quoteIdentifier(ns.name), what: "schema \(ns.name)")])
        }
        let haveExt = Set(current.extensions.map(\.name))
        let wantExt = Set(desired.extensions.map(\.name))
        for e in desired.extensions where !haveExt.contains(e.name) {
            add(.create, "create extension \(e.name)", .createSchemas, [DDL.createExtension(e)])
        }
        for e in current.extensions where !wantExt.contains(e.name) {
            add(.drop, "drop extension \(e.name)", .dropSchemas,
                [DDL.drop("EXTENSION", quoteIdentifier(e.name), what: "extension \(e.name)")])
        }
    }

    // MARK: Enums

    mutating func diffEnums() {
        let have = Dictionary(current.enums.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let wantNames = Set(desired.enums.map(\.name))
        for e in desired.enums {
            guard let old = have[e.name] else {
                add(.create, "create enum \(e.name)", .enums, DDL.createEnum(e))
                continue
            }
            if old.labels != e.labels {
                if isOrderedSubsequence(old.labels, of: e.labels) {
                    addEnumValues(e, existing: old.labels)
                } else {
                    swapEnum(old, for: e)
                }
            } else if old.comment != e.comment {
                add(.alter, "comment on enum \(e.name)", .comments,
                    [DDL.setComment(on: "TYPE \(quoteName(e.name))", e.comment, what: "enum \(e.name)")])
            }
        }
        for e in current.enums where !wantNames.contains(e.name) {
            add(.drop, "drop enum \(e.name)", .dropTypes, [DDL.drop("TYPE", quoteName(e.name), what: "enum \(e.name)")])
        }
    }

    /// `ADD VALUE … BEFORE/AFTER`, each at its declared position.
    mutating func addEnumValues(_ e: EnumType, existing: [String]) {
        var present = existing
        for (i, label) in e.labels.enumerated() where !present.contains(label) {
            let position = i > 0 ? "AFTER \(quoteLiteral(e.labels[i - 1]))" : "BEFORE \(quoteLiteral(present[0]))"
            let sql = "ALTER TYPE \(quoteName(e.name)) ADD VALUE IF NOT EXISTS \(quoteLiteral(label)) \(position)"
            add(.alter, "add value \(label) to enum \(e.name)", .enums,
                [Statement(sql, summary: "add value \(quoteLiteral(label)) to enum \(e.name)")], outsideTransaction: true)
            present.insert(label, at: i)
        }
        if current.enums.first(where: { $0.name == e.name })?.comment != e.comment {
            add(.alter, "comment on enum \(e.name)", .comments,
                [DDL.setComment(on: "TYPE \(quoteName(e.name))", e.comment, what: "enum \(e.name)")])
        }
    }

    /// Removing or reordering values: rename the old type, create the new one, convert every
    /// column through text, then drop the old type.
    mutating func swapEnum(_ old: EnumType, for new: EnumType) {
        let oldName = QualifiedName(schema: old.name.schema, String((old.name.name + "__old").utf8.prefix(63))!)
        let removed = old.labels.filter { !new.labels.contains($0) }
        add(.rename, "rename enum \(old.name) to \(oldName.name) for its replacement", .setAsideEnums,
            [Statement("ALTER TYPE \(quoteName(old.name)) RENAME TO \(quoteIdentifier(oldName.name))",
                       summary: "rename enum \(old.name) to \(oldName.name)")])
        add(.create, "recreate enum \(new.name) with labels \(new.labels.joined(separator: ", "))", .enums,
            hazards: removed.isEmpty ? [] : [.destructive], DDL.createEnum(new))
        add(.drop, "drop enum \(oldName)", .dropTypes, [DDL.drop("TYPE", quoteName(oldName), what: "enum \(oldName)")])
        swappedEnums.insert(new.name)
        if !removed.isEmpty { lossyEnums.insert(new.name) }
    }

    // MARK: Domains, sequences

    mutating func diffDomainsAndSequences() {
        let have = Dictionary(current.domains.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for d in desired.domains {
            guard let old = have[d.name] else {
                add(.create, "create domain \(d.name)", .domainsAndSequences, DDL.createDomain(d))
                continue
            }
            let target = "DOMAIN \(quoteName(d.name))"
            var statements: [Statement] = []
            if old.baseType != d.baseType {
                // PostgreSQL cannot change a domain's base type in place.
                add(.drop, "drop domain \(d.name) to change its type", .dropTypes, hazards: [.destructive],
                    [DDL.drop("DOMAIN", quoteName(d.name), what: "domain \(d.name)")])
                add(.create, "create domain \(d.name)", .domainsAndSequences, DDL.createDomain(d))
                continue
            }
            if old.defaultExpression != d.defaultExpression {
                statements.append(Statement("ALTER \(target) " + (d.defaultExpression.map { "SET DEFAULT \($0)" } ?? "DROP DEFAULT"),
                                            summary: "change default of domain \(d.name)"))
            }
            if old.isNullable != d.isNullable {
                statements.append(Statement("ALTER \(target) \(d.isNullable ? "DROP" : "SET") NOT NULL",
                                            summary: "change NOT NULL of domain \(d.name)"))
            }
            let oldChecks = Dictionary(old.checks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let newChecks = Dictionary(d.checks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for c in old.checks where newChecks[c.name] != c {
                statements.append(Statement("ALTER \(target) DROP CONSTRAINT \(quoteIdentifier(c.name))",
                                            summary: "drop check \(c.name) of domain \(d.name)"))
            }
            for c in d.checks where oldChecks[c.name] != c {
                statements.append(Statement("ALTER \(target) ADD CONSTRAINT \(quoteIdentifier(c.name)) CHECK (\(c.expression))",
                                            summary: "add check \(c.name) to domain \(d.name)"))
            }
            add(.alter, "alter domain \(d.name)", .domainsAndSequences, statements)
            if old.comment != d.comment {
                add(.alter, "comment on domain \(d.name)", .comments, [DDL.setComment(on: target, d.comment, what: "domain \(d.name)")])
            }
        }
        for d in current.domains where !desired.domains.contains(where: { $0.name == d.name }) {
            add(.drop, "drop domain \(d.name)", .dropTypes, [DDL.drop("DOMAIN", quoteName(d.name), what: "domain \(d.name)")])
        }

        let haveSeq = Dictionary(current.sequences.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for s in desired.sequences {
            guard let old = haveSeq[s.name] else {
                add(.create, "create sequence \(s.name)", .domainsAndSequences, DDL.createSequence(s))
                continue
            }
            var o = old
            o.comment = s.comment
            if o != s {
                var sql = "ALTER SEQUENCE \(quoteName(s.name)) AS \(s.type.sql) INCREMENT BY \(s.increment)"
                sql += s.minValue.map { " MINVALUE \($0)" } ?? " NO MINVALUE"
                sql += s.maxValue.map { " MAXVALUE \($0)" } ?? " NO MAXVALUE"
                sql += " START WITH \(s.start) CACHE \(s.cache) \(s.cycle ? "CYCLE" : "NO CYCLE")"
                add(.alter, "alter sequence \(s.name)", .domainsAndSequences, [Statement(sql, summary: "alter sequence \(s.name)")])
            }
            if old.comment != s.comment {
                add(.alter, "comment on sequence \(s.name)", .comments,
                    [DDL.setComment(on: "SEQUENCE \(quoteName(s.name))", s.comment, what: "sequence \(s.name)")])
            }
        }
        for s in current.sequences where haveSeq[s.name] != nil && !desired.sequences.contains(where: { $0.name == s.name }) {
            add(.drop, "drop sequence \(s.name)", .dropTypes, [DDL.drop("SEQUENCE", quoteName(s.name), what: "sequence \(s.name)")])
        }
    }

    // MARK: Functions

    mutating func diffFunctions() {
        let have = Dictionary(current.functions.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Dictionary(desired.functions.map { ($0.signature, $0) }, uniquingKeysWith: { a, _ in a })
        for f in desired.functions {
            let what = "\(f.isProcedure ? "procedure" : "function") \(f.name)"
            guard let old = have[f.signature] else {
                add(.create, "create \(what)", .createFunctions, DDL.createFunction(f))
                continue
            }
            let usesSwapped = (f.arguments.map(\.type) + returnTypes(f)).contains {
                $0.referencedTypeName.map(swappedEnums.contains) ?? false
            }
            var o = old
            o.comment = f.comment
            if o.returns != f.returns || o.arguments != f.arguments || usesSwapped {
                // Return type, argument names and defaults cannot change in place.
                add(.drop, "drop \(what) to recreate it", .dropFunctions, [DDL.dropFunction(old)])
                add(.create, "create \(what)", .createFunctions, DDL.createFunction(f))
                recreatedFunctions.insert(f.name)
            } else if o != f {
                add(.alter, "replace \(what)", .replaceFunctions,
                    DDL.createFunction(f, orReplace: true).filter { !$0.sql.hasPrefix("COMMENT") })
            }
            if old.comment != f.comment && !recreatedFunctions.contains(f.name) {
                let kind = f.isProcedure ? "PROCEDURE" : "FUNCTION"
                add(.alter, "comment on \(what)", .comments,
                    [DDL.setComment(on: "\(kind) \(DDL.functionSignature(f))", f.comment, what: what)])
            }
        }
        for f in current.functions where want[f.signature] == nil {
            add(.drop, "drop \(f.isProcedure ? "procedure" : "function") \(f.name)", .dropFunctions, [DDL.dropFunction(f)])
            recreatedFunctions.insert(f.name)
        }
    }

    func returnTypes(_ f: Function) -> [DataType] {
        switch f.returns {
        case .type(let t)?, .setOf(let t)?: return [t]
        case .table(let columns)?: return columns.map(\.type)
        default: return []
        }
    }

    // MARK: Views

    mutating func diffViews() {
        let have = Dictionary(current.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Dictionary(desired.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuild = Set<QualifiedName>()
        for v in desired.views {
            guard let old = have[v.name] else { continue }
            if old.query != v.query || old.isMaterialized != v.isMaterialized || readsChangedInput(old) {
                rebuild.insert(v.name)
            }
        }
        // A view that reads a rebuilt or dropped view is rebuilt with it.
        var gone = rebuild.union(current.views.map(\.name).filter { want[$0] == nil })
        var grew = true
        while grew {
            grew = false
            for v in current.views where want[v.name] != nil && !rebuild.contains(v.name) {
                if gone.contains(where: { v.query.containsWord($0.name) }) {
                    rebuild.insert(v.name)
                    gone.insert(v.name)
                    grew = true
                }
            }
        }
        let drops = current.views.filter { want[$0.name] == nil || rebuild.contains($0.name) }
        for v in viewsInDependencyOrder(drops).reversed() {
            let kind = v.isMaterialized ? "materialized view" : "view"
            let rebuilt = rebuild.contains(v.name)
            add(.drop, rebuilt ? "drop \(kind) \(v.name) to rebuild it" : "drop \(kind) \(v.name)", .dropViews,
                hazards: v.isMaterialized && !rebuilt ? [.destructive] : [], [DDL.dropView(v)])
        }
        let creates = desired.views.filter { have[$0.name] == nil || rebuild.contains($0.name) }
        for v in viewsInDependencyOrder(creates) {
            add(.create, "create \(v.isMaterialized ? "materialized view" : "view") \(v.name)", .createViews, DDL.createView(v))
        }
        for v in desired.views {
            if let old = have[v.name], !rebuild.contains(v.name), old.comment != v.comment {
                let kind = v.isMaterialized ? "MATERIALIZED VIEW" : "VIEW"
                add(.alter, "comment on view \(v.name)", .comments,
                    [DDL.setComment(on: "\(kind) \(quoteName(v.name))", v.comment, what: "view \(v.name)")])
            }
        }
    }

    /// Whether a view reads a column whose type changes, a dropped column, a recreated
    /// function or a recreated enum (judged by the names its query mentions).
    func readsChangedInput(_ v: View) -> Bool {
        changedColumns.contains { v.query.containsWord($0.table.name) && v.query.containsWord($0.column) }
            || recreatedFunctions.contains { v.query.containsWord($0.name) }
            || swappedEnums.contains { v.query.containsWord($0.name) }
    }
}

func isOrderedSubsequence(_ small: [String], of big: [String]) -> Bool {
    var i = big.startIndex
    for item in small {
        guard let found = big[i...].firstIndex(of: item) else { return false }
        i = big.index(after: found)
    }
    return true
}
