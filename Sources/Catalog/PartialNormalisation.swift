import SQLRenderer
import SchemaModel

extension DevDatabase {
    /// Two live databases' models, normalised where they differ: only the tables and views that
    /// exist on both sides with an expression written differently are realised (with the types, functions
    /// and tables they need), both sides at once. What reads the same on both sides would
    /// realise the same, so it is left as read; at 5,000 tables realising everything costs
    /// minutes, and a 5% difference costs seconds this way.
    /// With `bIsNormal`, `b` is already in normal form (a realised declaration) and only `a` is realised.
    public func normaliseDifferences(_ a: DatabaseModel, _ b: DatabaseModel, bIsNormal: Bool = false) throws
        -> (DatabaseModel, DatabaseModel)
    {
        let tablesB = Dictionary(b.tables.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let viewsB = Dictionary(b.views.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        let tables = Set(a.tables.filter { t in
            tablesB[t.name].map { expressionsDiffer(t, $0) } ?? false
        }.map(\.name))
        let views = Set(a.views.filter { v in viewsB[v.name].map { $0 != v } ?? false }.map(\.name))
        if tables.isEmpty && views.isEmpty { return (a, b) }

        let sides = [a, b]
        let realised = try concurrently(bIsNormal ? 1 : 2) { i in
            try self.realiseSubset(of: sides[i], tables: tables, views: views)
        }
        return (replacing(tables, views, in: a, with: realised[0]),
                bIsNormal ? b : replacing(tables, views, in: b, with: realised[1]))
    }

    private func realiseSubset(of model: DatabaseModel, tables: Set<QualifiedName>, views: Set<QualifiedName>) throws
        -> DatabaseModel
    {
        try realise(model.subset(tables: tables, views: views))
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

/// Whether an expression PostgreSQL prints (a default, a CHECK, an index predicate or key, a
/// policy, a trigger condition, a partition bound) is on both tables under one name with
/// different text. Anything else compares the same whether realised or not.
func expressionsDiffer(_ a: Table, _ b: Table) -> Bool {
    let x = expressions(of: a)
    return expressions(of: b).contains { key, text in x[key].map { $0 != text } ?? false }
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
        found["index " + i.name] = "\(i.predicate ?? "") \(i.keys)"
    }
    for p in table.policies { found["policy " + p.name] = "\(p.using ?? "") \(p.withCheck ?? "")" }
    for t in table.triggers { found["trigger " + t.name] = t.condition }
    found["bound"] = table.partitionOf?.bound
    return found
}

extension DatabaseModel {
    /// The model's `tables` and `views`, together with every type, function and schema, the
    /// views and tables those views read, and partitions' parents. Foreign keys to tables left
    /// out are left out too (they hold no expression).
    func subset(tables: Set<QualifiedName>, views: Set<QualifiedName>) -> DatabaseModel {
        let model = self
        var wantedViews = views
        var wantedTables = tables
        var grew = true
        while grew {
            grew = false
            for v in model.views where wantedViews.contains(v.name) {
                for other in model.views where !wantedViews.contains(other.name) && v.query.containsWord(other.name.name) {
                    wantedViews.insert(other.name)
                    grew = true
                }
                for t in model.tables where !wantedTables.contains(t.name) && v.query.containsWord(t.name.name) {
                    wantedTables.insert(t.name)
                }
            }
        }
        for t in model.tables where wantedTables.contains(t.name) {
            if let parent = t.partitionOf?.parent { wantedTables.insert(parent) }
        }
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
        return subset
    }
}
