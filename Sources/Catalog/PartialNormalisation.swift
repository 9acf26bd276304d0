import SQLRenderer
import SchemaModel

extension DevDatabase {
    /// Two live databases' models, normalised where they differ: only expressions that exist
    /// on both sides under one name with different text are printed again by PostgreSQL.
    /// What reads the same on both sides would print the same, so it is left as read.
    ///
    /// Defaults, checks, generated columns and indexes are printed in small scratch tables
    /// made of only the columns they mention, each distinct expression once however many tables
    /// repeat it; tables with another kind of difference (a policy, a trigger, a partition
    /// bound) and differing views are realised whole, with what they need.
    /// With `bIsNormal`, `b` is already in normal form (a realised declaration) and only `a` is realised.
    /// `written` is `writtenDifferently(a, b)` when the caller has it already.
    public func normaliseDifferences(_ a: DatabaseModel, _ b: DatabaseModel, _ written: WrittenDifferently? = nil,
                                     bIsNormal: Bool = false) throws -> (DatabaseModel, DatabaseModel)
    {
        let written = written ?? Self.writtenDifferently(a, b)
        let (differing, views) = (written.tables, written.views)
        if written.isEmpty { return (a, b) }

        let whole = Set(differing.filter { !$0.value.allSatisfy(isItemExpression) }.keys)
        let items = differing.filter { !whole.contains($0.key) }
        let sides = bIsNormal ? [a] : [a, b]
        let normalised = try concurrently(sides.count) { i in
            var model = sides[i]
            var whole = whole
            do {
                model = try self.printAgain(items, in: model)
            } catch {
                // A mentioned name the scratch table lacks: realise those tables whole instead.
                whole.formUnion(items.keys)
            }
            if !whole.isEmpty || !views.isEmpty {
                // What cannot be recreated on its own (a view over an aggregate schemagen does
                // not manage) is compared as read: a rewording then shows as a rebuild, never less.
                if let realised = try? self.realise(model.subset(tables: whole, views: views)) {
                    model = self.replacing(whole, views, in: model, with: realised)
                }
            }
            return model
        }
        return (normalised[0], bIsNormal ? b : normalised[1])
    }

    /// Whether `normaliseDifferences` gave `model` back as `read`: it changes tables and views
    /// only, and those it leaves alone keep their storage, so this compares little.
    public static func unchanged(_ model: DatabaseModel, from read: DatabaseModel) -> Bool {
        model.tables == read.tables && model.views == read.views
    }

