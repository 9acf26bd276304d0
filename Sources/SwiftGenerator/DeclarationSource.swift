import SchemaModel

/// A database's model written as a Swift declaration in the DSL (`schemagen pull`): one file
/// per table (with its partitions), one each for types and sequences, functions, views and
/// privileges, and one with the `Database` value that lists them, all members of an enum named
/// after the database, so that several declarations live in one module. Each table is a
/// declaration of its own, which the Swift type checker handles in time linear in the number of
/// tables. PostgreSQL's default names are left implicit; the output depends only on the model.
public struct DeclarationSource: Sendable {
    public struct File: Sendable, Hashable {
        /// The file's name, unique in a module: `ShopSchema+Orders.swift`.
        public var name: String
        public var text: String
    }

    public var files: [File]
    /// `ShopSchema`: the enum whose `database` is the declaration.
    public var enumName: String
    /// What the DSL cannot say, written in the files as `// not declared:` comments.
    public var notDeclared: [String]

    /// `name` is the declaration's name; `command` is named in each file's header;
    /// `definitions` holds SQL for objects schemagen does not manage, by their description.
    public init(model: DatabaseModel, name: String, command: String, definitions: [String: String] = [:]) {
        var writer = DeclarationWriter(model: model, name: name, command: command, definitions: definitions)
        files = writer.files()
        enumName = writer.enumName
        notDeclared = writer.notDeclared
    }
}

/// Writes the files of a `DeclarationSource`.
private struct DeclarationWriter {
    let model: DatabaseModel
    let name: String
    let command: String
    let definitions: [String: String]
    let enumName: String
    var notDeclared: [String] = []
    /// Sequences written as `.serial()` on their column rather than on their own.
    var serials: [QualifiedName: DataType] = [:]
    /// Table → the Swift name of its `static let`.
    var tableNames: [QualifiedName: String] = [:]

    init(model: DatabaseModel, name: String, command: String, definitions: [String: String]) {
        self.model = model
        self.name = name
        self.command = command
        self.definitions = definitions
        enumName = SwiftNames.upperCamel(name) + "Schema"
        let reserved: Set<String> = ["database", "types", "functions", "views", "privileges"]
        let lets = SwiftNames.unique(model.tables.map { t in
            SwiftNames.lowerCamel(t.name.schema == "public" ? t.name.name : t.name.schema + "_" + t.name.name)
        }, avoiding: reserved.union(SwiftNames.keywords))
        for (t, letName) in zip(model.tables, lets) { tableNames[t.name] = letName }
        for t in model.tables {
            for c in t.columns {
                if let type = serialType(c, of: t) { serials[QualifiedName(schema: t.name.schema, serialSequenceName(c, of: t))] = type }
            }
        }
    }

    mutating func files() -> [DeclarationSource.File] {
        var result: [DeclarationSource.File] = []
        var parts: [String] = []
        func list(_ file: DeclarationSource.File?, as part: String) {
            guard let file else { return }
            result.append(file)
            parts.append(part)
        }
        list(typesFile(), as: "types")
        list(functionsFile(), as: "functions")
        // Partitions go in their parent's file, each a declaration of its own.
        for t in model.tables where t.partitionOf.map({ model.table($0.parent) == nil }) ?? true {
            result.append(tableFile(t))
        }
        parts += model.tables.map { tableNames[$0.name]! }
        list(viewsFile(), as: "views")
        list(privilegesFile(), as: "privileges")
        result.insert(databaseFile(parts), at: 0)
        return result
    }

    // MARK: Files

    var header: String {
        "// Written by `\(command)` from the database's catalog. It is your declaration now: edit it as such.\n\nimport SchemaDSL\n"
    }

    func file(_ suffix: String?, _ body: [String]) -> DeclarationSource.File {
        let text = header + "\nextension \(enumName) {\n" + body.joined(separator: "\n") + "}\n"
        return .init(name: enumName + (suffix.map { "+" + $0 } ?? "") + ".swift", text: text)
    }

    mutating func databaseFile(_ parts: [String]) -> DeclarationSource.File {
        var lines = ["    public static let database = Database(\(literal(name))) {"]
        for ns in model.namespaces {
            lines.append("        Namespace(\(literal(ns.name))\(ns.comment.map { ", comment: \(literal($0))" } ?? ""))")
        }
        for e in model.extensions {
            lines.append("        Extension(\(literal(e.name))\(e.schema.map { ", schema: \(literal($0))" } ?? ""))")
        }
        lines += parts.map { "        " + $0 }
        for u in model.unmanaged {
            let text = "\(u)"
            notDeclared.append(text)
            lines.append("        // not declared: \(text), which schemagen does not manage")
            for line in (definitions[text] ?? "").split(separator: "\n") { lines.append("        //     \(line)") }
        }
        lines.append("    }")
        let text = header + "\n/// The declaration of the database `\(name)`.\npublic enum \(enumName) {}\n\nextension \(enumName) {\n"
            + lines.joined(separator: "\n") + "\n}\n"
        return .init(name: enumName + ".swift", text: text)
    }

