/// A mistake in a model, with the object it concerns and, for a declaration, where it was written.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    /// The object the mistake is in, e.g. `table public.users`.
    public var object: String
    public var message: String

    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)error: \(object): \(message)"
    }
}

/// All mistakes found in a model, reported together.
public struct ValidationErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ValidationError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// PostgreSQL truncates identifiers to NAMEDATALEN-1 bytes.
public let maxIdentifierBytes = 63

extension DatabaseModel {
    /// Throws every mistake at once, so a user fixes them in one pass.
    public func validated() throws(ValidationErrors) -> DatabaseModel {
        let errors = validate()
        if !errors.isEmpty { throw ValidationErrors(errors: errors) }
        return self
    }

    public func validate() -> [ValidationError] {
        var v = Validator(model: self)
        v.run()
        return v.errors
    }
}

private struct Validator {
    let model: DatabaseModel
    var errors: [ValidationError] = []

    mutating func fail(_ location: SourceLocation?, _ object: String, _ message: String) {
        errors.append(ValidationError(location: location, object: object, message: message))
    }

    mutating func checkIdentifier(_ name: String, kind: String, _ object: String, _ location: SourceLocation?) {
        if name.isEmpty {
            fail(location, object, "\(kind) name is empty")
        } else if name.utf8.count > maxIdentifierBytes {
            fail(location, object,
                 "\(kind) name \"\(name)\" is \(name.utf8.count) bytes; PostgreSQL allows at most \(maxIdentifierBytes)")
        }
    }

    var relations: [QualifiedName: String] = [:]
    var typeNames: [QualifiedName: String] = [:]
    lazy var namespaces = Set(["public"] + model.namespaces.map(\.name))
    lazy var types = model.typeNames

    /// Tables, views, sequences and indexes share one namespace in pg_class.
    @discardableResult
    mutating func claimRelation(_ name: QualifiedName, _ kind: String, _ location: SourceLocation?) -> Bool {
        if let other = relations[name] {
            fail(location, "\(kind) \(name)", "the name is already used by \(other)")
            return false
        }
        relations[name] = "\(kind) \(name)"
        return true
    }

    /// Enums, domains and tables (their row types) share the type namespace.
    mutating func claimType(_ name: QualifiedName, _ kind: String, _ location: SourceLocation?) {
        if let other = typeNames[name] {
            fail(location, "\(kind) \(name)", "the name is already used by \(other)")
        } else {
            typeNames[name] = "\(kind) \(name)"
        }
    }

    mutating func checkNamespace(_ name: QualifiedName, _ object: String, _ location: SourceLocation?) {
        if !namespaces.contains(name.schema) {
            fail(location, object, "schema \"\(name.schema)\" is not declared" + didYouMean(name.schema, among: namespaces.sorted()))
        }
    }

    mutating func checkType(_ type: DataType, _ object: String, _ location: SourceLocation?) {
        if let named = type.referencedTypeName, !types.contains(named) {
            let close = didYouMean(named, among: types.sorted { $0.description < $1.description })
            fail(location, object, "type \(named) is not declared" + (close.isEmpty ? " (declare it as an Enum, Domain, CompositeType or RangeType)" : close))
        }
        if case .numeric(let p?, let s) = type, p < 1 || p > 1000 || (s ?? 0) < 0 || (s ?? 0) > p {
            fail(location, object, "numeric(\(p),\(s ?? 0)) is out of range: precision 1...1000, scale 0...precision")
        }
    }

