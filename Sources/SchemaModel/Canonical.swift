extension DatabaseModel {
    /// The model with every list in name order and no source locations, so two models that
    /// describe the same database compare equal. Column order is kept unless asked: a
    /// migration appends new columns, so a migrated table may order them differently from
    /// one created fresh.
    public func canonical(ignoringColumnOrder: Bool = false) -> DatabaseModel {
        var m = self
        m.name = ""
        m.location = nil
        m.namespaces = namespaces.map { var n = $0; n.location = nil; return n }.sorted { $0.name < $1.name }
        m.extensions = extensions.map { var e = $0; e.location = nil; return e }.sorted { $0.name < $1.name }
        m.enums = enums.map { var e = $0; e.location = nil; e.renamedFrom = nil; return e }.sorted { $0.name < $1.name }
        m.domains = domains.map { d in
            var d = d
            d.location = nil
            d.checks.sort { $0.name < $1.name }
            return d
        }.sorted { $0.name < $1.name }
        m.sequences = sequences.map { var s = $0; s.location = nil; return s }.sorted { $0.name < $1.name }
        m.functions = functions.map { var f = $0; f.location = nil; return f }
            .sorted { ($0.name.description, $0.signature) < ($1.name.description, $1.signature) }
        m.views = views.map { var v = $0; v.location = nil; return v }.sorted { $0.name < $1.name }
        m.tables = tables.map { t in
            var t = t
            t.location = nil
            t.renamedFrom = nil
            t.columns = t.columns.map { var c = $0; c.location = nil; c.renamedFrom = nil; return c }
            if ignoringColumnOrder { t.columns.sort { $0.name < $1.name } }
            t.constraints = t.constraints.map { var c = $0; c.location = nil; c.renamedFrom = nil; return c }
                .sorted { $0.name < $1.name }
            t.indexes = t.indexes.map { var i = $0; i.location = nil; i.renamedFrom = nil; return i }
                .sorted { $0.name < $1.name }
            t.triggers = t.triggers.map { var x = $0; x.location = nil; return x }.sorted { $0.name < $1.name }
            t.policies = t.policies.map { var p = $0; p.location = nil; return p }.sorted { $0.name < $1.name }
            return t
        }.sorted { $0.name < $1.name }
        return m
    }
}
