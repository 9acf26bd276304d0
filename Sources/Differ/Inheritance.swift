import SchemaModel

extension Differ {
    // MARK: Table inheritance

    /// `current` as the children will be once their parents are changed: PostgreSQL carries a
    /// parent's new and dropped columns, type, default and NOT NULL changes over to the tables
    /// that inherit from it, so the children's own changes are planned from there. A link the
    /// plan removes (`NO INHERIT`) leaves the columns that came through it as the child's own.
    mutating func propagateInheritance() {
        guard current.tables.contains(where: { !$0.inherits.isEmpty }) else { return }
        let before = current
        let beforePositions = before.tablePositions
        for i in current.tables.indices where !current.tables[i].inherits.isEmpty {
            let child = current.tables[i]
            guard let wanted = desiredTable(child.name) else { continue }
            let kept = child.inherits.filter { wanted.inherits.contains($0) && desiredTable($0) != nil }
            func fromKept(_ column: String) -> Bool {
                kept.contains { p in beforePositions[p].map { before.tables[$0] }?.column(named: column) != nil || desiredTable(p)?.column(named: column) != nil }
            }
            for c in current.tables[i].columns.indices where current.tables[i].columns[c].isInherited {
                if !fromKept(current.tables[i].columns[c].name) { current.tables[i].columns[c].isInherited = false }
            }
            // The CHECK constraints that came only through a removed link become its own too.
            var removed = child
            removed.inherits = child.inherits.filter { !kept.contains($0) }
            var keptOnly = child
            keptOnly.inherits = kept
            let stillInherited = inheritedChecks(of: keptOnly, in: current)
            for (name, check) in inheritedChecks(of: removed, in: current).sorted(by: { $0.key < $1.key })
                where stillInherited[name] == nil && !child.constraints.contains(where: { $0.name == name }) {
                current.tables[i].constraints.append(check)
            }
            for p in kept {
                guard let old = beforePositions[p].map({ before.tables[$0] }), let new = desiredTable(p) else { continue }
                for x in new.columns where old.column(named: x.name) == nil
                    && current.tables[i].column(named: x.name) == nil {
                    current.tables[i].columns.append(x.inherited)
                }
                for x in old.columns where new.column(named: x.name) == nil {
                    current.tables[i].columns.removeAll { $0.name == x.name && $0.isInherited }
                }
                for x in new.columns {
                    guard let was = old.column(named: x.name),
                          let c = current.tables[i].columns.firstIndex(where: { $0.name == x.name }) else { continue }
                    if was.type != x.type {
                        current.tables[i].columns[c].type = x.type
                        retypedByParent.insert(.column(child.name, x.name))
                    }
                    if was.defaultExpression != x.defaultExpression {
                        current.tables[i].columns[c].defaultExpression = x.defaultExpression
                    }
                    if was.isNullable != x.isNullable { current.tables[i].columns[c].isNullable = x.isNullable }
                    if was.storage != x.storage { current.tables[i].columns[c].storage = x.storage }
                    if was.statisticsTarget != x.statisticsTarget {
                        current.tables[i].columns[c].statisticsTarget = x.statisticsTarget
                    }
                }
            }
        }
    }