    mutating func typesFile() -> DeclarationSource.File? {
        var items: [Expression] = []
        for c in model.collations {
            var e = Expression("Collation", [literal(c.name)]
                + (c.provider == .icu ? ["provider: .icu"] : []) + ["locale: \(literal(c.locale))"]
                + (c.ctype.map { ["ctype: \(literal($0))"] } ?? []) + (c.deterministic ? [] : ["deterministic: false"]))
            e.comment(c.comment)
            items.append(e)
        }
        for en in model.enums {
            var e = Expression("Enum", [literal(en.name)] + en.labels.map(literal))
            e.comment(en.comment)
            items.append(e)
        }
        for d in model.domains {
            var e = Expression("Domain", [literal(d.name), type(d.baseType, in: d.name.schema)])
            if let c = d.collation { e.modifier("collate", literal(c)) }
            if !d.isNullable { e.modifier("notNull") }
            if let def = d.defaultExpression { e.modifier("default", literal(def)) }
            for c in d.checks {
                var arguments = [literal(c.expression)]
                if c.name != defaultObjectName(table: d.name.name, columns: [], label: "check") { arguments.append("name: \(literal(c.name))") }
                if !c.isValid { arguments.append("notValid: true") }
                if let comment = c.comment { arguments.append("comment: \(literal(comment))") }
                e.modifier("check", arguments)
            }
            e.comment(d.comment)
            items.append(e)
        }
        for c in model.compositeTypes {
            var e = Expression("CompositeType", [literal(c.name)]
                + c.attributes.map { "(\(literal($0.name)), \(type($0.type, in: c.name.schema)))" })
            for a in c.attributes {
                if let collation = a.collation { e.modifier("collate", [literal(a.name), literal(collation)]) }
                if let comment = a.comment { e.modifier("comment", [literal(a.name), literal(comment)]) }
            }
            e.comment(c.comment)
            items.append(e)
        }
        for r in model.rangeTypes {
            var arguments = [literal(r.name), "subtype: " + type(r.subtype, in: r.name.schema)]
            if let diff = r.subtypeDiff { arguments.append("subtypeDiff: \(literal(diff))") }
            if let collation = r.collation { arguments.append("collation: \(literal(collation))") }
            if let opclass = r.subtypeOpclass { arguments.append("subtypeOpclass: \(literal(opclass))") }
            if let multirange = r.multirangeName { arguments.append("multirangeName: \(literal(multirange))") }
            var e = Expression("RangeType", arguments)
            e.comment(r.comment)
            if let canonical = r.canonical { e.notDeclared.append("its canonical function \(canonical)") }
            items.append(e)
        }
        for s in model.sequences where serials[s.name] == nil {
            let o = s.options
            var arguments = [literal(s.name)]
            if o.type != .bigint { arguments.append("type: " + type(o.type, in: s.name.schema)) }
            if let start = o.start { arguments.append("start: \(start)") }
            if o.increment != 1 { arguments.append("increment: \(o.increment)") }
            if let min = o.minValue { arguments.append("minValue: \(min)") }
            if let max = o.maxValue { arguments.append("maxValue: \(max)") }
            if o.cache != 1 { arguments.append("cache: \(o.cache)") }
            if o.cycle { arguments.append("cycle: true") }
            var e = Expression("DatabaseSequence", arguments)
            if let owner = s.ownedBy {
                e.modifier("ownedBy", literal(reference(owner.table, from: s.name.schema) + "." + owner.column))
            }
            e.comment(s.comment)
            items.append(e)
        }
        return list("types", items, file: "Types")
    }

    mutating func functionsFile() -> DeclarationSource.File? {
        let items = model.functions.map { f -> Expression in
            var arguments = [literal(f.name)]
            for a in f.arguments {
                let def = a.defaultExpression.map { ", default: \(literal($0))" } ?? ""
                let t = type(a.type, in: f.name.schema)
                switch (a.mode, a.name) {
                case (.in, let n?): arguments.append("Arg(\(literal(n)), \(t)\(def))")
                case (.in, nil): arguments.append("Arg(\(t)\(def))")
                case (.out, let n): arguments.append("Arg.out(\(literal(n ?? "")), \(t))")
                case (.inout, let n): arguments.append("Arg.inout(\(literal(n ?? "")), \(t))")
                case (.variadic, let n): arguments.append("Arg.variadic(\(literal(n ?? "")), \(t))")
                }
            }
            var e: Expression
            if let returns = f.returns {
                arguments.append("returns: " + self.returns(returns, in: f.name.schema))
                if f.language != .plpgsql { arguments.append("language: " + language(f.language)) }
                if f.volatility != .volatile { arguments.append("volatility: .\(f.volatility.rawValue.lowercased())") }
                if f.isStrict { arguments.append("strict: true") }
                if f.isSecurityDefiner { arguments.append("securityDefiner: true") }
                arguments.append("body: \(text(f.body))")
                e = Expression("Function", arguments)
                if f.isLeakproof { e.modifier("leakproof") }
                if f.parallel != .unsafe { e.modifier("parallel", ".\(f.parallel.rawValue.lowercased())") }
                if let cost = f.cost { e.modifier("cost", number(cost)) }
                if let rows = f.rows { e.modifier("rows", number(rows)) }
            } else {
                if f.language != .plpgsql { arguments.append("language: " + language(f.language)) }
                if f.isSecurityDefiner { arguments.append("securityDefiner: true") }
                arguments.append("body: \(text(f.body))")
                e = Expression("Procedure", arguments)
            }
            for s in f.settings { e.modifier("set", [literal(s.name), literal(s.value)]) }
            if f.isSQLStandardBody { e.modifier("sqlStandardBody") }
            e.comment(f.comment)
            return e
        }
        return list("functions", items, file: "Functions")
    }

