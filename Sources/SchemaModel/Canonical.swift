extension DatabaseModel {
    /// The model with every list in name order and no source locations, so two models that
    /// describe the same database compare equal. Column order is kept unless asked: a
    /// migration appends new columns, so a migrated table may order them differently from
    /// one created fresh.
    public func canonical(ignoringColumnOrder: Bool = false) -> DatabaseModel {
        var m = self
        m.name = ""
        m.location = nil
        m.dependencies = Dependencies()
        m.namespaces = namespaces.map { var n = $0; n.location = nil; return n }.sorted { $0.name < $1.name }
        m.extensions = extensions.map { var e = $0; e.location = nil; return e }.sorted { $0.name < $1.name }
        m.enums = enums.map { var e = $0; e.location = nil; e.renamedFrom = nil; return e }.sorted { $0.name < $1.name }
        m.domains = domains.map { d in
            var d = d
            d.location = nil
            d.checks.sort { $0.name < $1.name }
            return d
        }.sorted { $0.name < $1.name }
        m.compositeTypes = compositeTypes.map { var c = $0; c.location = nil; return c }.sorted { $0.name < $1.name }
        m.rangeTypes = rangeTypes.map { var r = $0; r.location = nil; return r }.sorted { $0.name < $1.name }
        m.collations = collations.map { var c = $0; c.location = nil; return c }.sorted { $0.name < $1.name }
        m.sequences = sequences.map { var s = $0; s.location = nil; return s }.sorted { $0.name < $1.name }
        m.functions = functions.map { var f = $0; f.location = nil; return f }
            .sorted { ($0.name.description, $0.signature) < ($1.name.description, $1.signature) }
        m.views = views.map(\.canonical).sorted { $0.name < $1.name }
        m.unmanaged.sort { ($0.kind, $0.identity) < ($1.kind, $1.identity) }
        m.grants = grants.map { var g = $0; g.location = nil; return g }.sorted()
        m.defaultPrivileges = defaultPrivileges.map { var d = $0; d.location = nil; return d }.sorted()
        m.tables = tables.map { $0.canonical(ignoringColumnOrder: ignoringColumnOrder) }.sorted { $0.name < $1.name }
        return m
    }
}

extension Table {
    /// The table as `DatabaseModel.canonical` has it: lists in name order, no source locations or rename hints.
    public func canonical(ignoringColumnOrder: Bool = false) -> Table {
        var t = self
        t.location = nil
        t.renamedFrom = nil
        t.columns = t.columns.map { var c = $0; c.location = nil; c.renamedFrom = nil; c.conversion = nil; return c }
        if ignoringColumnOrder { t.columns.sort { $0.name < $1.name } }
        t.constraints = t.constraints.map { var c = $0; c.location = nil; c.renamedFrom = nil; return c }
            .sorted { $0.name < $1.name }
        t.indexes = t.indexes.map { var i = $0; i.location = nil; i.renamedFrom = nil; return i }
            .sorted { $0.name < $1.name }
        t.triggers = t.triggers.map { var x = $0; x.location = nil; return x }.sorted { $0.name < $1.name }
        t.policies = t.policies.map { var p = $0; p.location = nil; return p }.sorted { $0.name < $1.name }
        return t
    }
}

extension View {
    /// The view as `DatabaseModel.canonical` has it.
    public var canonical: View {
        var v = self
        v.location = nil
        v.indexes = v.indexes.map { var i = $0; i.location = nil; i.renamedFrom = nil; return i }.sorted { $0.name < $1.name }
        v.triggers = v.triggers.map { var x = $0; x.location = nil; return x }.sorted { $0.name < $1.name }
        return v
    }
}

extension DatabaseModel {
    /// The model with its lists in the order `other` has them (what `other` lacks goes last, in
    /// the order it had): a realised declaration read back from the catalog, in declaration
    /// order again, so that plans and scripts follow the order it was written in.
    public func ordered(like other: DatabaseModel) -> DatabaseModel {
        func rank<T, K: Hashable>(_ items: [T], _ key: (T) -> K) -> [K: Int] {
            Dictionary(items.enumerated().map { (key($1), $0) }, uniquingKeysWith: { a, _ in a })
        }
        func sort<T, K: Hashable>(_ items: [T], like reference: [T], _ key: (T) -> K) -> [T] {
            let order = rank(reference, key)
            return items.enumerated().sorted { a, b in
                (order[key(a.element)] ?? Int.max, a.offset) < (order[key(b.element)] ?? Int.max, b.offset)
            }.map(\.element)
        }
        var m = self
        m.namespaces = sort(namespaces, like: other.namespaces, \.name)
        m.extensions = sort(extensions, like: other.extensions, \.name)
        m.enums = sort(enums, like: other.enums, \.name)
        m.domains = sort(domains, like: other.domains, \.name)
        m.compositeTypes = sort(compositeTypes, like: other.compositeTypes, \.name)
        m.rangeTypes = sort(rangeTypes, like: other.rangeTypes, \.name)
        m.collations = sort(collations, like: other.collations, \.name)
        m.sequences = sort(sequences, like: other.sequences, \.name)
        m.functions = sort(functions, like: other.functions, \.signature)
        let otherViews = Dictionary(other.views.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        m.views = sort(views, like: other.views, \.name).map { v in
            guard let o = otherViews[v.name] else { return v }
            var v = v
            v.triggers = sort(v.triggers, like: o.triggers, \.name)
            return v
        }
        let otherTables = Dictionary(other.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        m.tables = sort(tables, like: other.tables, \.name).map { t in
            guard let o = otherTables[t.name] else { return t }
            var t = t
            t.constraints = sort(t.constraints, like: o.constraints, \.name)
            t.indexes = sort(t.indexes, like: o.indexes, \.name)
            t.triggers = sort(t.triggers, like: o.triggers, \.name)
            t.policies = sort(t.policies, like: o.policies, \.name)
            return t
        }
        return m
    }
}