    /// What `normaliseDifferences` prints again; when it is empty, it needs no server.
    public static func writtenDifferently(_ a: DatabaseModel, _ b: DatabaseModel) -> WrittenDifferently {
        let tablesB = Dictionary(b.tables.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let viewsB = Dictionary(b.views.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        var tables: [QualifiedName: Set<String>] = [:]
        for t in a.tables {
            guard let other = tablesB[t.name] else { continue }
            let keys = differingExpressions(t, other)
            if !keys.isEmpty { tables[t.name] = keys }
        }
        return WrittenDifferently(
            tables: tables, views: Set(a.views.filter { v in viewsB[v.name].map { $0 != v } ?? false }.map(\.name)))
    }

    /// `model` with the named expressions of the named tables as PostgreSQL prints them.
    private func printAgain(_ items: [QualifiedName: Set<String>], in model: DatabaseModel) throws -> DatabaseModel {
        if items.isEmpty { return model }
        var wanted = Set<Printable>()
        for t in model.tables {
            guard let keys = items[t.name] else { continue }
            wanted.formUnion(printables(of: t, keys, deps: model.dependencies))
        }
        let printed = try printed(Array(wanted), model: model)
        var result = model
        for (i, t) in result.tables.enumerated() {
            guard let keys = items[t.name] else { continue }
            result.tables[i] = withPrinted(keys, in: t, printed: printed, deps: model.dependencies)
        }
        return result
    }

    /// Each printable created in scratch tables and read back: checks and indexes in a table
    /// per set of mentioned columns, defaults as columns of one table, generated columns in a
    /// table each.
    private func printed(_ wanted: [Printable], model: DatabaseModel) throws -> [Printable: Printed] {
        var scratch = model
        scratch.views = []
        scratch.tables = []
        var contexts: [[Column]: Int] = [:]
        var defaults = Table(name: QualifiedName(schema: "public", "schemagen_defaults"))
        var names: [Printable: (table: String, item: String)] = [:]
        func table(for context: [Column]) -> Int {
            if let i = contexts[context] { return i }
            scratch.tables.append(Table(name: QualifiedName(schema: "public", "schemagen_t\(scratch.tables.count)"),
                                        columns: context))
            contexts[context] = scratch.tables.count - 1
            return scratch.tables.count - 1
        }
        for (k, item) in wanted.enumerated() {
            switch item {
            case .check(let expression, let context):
                let t = table(for: context)
                scratch.tables[t].constraints.append(Constraint(name: "c\(k)", kind: .check(expression: expression)))
                names[item] = (scratch.tables[t].name.name, "c\(k)")
            case .index(let index, let context):
                let t = table(for: context)
                var copy = index
                copy.name = "schemagen_i\(k)"
                scratch.tables[t].indexes.append(copy)
                names[item] = (scratch.tables[t].name.name, copy.name)
            case .defaultValue(let expression, let type, let collation):
                defaults.columns.append(Column(name: "d\(k)", type: type, defaultExpression: expression, collation: collation))
                names[item] = (defaults.name.name, "d\(k)")
            case .generated(let expression, let type, let context):
                let name = "schemagen_g\(k)"
                scratch.tables.append(Table(name: QualifiedName(schema: "public", name), columns: context + [
                    Column(name: "g\(k)", type: type, generatedExpression: expression),
                ]))
                names[item] = (name, "g\(k)")
            }
        }
        if !defaults.columns.isEmpty { scratch.tables.append(defaults) }
        let realised = Dictionary(try realise(scratch).tables.map { ($0.name.name, $0) }, uniquingKeysWith: { x, _ in x })
        var result: [Printable: Printed] = [:]
        for item in wanted {
            let (tableName, itemName) = names[item]!
            guard let t = realised[tableName] else { throw PrintError() }
            switch item {
            case .check:
                guard case .check(let e)? = t.constraints.first(where: { $0.name == itemName })?.kind else { throw PrintError() }
                result[item] = .expression(e)
            case .index:
                guard let i = t.indexes.first(where: { $0.name == itemName }) else { throw PrintError() }
                result[item] = .index(keys: i.keys, predicate: i.predicate)
            case .defaultValue:
                result[item] = .expression(t.column(named: itemName)?.defaultExpression)
            case .generated:
                result[item] = .expression(t.column(named: itemName)?.generatedExpression)
            }
        }
        return result
    }

    /// `model` with the named tables and views as `realised` holds them; foreign keys the
    /// subset left out are kept as read.
    private func replacing(_ tables: Set<QualifiedName>, _ views: Set<QualifiedName>, in model: DatabaseModel,
                           with realised: DatabaseModel) -> DatabaseModel {
        var result = model
        let realisedTables = Dictionary(realised.tables.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let realisedViews = Dictionary(realised.views.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for (i, table) in result.tables.enumerated() where tables.contains(table.name) {
            guard var replacement = realisedTables[table.name] else { continue }
            let kept = Set(replacement.constraints.map(\.name))
            replacement.constraints += table.constraints.filter { !kept.contains($0.name) }
            // Keep the order as read, so that only real differences remain.
            let order = Dictionary(table.constraints.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { x, _ in x })
            replacement.constraints.sort { (order[$0.name] ?? .max) < (order[$1.name] ?? .max) }
            result.tables[i] = replacement
        }
        for (i, view) in result.views.enumerated() where views.contains(view.name) {
            if let replacement = realisedViews[view.name] { result.views[i] = replacement }
        }
        return result
    }
}

/// The expressions (by table) and views that two models both have and write differently.
public struct WrittenDifferently: Sendable {
    let tables: [QualifiedName: Set<String>]
    let views: Set<QualifiedName>

    public var isEmpty: Bool { tables.isEmpty && views.isEmpty }
}

private struct PrintError: Error {}

/// An expression to print again, with everything its printed form depends on: the types of the
/// columns it mentions (by name, as a word of its text), and for a default its column's type.
private enum Printable: Hashable {
    case check(String, context: [Column])
    case defaultValue(String, type: DataType, collation: String?)
    case generated(String, type: DataType, context: [Column])
    /// The index without its name and comment.
    case index(Index, context: [Column])
}

private enum Printed {
    case expression(String?)
    case index(keys: [IndexKey], predicate: String?)
}

/// Keys of `expressions(of:)` printed in scratch tables; the rest need their whole table.
private func isItemExpression(_ key: String) -> Bool {
    key.hasPrefix("default ") || key.hasPrefix("generated ") || key.hasPrefix("check ") || key.hasPrefix("index ")
}

/// The columns of `table` that `object` depends on (by the model's dependencies; every column
/// when it has none), with only what printing depends on.
private func context(_ table: Table, of object: ObjectID, in deps: Dependencies, plus names: Set<String> = [])
    -> [Column]
{
    let used = deps.of(object)
    let known = !used.isEmpty || !deps.isEmpty
    return table.columns.filter { c in names.contains(c.name) || !known || used.contains(.column(table.name, c.name)) }
        .map { Column(name: $0.name, type: $0.type, collation: $0.collation) }
}

private func printables(of table: Table, _ keys: Set<String>, deps: Dependencies) -> [Printable] {
    var found: [Printable] = []
    for c in table.columns {
        if keys.contains("default " + c.name), let e = c.defaultExpression {
            found.append(.defaultValue(e, type: c.type, collation: c.collation))
        }
        if keys.contains("generated " + c.name), let e = c.generatedExpression {
            found.append(generated(c, e, of: table, deps: deps))
        }
    }
    for c in table.constraints where keys.contains("check " + c.name) {
        if case .check(let e) = c.kind {
            found.append(.check(e, context: context(table, of: .constraint(table.name, c.name), in: deps)))
        }
    }
    for i in table.indexes where keys.contains("index " + i.name) {
        found.append(printable(i, of: table, deps: deps))
    }
    return found
}

private func generated(_ c: Column, _ expression: String, of table: Table, deps: Dependencies) -> Printable {
    .generated(expression, type: c.type,
               context: context(table, of: .columnDefault(table.name, c.name), in: deps).filter { $0.name != c.name })
}

private func printable(_ index: Index, of table: Table, deps: Dependencies) -> Printable {
    var bare = index
    bare.name = ""
    bare.comment = nil
    bare.location = nil
    bare.renamedFrom = nil
    var columns = Set(index.include)
    for key in index.keys { if let name = key.column { columns.insert(name) } }
    return .index(bare, context: context(table, of: table.indexID(index), in: deps, plus: columns))
}

private func withPrinted(_ keys: Set<String>, in table: Table, printed: [Printable: Printed], deps: Dependencies)
    -> Table
{
    var t = table
    for (i, c) in t.columns.enumerated() {
        if keys.contains("default " + c.name), let e = c.defaultExpression,
           case .expression(let text)? = printed[.defaultValue(e, type: c.type, collation: c.collation)] {
            t.columns[i].defaultExpression = text
        }
        if keys.contains("generated " + c.name), let e = c.generatedExpression,
           case .expression(let text)? = printed[generated(c, e, of: table, deps: deps)] {
            t.columns[i].generatedExpression = text
        }
    }
    for (i, c) in t.constraints.enumerated() where keys.contains("check " + c.name) {
        if case .check(let e) = c.kind,
           case .expression(let text?)? = printed[.check(e, context: context(table, of: .constraint(table.name, c.name), in: deps))] {
            t.constraints[i].kind = .check(expression: text)
        }
    }
    for (i, index) in t.indexes.enumerated() where keys.contains("index " + index.name) {
        if case .index(let keys, let predicate)? = printed[printable(index, of: table, deps: deps)] {
            t.indexes[i].keys = keys
            t.indexes[i].predicate = predicate
        }
    }
    return t
}

/// The expressions PostgreSQL prints (a default, a CHECK, an index predicate or key, a policy,
/// a trigger condition, a partition bound) that are on both tables under one name with
/// different text, by their keys in `expressions(of:)`. Anything else compares the same
/// whether realised or not.
func differingExpressions(_ a: Table, _ b: Table) -> Set<String> {
    if expressionsAlike(a, b) { return [] }
    let x = expressions(of: a)
    return Set(expressions(of: b).filter { key, text in x[key].map { $0 != text } ?? false }.keys)
}

/// Whether every expression of `a` reads as the one of that name in `b`, seen position by
/// position: true only when names and texts match in place, as they do in most tables of two
/// databases compared (which then need no keys made). Anything else is left to the keys.
private func expressionsAlike(_ a: Table, _ b: Table) -> Bool {
    guard a.columns.count == b.columns.count, a.constraints.count == b.constraints.count,
          a.indexes.count == b.indexes.count, a.policies.count == b.policies.count,
          a.triggers.count == b.triggers.count, a.partitionOf?.bound == b.partitionOf?.bound else { return false }
    for i in a.columns.indices {
        guard a.columns[i].name == b.columns[i].name, a.columns[i].defaultExpression == b.columns[i].defaultExpression,
              a.columns[i].generatedExpression == b.columns[i].generatedExpression else { return false }
    }
    for i in a.constraints.indices {
        guard a.constraints[i].name == b.constraints[i].name else { return false }
        if case .check(let x) = a.constraints[i].kind, case .check(let y) = b.constraints[i].kind, x != y { return false }
    }
    for i in a.indexes.indices {
        guard a.indexes[i].name == b.indexes[i].name, a.indexes[i].keys == b.indexes[i].keys,
              a.indexes[i].predicate == b.indexes[i].predicate else { return false }
    }
    for i in a.policies.indices {
        guard a.policies[i].name == b.policies[i].name, a.policies[i].using == b.policies[i].using,
              a.policies[i].withCheck == b.policies[i].withCheck else { return false }
    }
    for i in a.triggers.indices {
        guard a.triggers[i].name == b.triggers[i].name, a.triggers[i].condition == b.triggers[i].condition else { return false }
    }
    return true
}

private func expressions(of table: Table) -> [String: String] {
    var found: [String: String] = [:]
    for c in table.columns {
        found["default " + c.name] = c.defaultExpression
        found["generated " + c.name] = c.generatedExpression
    }
    for c in table.constraints {
        if case .check(let expression) = c.kind { found["check " + c.name] = expression }
    }
    for i in table.indexes {
        // Key expressions and the predicate; column keys print the same either way.
        found["index " + i.name] = i.keys.map { key in
            if case .expression(let e) = key.target { return e }
            return ""
        }.joined(separator: "\u{0}") + "\u{0}" + (i.predicate ?? "")
    }
    for p in table.policies { found["policy " + p.name] = "\(p.using ?? "") \(p.withCheck ?? "")" }
    for t in table.triggers { found["trigger " + t.name] = t.condition }
    found["bound"] = table.partitionOf?.bound
    return found
}

extension DatabaseModel {
    /// The model's `tables` and `views`, together with every type, function, sequence and schema,
    /// the views and tables those views read (by the model's dependencies; every table and view
    /// when it has none), and partitions' parents. Foreign keys to tables left out are left out
    /// too (they hold no expression), and so is the ownership of sequences by them.
    func subset(tables: Set<QualifiedName>, views: Set<QualifiedName>) -> DatabaseModel {
        let model = self
        var wantedViews = views
        var wantedTables = tables
        if dependencies.isEmpty && !views.isEmpty {
            wantedViews = Set(model.views.map(\.name))
            wantedTables.formUnion(model.tables.map(\.name))
        }
        var work = Array(wantedViews)
        while let v = work.popLast() {
            for target in dependencies.of(.view(v)) {
                switch target {
                case .view(let other) where wantedViews.insert(other).inserted: work.append(other)
                case .table(let t), .column(let t, _): wantedTables.insert(t)
                default: break
                }
            }
        }
        var parents = wantedTables
        while true {
            let more = Set(model.tables.filter { parents.contains($0.name) }.flatMap { t in
                (t.partitionOf.map { [$0.parent] } ?? []) + t.inherits
            })
            if more.isSubset(of: parents) { break }
            parents.formUnion(more)
        }
        wantedTables = parents
        var subset = model
        subset.tables = model.tables.filter { wantedTables.contains($0.name) }.map { table in
            var t = table
            t.constraints.removeAll {
                if case .foreignKey(let fk) = $0.kind { return !wantedTables.contains(fk.referencedTable) }
                return false
            }
            return t
        }
        subset.views = model.views.filter { wantedViews.contains($0.name) }
        // Privileges print as they are; the subset is made to print expressions.
        subset.grants = []
        subset.defaultPrivileges = []
        for s in subset.sequences.indices {
            if let owner = subset.sequences[s].ownedBy, !wantedTables.contains(owner.table) {
                subset.sequences[s].ownedBy = nil
            }
        }
        subset.dependencies = dependencies.filter { id in
            if let t = id.table { return wantedTables.contains(t) }
            if case .view(let v) = id { return wantedViews.contains(v) }
            return true
        }
        return subset
    }
}