    mutating func viewsFile() -> DeclarationSource.File? {
        let items = model.views.map { v -> Expression in
            var e = Expression("View", [literal(v.name), text(v.query)])
            if v.isMaterialized { e.modifier("materialized") }
            var options: [String] = []
            for option in v.options {
                switch option {
                // As stored: `on` and `true` are two texts to PostgreSQL's reloptions.
                case "security_invoker=true": e.modifier("securityInvoker")
                case "security_barrier=true": e.modifier("securityBarrier")
                default: options.append(literal(option))
                }
            }
            if !options.isEmpty { e.modifier("with", options) }
            if let check = v.checkOption { e.modifier("checkOption", ".\(check.rawValue.lowercased())") }
            if !v.withData { e.modifier("withNoData") }
            for i in v.indexes { e.modifier("index", index(i, on: v.name).flat) }
            for g in v.triggers { e.modifier("trigger", trigger(g, on: v.name).flat) }
            e.comment(v.comment)
            for (column, text) in v.columnComments.sorted(by: { $0.key < $1.key }) {
                e.modifier("comment", ["column: " + literal(column), literal(text)])
            }
            return e
        }
        return list("views", items, file: "Views")
    }

    mutating func privilegesFile() -> DeclarationSource.File? {
        var items: [Expression] = []
        // One GRANT or REVOKE per object, option and set of privileges, to every role that has it.
        struct Key: Hashable { var object: ObjectID; var grantee: String; var option: Bool; var revokes: Bool }
        var byKey: [Key: [String]] = [:]
        var order: [Key] = []
        for g in model.grants.sorted() {
            let key = Key(object: g.object, grantee: g.grantee, option: g.withGrantOption, revokes: g.revokesDefault)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(g.column.map { "\(g.privilege)(\($0))" } ?? g.privilege)
        }
        struct Statement: Hashable { var object: ObjectID; var privileges: [String]; var option: Bool; var revokes: Bool }
        var roles: [Statement: [String]] = [:]
        var statements: [Statement] = []
        for key in order {
            let s = Statement(object: key.object, privileges: byKey[key]!, option: key.option, revokes: key.revokes)
            if roles[s] == nil { statements.append(s) }
            roles[s, default: []].append(key.grantee)
        }
        for s in statements {
            guard let on = privilegeObject(s.object) else {
                notDeclared.append("privileges on \(s.object)")
                continue
            }
            let privileges = privilegeList(s.privileges)
            let who = roles[s]!.map(literal)
            if s.revokes {
                items.append(Expression("Revoke", privileges + ["on: " + on, "from: " + who.joined(separator: ", ")]))
            } else {
                items.append(Expression("Grant", privileges + ["on: " + on, "to: " + who.joined(separator: ", ")]
                                        + (s.option ? ["withGrantOption: true"] : [])))
            }
        }
        struct Defaults: Hashable { var role: String?; var schema: String? }
        var defaults: [Defaults: [DefaultPrivilege]] = [:]
        var defaultsOrder: [Defaults] = []
        for d in model.defaultPrivileges.sorted() {
            let key = Defaults(role: d.role, schema: d.schema)
            if defaults[key] == nil { defaultsOrder.append(key) }
            defaults[key, default: []].append(d)
        }
        for key in defaultsOrder {
            var arguments: [String] = []
            if let role = key.role { arguments.append("for: \(literal(role))") }
            if let schema = key.schema { arguments.append("in: \(literal(schema))") }
            var e = Expression("DefaultPrivileges", arguments)
            e.block = defaults[key]!.map { d in
                let privilege = privilegeList([d.privilege])[0]
                let objects = ".\(d.objects.rawValue.lowercased())"
                return d.revokesDefault
                    ? "GrantOnFuture(revoking: \(privilege), on: \(objects), from: \(literal(d.grantee)))"
                    : "GrantOnFuture(\(privilege), on: \(objects), to: \(literal(d.grantee))"
                        + (d.withGrantOption ? ", withGrantOption: true)" : ")")
            }
            items.append(e)
        }
        return list("privileges", items, file: "Privileges")
    }