    /// Where the columns of `old` will be the table's own while the target inherits them, or
    /// the other way round: no ALTER makes a column the table declared itself inherited-only.
    func inheritanceLayoutDifference(_ old: Table, _ new: Table) -> String? {
        var own: [String] = [], inherited: [String] = []
        for c in new.columns {
            let kept = new.inherits.contains { p in
                old.inherits.contains(p) && (current.table(p)?.column(named: c.name) != nil
                                             || desiredTable(p)?.column(named: c.name) != nil)
            }
            guard let was = old.column(named: c.name) else {
                // Added to a child as its own column before it starts inheriting.
                if c.isInherited && !kept { own.append(c.name) }
                continue
            }
            if c.isInherited && !was.isInherited { own.append(c.name) }
            if !c.isInherited && was.isInherited && kept { inherited.append(c.name) }
        }
        let checks = inheritedChecks(of: new, in: desired)
        let added = Set(new.inherits).subtracting(old.inherits)
        let ownChecks = old.constraints.filter { c in checks[c.name] != nil && !new.constraints.contains { $0.name == c.name } }
            .map(\.name) + checks.filter { name, _ in
                !old.constraints.contains { $0.name == name } && !added.isEmpty
                    && added.contains { desiredTable($0)?.constraints.contains { $0.name == name } ?? false }
            }.keys.sorted()
        var parts: [String] = []
        if !own.isEmpty { parts.append("columns \(own.joined(separator: ", ")) will be its own, the target inherits them") }
        if !ownChecks.isEmpty {
            parts.append("constraints \(ownChecks.joined(separator: ", ")) will be its own too, the target inherits them")
        }
        if !inherited.isEmpty {
            parts.append("columns \(inherited.joined(separator: ", ")) will be inherited, the target declares them itself")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The column a child gets from its parents alone, before anything of its own: the first
    /// parent's that has it, NOT NULL if any parent's is.
    func inheritedColumn(_ name: String, of t: Table, in model: DatabaseModel) -> Column? {
        let columns = t.inherits.compactMap { model.table($0)?.column(named: name) }
        guard var c = columns.first?.inherited else { return nil }
        c.isNullable = columns.allSatisfy(\.isNullable)
        return c
    }

    /// The CHECK constraints a child inherits from its parents in `model`, by name.
    func inheritedChecks(of t: Table, in model: DatabaseModel) -> [String: Constraint] {
        var checks: [String: Constraint] = [:]
        for p in t.inherits {
            for c in model.table(p)?.constraints ?? [] where !c.noInherit {
                if case .check = c.kind { checks[c.name] = checks[c.name] ?? c }
            }
        }
        return checks
    }

    /// `NO INHERIT` for links the target lacks, before the parent loses anything; `INHERIT` for
    /// new ones, once the child has the parent's columns and CHECK constraints.
    mutating func diffInheritance(_ old: Table, _ new: Table, before changesOnTable: [Int]) {
        for p in old.inherits where !new.inherits.contains(p) {
            add(.alterTable(new.name, .noInherit(p)), .dropForeignKeys, removes: [.inheritance(old.name, p)])
        }
        let added = new.inherits.filter { !old.inherits.contains($0) }
        guard !added.isEmpty else { return }
        var ready = changesOnTable
        let present = Set(old.constraints.map(\.name) + new.constraints.map(\.name))
        var linked = Table(name: new.name)
        linked.inherits = added
        for (name, check) in inheritedChecks(of: linked, in: desired).sorted(by: { $0.key < $1.key })
            where !present.contains(name) {
            ready.append(add(.alterTable(new.name, .addConstraint(check, notValid: false)), .addConstraints,
                             hazards: [.validationScan, .blocksWrites], provides: [.constraint(new.name, name)],
                             requires: [new.id]))
        }
        for p in added {
            add(.alterTable(new.name, .inherit(p)), .alterColumns, hazards: [.blocksReads],
                provides: [.inheritance(new.name, p)], after: ready)
        }
    }

    /// A child's changes to a column follow its parents' changes to the same column, which
    /// PostgreSQL carries over to it.
    mutating func orderChildrenAfterParents() {
        for t in desired.tables where !t.inherits.isEmpty {
            guard let old = current.table(t.name) else { continue }
            for p in t.inherits where old.inherits.contains(p) {
                for c in t.columns {
                    guard let parent = columnChanges[ColumnName(table: p, column: c.name)],
                          let child = columnChanges[ColumnName(table: t.name, column: c.name)] else { continue }
                    for position in child { follows[position, default: []].formUnion(parent) }
                }
            }
        }
    }
}