    /// Grants on what the declaration declares, privileges the kind of object has.
    mutating func checkGrants() {
        let tables = Dictionary(model.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let views = Set(model.views.map(\.name))
        let sequences = Set(model.sequences.map(\.name) + model.tables.flatMap { t in t.columns.compactMap(t.identitySequence) })
        let functions = Set(model.functions.map { $0.name })
        for g in model.grants {
            let object = "grant of \(g.privilege) to \(g.grantee) on \(g.object)"
            let allowed: [String]
            switch g.object {
            case .table(let n), .view(let n):
                allowed = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"]
                if let t = tables[n] {
                    if let c = g.column, t.column(named: c) == nil {
                        fail(g.location, object, "column \"\(c)\" is not declared in \(n)" + didYouMean(c, among: t.columns.map(\.name)))
                    }
                } else if !views.contains(n) {
                    fail(g.location, object, "no table or view \(n) is declared"
                         + didYouMean(n, among: model.tables.map(\.name) + model.views.map(\.name)))
                } else if g.column != nil {
                    fail(g.location, object, "column privileges are declared on tables only")
                }
            case .sequence(let n):
                allowed = ["USAGE", "SELECT", "UPDATE"]
                if !sequences.contains(n) {
                    fail(g.location, object, "no sequence \(n) is declared" + didYouMean(n, among: Array(sequences)))
                }
            case .function(let n, let arguments):
                allowed = ["EXECUTE"]
                let overloads = model.functions.filter { $0.name == n }
                if overloads.isEmpty {
                    fail(g.location, object, "no function or procedure \(n) is declared" + didYouMean(n, among: Array(functions)))
                } else if !overloads.contains(where: { $0.id == g.object }) {
                    fail(g.location, object, "\(n) is declared with argument types "
                         + overloads.map { "(\($0.argumentTypes))" }.joined(separator: ", ")
                         + ", not (\(arguments)): write them as listed")
                }
            case .schema(let n):
                allowed = ["USAGE", "CREATE"]
                checkNamespace(QualifiedName(schema: n, ""), object, g.location)
            case .type(let n):
                allowed = ["USAGE"]
                checkType(.named(n), object, g.location)
            default:
                allowed = []
                fail(g.location, object, "privileges cannot be declared on this kind of object")
            }
            if g.privilege != "ALL" && !allowed.isEmpty && !allowed.contains(g.privilege) {
                fail(g.location, object, "\(g.object) has no privilege \(g.privilege); it has \(allowed.joined(separator: ", "))")
            }
            if g.grantee.isEmpty { fail(g.location, object, "the role name is empty") }
        }
        for d in model.defaultPrivileges where d.grantee.isEmpty {
            fail(d.location, "default privileges on \(d.objects.rawValue.lowercased())", "the role name is empty")
        }
    }

    mutating func run() {
        checkGrants()
        var seen = Set<String>()
        for ns in model.namespaces {
            checkIdentifier(ns.name, kind: "schema", "schema \(ns.name)", ns.location)
            if !seen.insert(ns.name).inserted { fail(ns.location, "schema \(ns.name)", "declared twice") }
        }
        seen = []
        for ext in model.extensions where !seen.insert(ext.name).inserted {
            fail(ext.location, "extension \(ext.name)", "declared twice")
        }

        for e in model.enums {
            let object = "enum \(e.name)"
            checkIdentifier(e.name.name, kind: "enum", object, e.location)
            checkNamespace(e.name, object, e.location)
            claimType(e.name, "enum", e.location)
            if e.labels.isEmpty { fail(e.location, object, "an enum needs at least one label") }
            var labels = Set<String>()
            for label in e.labels {
                if !labels.insert(label).inserted { fail(e.location, object, "label \"\(label)\" appears twice") }
                if label.isEmpty || label.utf8.count > maxIdentifierBytes {
                    fail(e.location, object, "label \"\(label)\" must be 1 to \(maxIdentifierBytes) bytes")
                }
            }
        }
        for d in model.domains {
            let object = "domain \(d.name)"
            checkIdentifier(d.name.name, kind: "domain", object, d.location)
            checkNamespace(d.name, object, d.location)
            claimType(d.name, "domain", d.location)
            checkType(d.baseType, object, d.location)
            for check in d.checks {
                checkIdentifier(check.name, kind: "constraint", object, d.location)
                if check.expression.isBlank { fail(d.location, object, "check \(check.name) has no expression") }
            }
        }
        for c in model.compositeTypes {
            let object = "composite type \(c.name)"
            checkIdentifier(c.name.name, kind: "type", object, c.location)
            checkNamespace(c.name, object, c.location)
            // A composite type has a row of its own in pg_class, beside tables.
            if claimRelation(c.name, "composite type", c.location) { claimType(c.name, "composite type", c.location) }
            var attributes = Set<String>()
            for a in c.attributes {
                checkIdentifier(a.name, kind: "attribute", object, c.location)
                if !attributes.insert(a.name).inserted { fail(c.location, object, "attribute \"\(a.name)\" is declared twice") }
                checkType(a.type, object, c.location)
                if a.type.referencedTypeName == c.name { fail(c.location, object, "attribute \(a.name) cannot be of the type itself") }
            }
        }
        for r in model.rangeTypes {
            let object = "range type \(r.name)"
            checkIdentifier(r.name.name, kind: "type", object, r.location)
            checkNamespace(r.name, object, r.location)
            claimType(r.name, "range type", r.location)
            claimType(QualifiedName(schema: r.name.schema, r.effectiveMultirangeName), "multirange type of \(r.name)", r.location)
            checkType(r.subtype, object, r.location)
        }
        seen = []
        for c in model.collations {
            let object = "collation \(c.name)"
            checkIdentifier(c.name.name, kind: "collation", object, c.location)
            checkNamespace(c.name, object, c.location)
            if !seen.insert(c.name.description).inserted { fail(c.location, object, "declared twice") }
            if c.locale.isBlank { fail(c.location, object, "the collation has no locale") }
            if !c.deterministic && c.provider != .icu {
                fail(c.location, object, "only ICU collations can be nondeterministic")
            }
        }
        for s in model.sequences {
            let object = "sequence \(s.name)"
            checkIdentifier(s.name.name, kind: "sequence", object, s.location)
            checkNamespace(s.name, object, s.location)
            claimRelation(s.name, "sequence", s.location)
            if s.options.increment == 0 { fail(s.location, object, "increment must not be zero") }
            if ![.smallint, .integer, .bigint].contains(s.options.type) {
                fail(s.location, object, "a sequence must be smallint, integer or bigint")
            }
            if let owner = s.ownedBy {
                if let table = model.table(owner.table) {
                    if table.column(named: owner.column) == nil {
                        fail(s.location, object, "owned by \(owner), which is not a column of \(table.name)")
                    }
                } else {
                    fail(s.location, object, "owned by \(owner), but table \(owner.table) is not declared")
                }
            }
        }
        var functionSignatures = Set<String>()
        for f in model.functions {
            let object = "function \(f.name)"
            checkIdentifier(f.name.name, kind: "function", object, f.location)
            checkNamespace(f.name, object, f.location)
            let signature = "\(f.name)(\(f.signatureTypes.map(\.formatted).joined(separator: ",")))"
            if !functionSignatures.insert(signature).inserted {
                fail(f.location, object, "a function with the signature \(signature) is already declared")
            }
            for arg in f.arguments { checkType(arg.type, object, f.location) }
            if f.body.isBlank { fail(f.location, object, "the function has no body") }
        }

        for table in model.tables {
            let object = "table \(table.name)"
            checkIdentifier(table.name.name, kind: "table", object, table.location)
            checkNamespace(table.name, object, table.location)
            if claimRelation(table.name, "table", table.location) {
                claimType(table.name, "table", table.location)
            }
            validate(table: table)
        }
        for view in model.views {
            let kind = view.isMaterialized ? "materialized view" : "view"
            let object = "\(kind) \(view.name)"
            checkIdentifier(view.name.name, kind: kind, object, view.location)
            checkNamespace(view.name, object, view.location)
            claimRelation(view.name, kind, view.location)
            if view.query.isBlank { fail(view.location, object, "the view has no query") }
            validate(triggers: view.triggers, of: object, at: view.location)
            for trigger in view.triggers where trigger.timing == .insteadOf && trigger.level != .row {
                fail(trigger.location ?? view.location, object, "INSTEAD OF trigger \(trigger.name) must be FOR EACH ROW")
            }
        }
    }

    /// A table's or view's triggers: names, events, and a declared trigger function.
    mutating func validate(triggers: [Trigger], of object: String, at relationLocation: SourceLocation?) {
        var triggerNames = Set<String>()
        for trigger in triggers {
            let location = trigger.location ?? relationLocation
            checkIdentifier(trigger.name, kind: "trigger", object, location)
            if !triggerNames.insert(trigger.name).inserted {
                fail(location, object, "trigger \"\(trigger.name)\" is declared twice")
            }
            if trigger.events.isEmpty { fail(location, object, "trigger \(trigger.name) has no event") }
            if trigger.constraint != nil && (trigger.timing != .after || trigger.level != .row) {
                fail(location, object, "constraint trigger \(trigger.name) must be AFTER … FOR EACH ROW")
            }
            if let from = trigger.constraint?.referencedTable, !model.tables.contains(where: { $0.name == from }) {
                fail(location, object, "constraint trigger \(trigger.name) names table \(from) in FROM, which is not declared"
                     + didYouMean(from, among: model.tables.map(\.name)))
            }
            if trigger.oldTable != nil || trigger.newTable != nil {
                if trigger.timing != .after || trigger.constraint != nil {
                    fail(location, object, "trigger \(trigger.name): only AFTER triggers that are not constraint triggers take transition tables")
                }
                if trigger.oldTable != nil && !trigger.events.contains(where: { if case .insert = $0 { false } else { $0 != .truncate } }) {
                    fail(location, object, "trigger \(trigger.name): OLD TABLE needs an UPDATE or DELETE event")
                }
                if trigger.newTable != nil && !trigger.events.contains(where: { if case .update = $0 { true } else { $0 == .insert } }) {
                    fail(location, object, "trigger \(trigger.name): NEW TABLE needs an INSERT or UPDATE event")
                }
                if trigger.events.count > 1 && trigger.level == .row {
                    fail(location, object, "trigger \(trigger.name): a row trigger with transition tables takes one event")
                }
            }
            let functionExists = model.functions.contains {
                $0.name == trigger.function && $0.returns == .trigger && $0.signatureTypes.isEmpty
            }
            if !functionExists {
                fail(location, object,
                     "trigger \(trigger.name) calls \(trigger.function)(), which is not declared as a function returning trigger")
            }
        }
    }

    mutating func validate(table: Table) {
        let object = "table \(table.name)"
        // A partition's columns are its parent's.
        let parent = table.partitionOf.flatMap { model.table($0.parent) }
        if let partitionOf = table.partitionOf {
            if let parent {
                if parent.partitioning == nil {
                    fail(table.location, object, "its parent \(parent.name) is not partitioned (add .partitioned(by:))")
                }
            } else {
                fail(table.location, object, "partition parent \(partitionOf.parent) is not declared")
            }
        } else if table.columns.isEmpty && table.inherits.isEmpty {
            fail(table.location, object, "a table needs at least one column")
        }
        var ancestors = Set<QualifiedName>(), work = table.inherits
        while let p = work.popLast() {
            if ancestors.insert(p).inserted { work += model.table(p)?.inherits ?? [] }
        }
        if ancestors.contains(table.name) { fail(table.location, object, "it inherits from itself") }
        for p in table.inherits {
            guard let parentTable = model.table(p) else {
                fail(table.location, object, "inherits from \(p), which is not declared" + didYouMean(p, among: model.tables.map(\.name)))
                continue
            }
            if parentTable.partitioning != nil || parentTable.partitionOf != nil {
                fail(table.location, object, "inherits from \(p), which is partitioned or a partition: declare a Partition instead")
            }
            for c in table.columns where !c.isInherited {
                if let theirs = parentTable.column(named: c.name), theirs.type != c.type {
                    fail(c.location ?? table.location, object, "column \(c.name) is \(c.type.formatted) here and "
                         + "\(theirs.type.formatted) in \(p), which it inherits from: the types must be the same")
                }
            }
        }
        for c in table.columns where c.isInherited && c.type == .other("") {
            fail(c.location ?? table.location, object, "Inherited(\"\(c.name)\") names a column none of its parents has"
                 + didYouMean(c.name, among: table.inherits.flatMap { model.table($0)?.columns.map(\.name) ?? [] }))
        }
        let columns = table.columns + (parent?.columns ?? [])
        var columnNames = Set<String>()
        for column in table.columns {
            let colObject = "column \(table.name).\(column.name)"
            checkIdentifier(column.name, kind: "column", colObject, column.location ?? table.location)
            if !columnNames.insert(column.name).inserted {
                fail(column.location ?? table.location, object, "column \"\(column.name)\" is declared twice")
            }
            checkType(column.type, colObject, column.location ?? table.location)
            if column.identity != nil && column.generatedExpression != nil {
                fail(column.location, colObject, "a column cannot be both an identity and a generated column")
            }
            if column.identity != nil, ![.smallint, .integer, .bigint].contains(column.type) {
                fail(column.location, colObject, "an identity column must be smallint, integer or bigint")
            }
        }
        let known = Set(columns.map(\.name))
        func checkColumns(_ names: [String], _ what: String, _ location: SourceLocation?, mayBeEmpty: Bool = false) {
            if names.isEmpty && !mayBeEmpty { fail(location, object, "\(what) names no column") }
            for name in names where !known.contains(name) {
                fail(location, object, "\(what) names column \"\(name)\", which the table does not have" + didYouMean(name, among: columns.map(\.name)))
            }
        }

        if let partitioning = table.partitioning {
            for key in partitioning.key where !key.hasPrefix("(") && !known.contains(key) {
                fail(table.location, object, "partition key names column \"\(key)\", which the table does not have")
            }
        }

        var constraintNames = Set<String>()
        var primaryKeys = 0
        for constraint in table.constraints {
            let location = constraint.location ?? table.location
            let what = "constraint \(constraint.name)"
            checkIdentifier(constraint.name, kind: "constraint", object, location)
            if !constraintNames.insert(constraint.name).inserted {
                fail(location, object, "constraint name \"\(constraint.name)\" is used twice")
            }
            switch constraint.kind {
            case .primaryKey(let cols):
                primaryKeys += 1
                checkColumns(cols, what, location)
                claimRelation(QualifiedName(schema: table.name.schema, constraint.name), "index", location)
            case .unique(let cols, _):
                checkColumns(cols, what, location)
                claimRelation(QualifiedName(schema: table.name.schema, constraint.name), "index", location)
            case .check(let expression):
                if expression.isBlank { fail(location, object, "\(what) has no expression") }
            case .exclusion(let exclusion):
                checkColumns(exclusion.elements.compactMap(\.column), what, location, mayBeEmpty: true)
                claimRelation(QualifiedName(schema: table.name.schema, constraint.name), "index", location)
            case .foreignKey(let fk):
                checkColumns(fk.columns, what, location)
                validate(foreignKey: fk, from: columns, named: what, in: object, at: location)
            }
        }
        if primaryKeys > 1 { fail(table.location, object, "a table can have only one primary key") }

        for index in table.indexes {
            let location = index.location ?? table.location
            let what = "index \(index.name)"
            checkIdentifier(index.name, kind: "index", object, location)
            claimRelation(QualifiedName(schema: table.name.schema, index.name), "index", location)
            if index.keys.isEmpty { fail(location, object, "\(what) has no key") }
            checkColumns(index.keys.compactMap(\.column), what, location, mayBeEmpty: true)
            if !index.include.isEmpty { checkColumns(index.include, "\(what) INCLUDE", location) }
            if index.isUnique, ![.btree].contains(index.method) {
                fail(location, object, "\(what): only btree indexes can be unique")
            }
        }

        validate(triggers: table.triggers, of: object, at: table.location)
        for trigger in table.triggers {
            for case .update(let cols) in trigger.events where !cols.isEmpty {
                checkColumns(cols, "trigger \(trigger.name)", trigger.location ?? table.location)
            }
        }
        var policyNames = Set<String>()
        for policy in table.policies {
            let location = policy.location ?? table.location
            checkIdentifier(policy.name, kind: "policy", object, location)
            if !policyNames.insert(policy.name).inserted {
                fail(location, object, "policy \"\(policy.name)\" is declared twice")
            }
            if policy.using == nil && policy.withCheck == nil {
                fail(location, object, "policy \(policy.name) needs a USING or WITH CHECK expression")
            }
        }
    }

    mutating func validate(
        foreignKey fk: ForeignKey, from columns: [Column], named what: String, in object: String,
        at location: SourceLocation?
    ) {
        guard let target = model.table(fk.referencedTable) else {
            fail(location, object, "\(what) references table \(fk.referencedTable), which is not declared"
                 + didYouMean(fk.referencedTable, among: model.tables.map(\.name)))
            return
        }
        let targetColumns = fk.referencedColumns.isEmpty
            ? (target.primaryKey?.columns ?? []) : fk.referencedColumns
        if targetColumns.isEmpty {
            fail(location, object, "\(what) names no referenced column and \(target.name) has no primary key")
            return
        }
        if targetColumns.count != fk.columns.count {
            fail(location, object,
                 "\(what) has \(fk.columns.count) column(s) but references \(targetColumns.count) in \(target.name)")
            return
        }
        for (mine, theirs) in zip(fk.columns, targetColumns) {
            guard let referenced = target.column(named: theirs) else {
                fail(location, object, "\(what) references column \(target.name).\(theirs), which does not exist"
                     + didYouMean(theirs, among: target.columns.map(\.name)))
                continue
            }
            if let local = columns.first(where: { $0.name == mine }), local.type.family != referenced.type.family {
                fail(location, object,
                     "\(what): column \"\(mine)\" is \(local.type.formatted) but \(target.name).\(theirs) is \(referenced.type.formatted)")
            }
        }
        // PostgreSQL needs a primary key or unique constraint/index on exactly the referenced columns.
        let wanted = Set(targetColumns)
        let keyed = target.constraints.contains { c in
            switch c.kind {
            case .primaryKey(let cols), .unique(let cols, _): return Set(cols) == wanted && c.deferrable == .notDeferrable
            default: return false
            }
        } || target.indexes.contains { $0.isUnique && $0.predicate == nil && Set($0.keys.compactMap(\.column)) == wanted
            && $0.keys.allSatisfy { $0.column != nil } }
        if !keyed {
            fail(location, object,
                 "\(what) references \(target.name)(\(targetColumns.joined(separator: ", "))), which is not a primary key or unique (and not deferrable)")
        }
    }
}

extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