    /// A `static let name: [any DatabaseContent]` of `items`, in a file of its own.
    func list(_ letName: String, _ items: [Expression], file name: String) -> DeclarationSource.File? {
        guard !items.isEmpty else { return nil }
        var lines = ["    static let \(letName): [any DatabaseContent] = ["]
        for item in items {
            lines += item.notDeclaredComments(indent: 8)
            let rendered = item.lines(indent: 8)
            lines += rendered.dropLast() + [rendered.last! + ","]
        }
        lines.append("    ]")
        return file(name, lines + [""])
    }

    mutating func tableFile(_ t: Table) -> DeclarationSource.File {
        var lines: [String] = []
        // The table, its partitions, theirs in turn.
        var family = [t]
        var i = 0
        while i < family.count {
            family += model.tables.filter { $0.partitionOf?.parent == family[i].name }
            i += 1
        }
        for table in family {
            let e = table.partitionOf == nil ? tableExpression(table) : partitionExpression(table)
            notDeclared += e.notDeclared.map { "\(table.name): \($0)" }
            lines += e.notDeclaredComments(indent: 4)
            let rendered = e.lines(indent: 4)
            lines.append("    static let \(tableNames[table.name]!) = " + rendered[0].dropFirst(4))
            lines += rendered.dropFirst()
            lines.append("")
        }
        return file(SwiftNames.upperCamel(tableNames[t.name]!), lines)
    }

    // MARK: Tables

    func tableExpression(_ t: Table) -> Expression {
        var e = Expression("Table", [literal(t.name)])
        e.block = tableContent(t)
        if !t.inherits.isEmpty { e.modifier("inherits", t.inherits.map { literal(reference($0, from: t.name.schema)) }) }
        if let p = t.partitioning {
            e.modifier("partitioned", ["by: .\(p.strategy.rawValue.lowercased())"] + partitionKey(p, of: t))
        }
        if t.isUnlogged { e.modifier("unlogged") }
        if !t.storageParameters.isEmpty { e.modifier("with", t.storageParameters.map(literal)) }
        switch t.replicaIdentity {
        case .default: break
        case .full: e.modifier("replicaIdentity", ".full")
        case .nothing: e.modifier("replicaIdentity", ".nothing")
        case .index(let i): e.modifier("replicaIdentity", ".index(\(literal(i)))")
        }
        if let cluster = t.clusterIndex { e.modifier("clusterOn", literal(cluster)) }
        e.comment(t.comment)
        return e
    }

    /// A partition key as the DSL takes it: a column's name, or an expression in parentheses.
    func partitionKey(_ p: Partitioning, of t: Table) -> [String] {
        let columns = Set((t.partitionOf.flatMap { model.table($0.parent)?.columns } ?? t.columns).map(\.name))
        return p.key.map { literal(columns.contains($0) || $0.hasPrefix("(") ? $0 : "(\($0))") }
    }

    func partitionExpression(_ t: Table) -> Expression {
        let bound = t.partitionOf!.bound
        let values = bound.hasPrefix("FOR VALUES ") ? String(bound.dropFirst("FOR VALUES ".count)) : bound
        var e = Expression("Partition", [literal(t.name),
                                         "of: " + literal(reference(t.partitionOf!.parent, from: t.name.schema)),
                                         "values: " + literal(values)])
        e.block = tableContent(t)
        if let p = t.partitioning {
            e.modifier("partitioned", ["by: .\(p.strategy.rawValue.lowercased())"] + partitionKey(p, of: t))
        }
        for (parent, name) in t.attachedIndexNames.sorted(by: { $0.key < $1.key }) {
            e.modifier("index", [literal(name), "attachedTo: " + literal(parent)])
        }
        for (parent, name) in t.attachedConstraintNames.sorted(by: { $0.key < $1.key }) {
            e.modifier("constraint", [literal(name), "attachedTo: " + literal(parent)])
        }
        if t.isUnlogged { e.notDeclared.append("UNLOGGED") }
        if !t.storageParameters.isEmpty { e.notDeclared.append("WITH (\(t.storageParameters.joined(separator: ", ")))") }
        if t.replicaIdentity != .default { e.notDeclared.append("its REPLICA IDENTITY") }
        if let cluster = t.clusterIndex { e.notDeclared.append("CLUSTER ON \(cluster)") }
        e.comment(t.comment)
        return e
    }

    /// Columns with what can be said on them, then constraints, indexes, triggers, RLS and policies.
    func tableContent(_ t: Table) -> [String] {
        var used = Set<String>()
        var lines: [String] = []
        let parents = t.inherits.compactMap { model.table($0) }
        for c in t.columns {
            if c.isInherited {
                // A column that is only what its parents make it need not be written.
                let e = inherited(c, parents: parents)
                if !e.modifiers.isEmpty || !e.notDeclared.isEmpty { lines += e.notDeclaredComments(indent: 0) + e.lines(indent: 0) }
                continue
            }
            var e = Expression("Column", [literal(c.name), type(c.type, in: t.name.schema)])
            var notNullImplied = false
            let serial = serialType(c, of: t)
            if let serial {
                e.modifier(serial == .integer ? "serial" : serial == .bigint ? "bigserial" : "smallserial")
                notNullImplied = true
            }
            for k in t.constraints where !used.contains(k.name) {
                guard let modifier = columnConstraint(k, column: c.name, of: t) else { continue }
                used.insert(k.name)
                e.modifiers.append(modifier)
                if case .primaryKey = k.kind { notNullImplied = true }
            }
            if let identity = c.identity {
                e.modifiers.append(self.identity(identity))
                notNullImplied = true
            }
            if !c.isNullable && !notNullImplied { e.modifier("notNull") }
            if serial == nil, let def = c.defaultExpression { e.modifier("default", literal(def)) }
            if let generated = c.generatedExpression { e.modifier("generated", literal(generated)) }
            if let collation = c.collation { e.modifier("collate", literal(collation)) }
            if let storage = c.storage { e.modifier("storage", literal(storage)) }
            if let compression = c.compression { e.modifier("compression", literal(compression)) }
            if let statistics = c.statisticsTarget { e.modifier("statistics", "\(statistics)") }
            e.comment(c.comment)
            lines += e.lines(indent: 0)
        }
        for k in t.constraints where !used.contains(k.name) { lines += constraint(k, of: t).lines(indent: 0) }
        for i in t.indexes { lines += index(i, on: t.name).lines(indent: 0) }
        for g in t.triggers { lines += trigger(g, on: t.name).lines(indent: 0) }
        if t.rowLevelSecurity { lines.append(t.forceRowLevelSecurity ? "RowLevelSecurity(force: true)" : "RowLevelSecurity()") }
        if t.forceRowLevelSecurity && !t.rowLevelSecurity {
            lines.append("// not declared: FORCE ROW LEVEL SECURITY without ENABLE ROW LEVEL SECURITY")
        }
        for p in t.policies { lines += policy(p).lines(indent: 0) }
        return lines
    }

    /// An inherited column, with what it has that its parents do not give it.
    func inherited(_ c: Column, parents: [Table]) -> Expression {
        var e = Expression("Inherited", [literal(c.name)])
        let from = parents.compactMap { $0.column(named: c.name) }
        let base = from.first
        if !c.isNullable && from.allSatisfy(\.isNullable) { e.modifier("notNull") }
        if let def = c.defaultExpression, def != base?.defaultExpression { e.modifier("default", literal(def)) }
        if c.defaultExpression == nil && base?.defaultExpression != nil {
            e.notDeclared.append("column \(c.name) has no default where its parent has one")
        }
        if let storage = c.storage, storage != base?.storage { e.modifier("storage", literal(storage)) }
        if let n = c.statisticsTarget, n != base?.statisticsTarget { e.modifier("statistics", "\(n)") }
        e.comment(c.comment)
        return e
    }

    /// The modifier that says constraint `k` on `column`, where the column-level form names it
    /// as PostgreSQL would and says all of it.
    func columnConstraint(_ k: Constraint, column: String, of t: Table) -> String? {
        // PostgreSQL marks keys and foreign keys NO INHERIT: it says something of checks only.
        let noInherit = if case .check = k.kind { k.noInherit } else { false }
        guard k.comment == nil, k.include.isEmpty, k.storageParameters.isEmpty, k.isValid, !noInherit else { return nil }
        switch k.kind {
        case .primaryKey(let columns) where columns == [column] && k.deferrable == .notDeferrable
            && k.name == defaultObjectName(table: t.name.name, columns: [], label: "pkey"):
            return ".primaryKey()"
        case .unique(let columns, false) where columns == [column] && k.deferrable == .notDeferrable
            && k.name == defaultObjectName(table: t.name.name, columns: [column], label: "key"):
            return ".unique()"
        case .check(let expression) where k.name == defaultObjectName(table: t.name.name, columns: [column], label: "check"):
            return ".check(\(literal(expression)))"
        case .foreignKey(let fk) where fk.columns == [column] && fk.match == .simple && fk.onDeleteColumns.isEmpty
            && k.name == defaultObjectName(table: t.name.name, columns: [column], label: "fkey"):
            var arguments = [literal(reference(fk.referencedTable, from: t.name.schema))] + fk.referencedColumns.map(literal)
            if fk.onDelete != .noAction { arguments.append("onDelete: " + action(fk.onDelete)) }
            if fk.onUpdate != .noAction { arguments.append("onUpdate: " + action(fk.onUpdate)) }
            if k.deferrable != .notDeferrable { arguments.append("deferrable: " + deferrable(k.deferrable)) }
            return ".references(\(arguments.joined(separator: ", ")))"
        default:
            return nil
        }
    }

    func constraint(_ k: Constraint, of t: Table) -> Expression {
        var e: Expression
        func name(_ label: String, _ columns: [String]) -> [String] {
            k.name == defaultObjectName(table: t.name.name, columns: columns, label: label) ? [] : ["name: \(literal(k.name))"]
        }
        switch k.kind {
        case .primaryKey(let columns):
            e = Expression("PrimaryKey", columns.map(literal) + name("pkey", []))
            if k.deferrable != .notDeferrable { e.modifier("deferrable", deferrable(k.deferrable)) }
        case .unique(let columns, let nullsNotDistinct):
            e = Expression("Unique", columns.map(literal) + name("key", columns))
            if nullsNotDistinct { e.modifier("nullsNotDistinct") }
            if k.deferrable != .notDeferrable { e.modifier("deferrable", deferrable(k.deferrable)) }
        case .check(let expression):
            e = Expression("Check", [literal(k.name), literal(expression)])
            if k.noInherit { e.modifier("noInherit") }
            if !k.isValid { e.modifier("notValid") }
        case .foreignKey(let fk):
            var arguments = ["[" + fk.columns.map(literal).joined(separator: ", ") + "]",
                             "references: " + literal(reference(fk.referencedTable, from: t.name.schema)),
                             "[" + fk.referencedColumns.map(literal).joined(separator: ", ") + "]"]
            if fk.onDelete != .noAction { arguments.append("onDelete: " + action(fk.onDelete)) }
            if fk.onUpdate != .noAction { arguments.append("onUpdate: " + action(fk.onUpdate)) }
            if k.deferrable != .notDeferrable { arguments.append("deferrable: " + deferrable(k.deferrable)) }
            e = Expression("ForeignKey", arguments + name("fkey", fk.columns))
            if fk.match == .full { e.modifier("matchFull") }
            if !fk.onDeleteColumns.isEmpty { e.modifier("onDeleteSetting", fk.onDeleteColumns.map(literal)) }
            if !k.isValid { e.modifier("notValid") }
        case .exclusion(let ex):
            let elements = ex.elements.map { el in
                "(\(literal(el.column ?? "(\(el.expression ?? ""))")), \(literal(el.operator)))"
            }
            e = Expression("Exclude", ["using: .\(ex.method.rawValue)"] + elements
                           + name("excl", ex.elements.compactMap(\.column)))
            if let predicate = ex.predicate { e.modifier("where", literal(predicate)) }
            if k.deferrable != .notDeferrable { e.modifier("deferrable", deferrable(k.deferrable)) }
        }
        switch k.kind {
        case .primaryKey, .unique, .exclusion:
            if !k.include.isEmpty { e.modifier("include", k.include.map(literal)) }
            if !k.storageParameters.isEmpty { e.modifier("with", k.storageParameters.map(literal)) }
        default: break
        }
        e.comment(k.comment)
        return e
    }

    func index(_ i: Index, on relation: QualifiedName) -> Expression {
        let keys = i.keys.map { k -> String in
            var key: String
            switch k.target {
            case .column(let c):
                let plain = k.opclass == nil && k.collation == nil && k.nulls == nil
                if plain && k.order == .asc { return literal(c) }
                if plain { return ".desc(\(literal(c)))" }
                key = "IndexKey.column(\(literal(c)))"
            case .expression(let x): key = "IndexKey.expression(\(literal(x)))"
            }
            if k.order == .desc { key += ".desc()" }
            if k.nulls == .first { key += ".nullsFirst()" }
            if k.nulls == .last { key += ".nullsLast()" }
            if let opclass = k.opclass { key += ".opclass(\(literal(opclass)))" }
            if let collation = k.collation { key += ".collate(\(literal(collation)))" }
            return key
        }
        var e = Expression("Index", [literal(i.name), "on: " + keys.joined(separator: ", ")])
        if i.isUnique { e.modifier("unique") }
        if i.method != .btree { e.modifier("using", ".\(i.method.rawValue)") }
        if !i.include.isEmpty { e.modifier("include", i.include.map(literal)) }
        if i.nullsNotDistinct { e.modifier("nullsNotDistinct") }
        if !i.storageParameters.isEmpty { e.modifier("with", i.storageParameters.map(literal)) }
        if let predicate = i.predicate { e.modifier("where", literal(predicate)) }
        e.comment(i.comment)
        return e
    }

    func trigger(_ g: Trigger, on relation: QualifiedName) -> Expression {
        let events = g.events.map { event -> String in
            switch event {
            case .insert: return ".insert"
            case .delete: return ".delete"
            case .truncate: return ".truncate"
            case .update(let columns):
                return columns.isEmpty ? ".update" : ".update(columns: [\(columns.map(literal).joined(separator: ", "))])"
            }
        }
        let timing = switch g.timing {
        case .before: ".before"
        case .after: ".after"
        case .insteadOf: ".insteadOf"
        }
        var arguments = [literal(g.name), timing] + events
        if g.level == .statement { arguments.append("forEach: .statement") }
        if let condition = g.condition { arguments.append("when: \(literal(condition))") }
        arguments.append("execute: " + literal(reference(g.function, from: relation.schema)))
        if !g.arguments.isEmpty { arguments.append("arguments: [\(g.arguments.map(literal).joined(separator: ", "))]") }
        var e = Expression("Trigger", arguments)
        if g.firing != .origin {
            let firing = switch g.firing {
            case .disabled: ".disabled"
            case .replica: ".replica"
            case .always: ".always"
            case .origin: ".origin"
            }
            e.modifier("firing", firing)
        }
        if let constraint = g.constraint {
            var c = constraint.deferrable == .notDeferrable ? [] : [deferrable(constraint.deferrable)]
            if let from = constraint.referencedTable { c.append("from: " + literal(reference(from, from: relation.schema))) }
            e.modifier("constraint", c)
        }
        if g.oldTable != nil || g.newTable != nil {
            e.modifier("referencing", (g.oldTable.map { ["old: \(literal($0))"] } ?? []) + (g.newTable.map { ["new: \(literal($0))"] } ?? []))
        }
        e.comment(g.comment)
        return e
    }

    func policy(_ p: Policy) -> Expression {
        var arguments = [literal(p.name)]
        if p.command != .all { arguments.append("for: .\(p.command.rawValue.lowercased())") }
        if !p.roles.isEmpty { arguments.append("to: [\(p.roles.map(literal).joined(separator: ", "))]") }
        if let using = p.using { arguments.append("using: \(literal(using))") }
        if let check = p.withCheck { arguments.append("withCheck: \(literal(check))") }
        if !p.isPermissive { arguments.append("restrictive: true") }
        var e = Expression("Policy", arguments)
        e.comment(p.comment)
        return e
    }

    func identity(_ identity: Column.Identity) -> String {
        let o = identity.options
        var arguments = [identity.generation == .always ? ".always" : ".byDefault"]
        if let start = o.start { arguments.append("start: \(start)") }
        if o.increment != 1 { arguments.append("increment: \(o.increment)") }
        if let min = o.minValue { arguments.append("minValue: \(min)") }
        if let max = o.maxValue { arguments.append("maxValue: \(max)") }
        if o.cache != 1 { arguments.append("cache: \(o.cache)") }
        if o.cycle { arguments.append("cycle: true") }
        if let name = identity.sequenceName { arguments.append("sequenceName: \(literal(name))") }
        return ".identity(\(arguments.joined(separator: ", ")))"
    }

    // MARK: Serial columns

    func serialSequenceName(_ c: Column, of t: Table) -> String { defaultObjectName(table: t.name.name, columns: [c.name], label: "seq") }

    /// The type of a column written as `.serial()` (and its kind): an integer column, NOT NULL,
    /// whose default takes the next value of a sequence of the default name and options that
    /// it owns.
    func serialType(_ c: Column, of t: Table) -> DataType? {
        guard [.smallint, .integer, .bigint].contains(c.type), !c.isNullable, c.identity == nil, !c.isInherited,
              let def = c.defaultExpression, def.hasPrefix("nextval(") else { return nil }
        let name = QualifiedName(schema: t.name.schema, serialSequenceName(c, of: t))
        guard let s = model.sequences.first(where: { $0.name == name }), s.comment == nil,
              s.ownedBy == ColumnName(table: t.name, column: c.name), s.options == SequenceOptions(type: c.type).normalised,
              def.contains("'\(name.name)'") || def.contains("'\(quoteName(name))'") || def.contains(".\(name.name)'")
        else { return nil }
        return c.type
    }

    // MARK: Spelling

    func literal(_ text: String) -> String { stringLiteral(text) }

    /// A name as the DSL parses it: bare in `public`, else `schema.name`; qualified always
    /// when the name holds a dot.
    func literal(_ name: QualifiedName) -> String {
        literal(name.schema == "public" && !name.name.contains(".") ? name.name : "\(name.schema).\(name.name)")
    }

    /// How an object in another schema is named from `schema`: bare where the DSL would look.
    func reference(_ name: QualifiedName, from schema: String) -> String {
        name.schema == schema && !name.name.contains(".") ? name.name : "\(name.schema).\(name.name)"
    }

    /// Multi-line text (bodies, queries) as a raw multi-line literal; a line as a plain one.
    func text(_ s: String) -> String { s.contains("\n") ? textLiteral(s) : literal(s) }

    func type(_ t: DataType, in schema: String) -> String {
        switch t {
        case .smallint: return ".smallint"
        case .integer: return ".integer"
        case .bigint: return ".bigint"
        case .numeric(let p?, let s): return ".numeric(\(p), \(s ?? 0))"
        case .numeric: return ".decimal"
        case .real: return ".real"
        case .doublePrecision: return ".doublePrecision"
        case .boolean: return ".boolean"
        case .text: return ".text"
        case .varchar(let n?): return ".varchar(\(n))"
        case .varchar(nil): return ".varchar(nil)"
        case .char(let n?): return ".char(\(n))"
        case .char(nil): return ".char(nil)"
        case .uuid: return ".uuid"
        case .jsonb: return ".jsonb"
        case .json: return ".json"
        case .bytea: return ".bytea"
        case .date: return ".date"
        case .timestamp: return ".timestamp"
        case .timestamptz: return ".timestamptz"
        case .interval: return ".interval"
        case .inet: return ".inet"
        case .array(let element): return ".array(\(type(element, in: schema)))"
        // Always qualified where the using object is not in public, so no type of its own
        // schema stands in.
        case .named(let n): return ".type(\(literal(n.schema == "public" && schema == "public" && !n.name.contains(".") ? n.name : "\(n.schema).\(n.name)")))"
        case .other(let spelling): return ".other(\(literal(spelling)))"
        }
    }

    func returns(_ r: Function.Returns, in schema: String) -> String {
        switch r {
        case .type(let t): return ".type(\(type(t, in: schema)))"
        case .setOf(let t): return ".setOf(\(type(t, in: schema)))"
        case .table(let columns): return ".table(\(columns.map { "(\(literal($0.name ?? "")), \(type($0.type, in: schema)))" }.joined(separator: ", ")))"
        case .trigger: return ".trigger"
        case .void: return ".void"
        }
    }

    func language(_ l: Function.Language) -> String {
        switch l.rawValue {
        case "sql": return ".sql"
        case "plpgsql": return ".plpgsql"
        default: return literal(l.rawValue)
        }
    }

    func action(_ a: ForeignKey.Action) -> String {
        switch a {
        case .noAction: return ".noAction"
        case .restrict: return ".restrict"
        case .cascade: return ".cascade"
        case .setNull: return ".setNull"
        case .setDefault: return ".setDefault"
        }
    }

    func deferrable(_ d: Deferrable) -> String {
        switch d {
        case .notDeferrable: return ".notDeferrable"
        case .initiallyImmediate: return ".initiallyImmediate"
        case .initiallyDeferred: return ".initiallyDeferred"
        }
    }

    func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// `SELECT` → `.select`, a column privilege → `.update("a", "b")`.
    func privilegeList(_ privileges: [String]) -> [String] {
        var plain: [String] = []
        var columns: [String: [String]] = [:]
        var order: [String] = []
        for p in privileges {
            if let open = p.firstIndex(of: "(") {
                let name = String(p[..<open])
                if columns[name] == nil { order.append(name) }
                columns[name, default: []].append(String(p[p.index(after: open)...].dropLast()))
            } else {
                plain.append(p)
            }
        }
        let known: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "USAGE",
                                  "CREATE", "EXECUTE"]
        return plain.map { known.contains($0) ? "." + $0.lowercased() : "Privilege(\(literal($0)))" }
            + order.map { ".\($0.lowercased())(\(columns[$0]!.map(literal).joined(separator: ", ")))" }
    }

    func privilegeObject(_ object: ObjectID) -> String? {
        switch object {
        case .table(let n), .view(let n): return ".table(\(literal(n)))"
        case .sequence(let n): return ".sequence(\(literal(n)))"
        case .function(let n, let arguments):
            return ".function(\(literal(n))\(arguments.isEmpty ? "" : ", " + literal(arguments)))"
        case .schema(let n): return ".schema(\(literal(n)))"
        case .type(let n): return ".type(\(literal(n)))"
        default: return nil
        }
    }
}

/// A DSL element as written: a call, an optional builder block, and modifiers, one per line
/// when it does not fit on one.
private struct Expression {
    var call: String
    var arguments: [String]
    var block: [String]?
    var modifiers: [String] = []
    /// What the DSL cannot say of the object, written before it as comments.
    var notDeclared: [String] = []

    init(_ call: String, _ arguments: [String]) {
        self.call = call
        self.arguments = arguments
    }

    mutating func modifier(_ name: String, _ arguments: [String] = []) {
        modifiers.append(".\(name)(\(arguments.joined(separator: ", ")))")
    }

    mutating func modifier(_ name: String, _ argument: String) { modifier(name, [argument]) }

    mutating func comment(_ text: String?) {
        if let text { modifier("comment", stringLiteral(text)) }
    }

    static let width = 110

    /// The element on lines, the first at `indent`.
    func lines(indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let head = block != nil && arguments.isEmpty ? call : "\(call)(\(arguments.joined(separator: ", ")))"
        var lines: [String]
        if let block {
            let opening = block.isEmpty ? head + " {}" : head + " {"
            lines = [pad + opening]
            if !block.isEmpty {
                lines += block.map { $0.isEmpty ? "" : pad + "    " + $0 }
                lines.append(pad + "}")
            }
            // Modifiers after a block go on lines of their own.
            return lines + modifiers.map { pad + $0 }
        }
        let flat = pad + head + modifiers.joined()
        if flat.count <= Self.width && !flat.contains("\n") { return [flat] }
        return [pad + head] + modifiers.map { pad + "    " + $0 }
    }

    /// The element on one line, for a modifier's argument (a view's index or trigger).
    var flat: String { lines(indent: 0).joined(separator: "\n") }

    func notDeclaredComments(indent: Int) -> [String] {
        notDeclared.map { String(repeating: " ", count: indent) + "// not declared: \($0)" }
    }
}
