import SQLRenderer
import SchemaModel

extension Differ {
    mutating func diffTables() {
        let have = Dictionary(current.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Dictionary(desired.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        // Tables whose partitioning changes are dropped and created again.
        var recreate = Set<QualifiedName>()
        for t in desired.tables {
            if let old = have[t.name], old.partitioning != t.partitioning || (old.partitionOf == nil) != (t.partitionOf == nil) {
                recreate.insert(t.name)
            }
        }
        let dropped = current.tables.filter { want[$0.name] == nil || recreate.contains($0.name) }
        let droppedNames = Set(dropped.map(\.name))
        for t in dropped {
            // Foreign keys go first, so tables that reference each other can be dropped in any order.
            for c in t.constraints {
                if case .foreignKey = c.kind {
                    add(.drop, "drop constraint \(c.name) on \(t.name)", .dropForeignKeys, [DDL.dropConstraint(c.name, on: t.name)])
                }
            }
            for c in t.columns { changedColumns.insert(ColumnRef(table: t.name, column: c.name)) }
            // A partition goes with its parent.
            if let parent = t.partitionOf?.parent, droppedNames.contains(parent) { continue }
            add(.drop, "drop table \(t.name)", .dropTables, hazards: [.destructive], [DDL.dropTable(t.name)])
        }

        // Columns first: what changes there decides what else must be rebuilt.
        for t in desired.tables {
            guard let old = have[t.name], !recreate.contains(t.name) else { continue }
            diffColumns(old, t)
        }
        forceRebuildOfForeignKeysOnReplacedKeys(have: have, want: want, recreate: recreate)

        for t in tablesParentsFirst(desired.tables) {
            if let old = have[t.name], !recreate.contains(t.name) {
                diffExisting(old, t)
            } else {
                createTable(t)
            }
        }
    }

    mutating func createTable(_ t: Table) {
        add(.create, "create table \(t.name)", .createTables, DDL.createTable(t))
        for c in t.constraints {
            if case .foreignKey = c.kind {
                add(.create, "add constraint \(c.name) on \(t.name)", .addForeignKeys, DDL.addConstraint(c, to: t.name))
            }
        }
        for i in t.indexes { add(.create, "create index \(i.name) on \(t.name)", .createIndexes, DDL.createIndex(i, on: t.name)) }
        for trigger in t.triggers {
            add(.create, "create trigger \(trigger.name) on \(t.name)", .createTriggers, DDL.createTrigger(trigger, on: t.name))
        }
        add(.alter, "enable row level security on \(t.name)", .security, DDL.enableRowLevelSecurity(t))
        for p in t.policies { add(.create, "create policy \(p.name) on \(t.name)", .security, DDL.createPolicy(p, on: t.name)) }
    }

    // MARK: Columns

    mutating func diffColumns(_ old: Table, _ new: Table) {
        let table = new.name
        let have = Dictionary(old.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let want = Set(new.columns.map(\.name))
        for c in old.columns where !want.contains(c.name) {
            add(.drop, "drop column \(table).\(c.name)", .dropColumns, hazards: [.destructive],
                [DDL.alterTable(table, "DROP COLUMN \(quoteIdentifier(c.name))", summary: "drop column \(table).\(c.name)")])
            changedColumns.insert(ColumnRef(table: table, column: c.name))
        }
        for c in new.columns {
            let ref = ColumnRef(table: table, column: c.name)
            guard var was = have[c.name] else {
                add(.alter, "add column \(table).\(c.name)", .addColumns, hazards: addColumnHazards(c),
                    [DDL.alterTable(table, "ADD COLUMN \(DDL.columnDefinition(c))", summary: "add column \(table).\(c.name)")]
                        + DDL.comment(on: "COLUMN \(quoteName(table)).\(quoteIdentifier(c.name))", c.comment,
                                      what: "column \(table).\(c.name)"))
                continue
            }
            // A changed generation expression cannot be altered: the column is added again.
            if c.generatedExpression != was.generatedExpression && c.generatedExpression != nil {
                add(.drop, "drop column \(table).\(c.name) to change its expression", .dropColumns,
                    hazards: was.generatedExpression == nil ? [.destructive] : [.rewritesTable],
                    [DDL.alterTable(table, "DROP COLUMN \(quoteIdentifier(c.name))", summary: "drop column \(table).\(c.name)")])
                add(.alter, "add column \(table).\(c.name)", .addColumns, hazards: [.rewritesTable],
                    [DDL.alterTable(table, "ADD COLUMN \(DDL.columnDefinition(c))", summary: "add column \(table).\(c.name)")]
                        + DDL.comment(on: "COLUMN \(quoteName(table)).\(quoteIdentifier(c.name))", c.comment,
                                      what: "column \(table).\(c.name)"))
                changedColumns.insert(ref)
                continue
            }
            var statements: [Statement] = []
            var hazards: Set<Change.Hazard> = []
            if was.generatedExpression != nil && c.generatedExpression == nil {
                statements.append(DDL.alterColumn(table, c.name, "DROP EXPRESSION", summary: "drop expression"))
            }
            let swapped = c.type.referencedTypeName.map(swappedEnums.contains) ?? false
            if was.type != c.type || was.collation != c.collation || swapped {
                if was.defaultExpression != nil {
                    statements.append(DDL.alterColumn(table, c.name, "DROP DEFAULT", summary: "drop default"))
                    was.defaultExpression = nil
                }
                var type = c.type.sql
                if let collation = c.collation { type += " COLLATE \(quoteIdentifier(collation))" }
                let through = swapped ? (isArray(c.type) ? "::text[]" : "::text") : ""
                statements.append(DDL.alterColumn(
                    table, c.name, "TYPE \(type) USING \(quoteIdentifier(c.name))\(through)::\(c.type.sql)",
                    summary: "change type to \(c.type.formatted)"))
                if swapped {
                    swappedColumns.insert(ref)
                    hazards.insert(.rewritesTable)
                    if c.type.referencedTypeName.map(lossyEnums.contains) == true { hazards.insert(.destructive) }
                } else {
                    hazards.formUnion(typeChangeHazards(from: was.type, to: c.type))
                }
                changedColumns.insert(ref)
            }
            if was.identity != c.identity {
                switch (was.identity, c.identity) {
                case (nil, let new?):
                    statements.append(DDL.alterColumn(table, c.name, "ADD GENERATED \(new.rawValue) AS IDENTITY", summary: "add identity"))
                case (_?, nil):
                    statements.append(DDL.alterColumn(table, c.name, "DROP IDENTITY", summary: "drop identity"))
                case (_, let new?):
                    statements.append(DDL.alterColumn(table, c.name, "SET GENERATED \(new.rawValue)", summary: "set identity"))
                default:
                    break
                }
            }
            if was.defaultExpression != c.defaultExpression && c.generatedExpression == nil {
                statements.append(c.defaultExpression.map {
                    DDL.alterColumn(table, c.name, "SET DEFAULT \($0)", summary: "set default")
                } ?? DDL.alterColumn(table, c.name, "DROP DEFAULT", summary: "drop default"))
            }
            if was.isNullable != c.isNullable {
                if c.isNullable {
                    statements.append(DDL.alterColumn(table, c.name, "DROP NOT NULL", summary: "drop NOT NULL"))
                } else {
                    statements.append(DDL.alterColumn(table, c.name, "SET NOT NULL", summary: "set NOT NULL"))
                    hazards.insert(.longLock)
                }
            }
            add(.alter, "alter column \(table).\(c.name)", .alterColumns, hazards: hazards, statements)
            if was.comment != c.comment {
                add(.alter, "comment on column \(table).\(c.name)", .comments,
                    [DDL.setComment(on: "COLUMN \(quoteName(table)).\(quoteIdentifier(c.name))", c.comment,
                                    what: "column \(table).\(c.name)")])
            }
        }
    }

    func addColumnHazards(_ c: Column) -> Set<Change.Hazard> {
        if c.generatedExpression != nil || c.identity != nil { return [.rewritesTable] }
        // PostgreSQL stores a constant default without rewriting; a volatile one is computed per row.
        let volatile = ["random", "uuid_generate", "gen_random_uuid", "clock_timestamp", "nextval"]
        if let d = c.defaultExpression, volatile.contains(where: { d.contains($0) }) { return [.rewritesTable] }
        return []
    }

    /// Widening needs no rewrite; narrowing may fail or lose data; anything else rewrites.
    func typeChangeHazards(from old: DataType, to new: DataType) -> Set<Change.Hazard> {
        switch (old, new) {
        case (.varchar(let a?), .varchar(let b?)):
            return b >= a ? [] : [.destructive, .longLock]
        case (.varchar, .text), (.varchar(_), .varchar(nil)):
            return []
        case (.text, .varchar(_?)):
            return [.destructive, .longLock]
        case (.numeric(let p1?, let s1), .numeric(let p2?, let s2)) where (s1 ?? 0) == (s2 ?? 0):
            return p2 >= p1 ? [] : [.destructive, .longLock]
        case (.numeric(_?, _), .numeric(nil, nil)):
            return []
        default:
            return [.rewritesTable]
        }
    }

    func isArray(_ type: DataType) -> Bool {
        if case .array = type { return true }
        return false
    }

    // MARK: Constraints, indexes, triggers, policies

    /// A foreign key resting on a primary key, unique constraint or unique index that is
    /// dropped or rebuilt must be dropped first and added again after.
    mutating func forceRebuildOfForeignKeysOnReplacedKeys(
        have: [QualifiedName: Table], want: [QualifiedName: Table], recreate: Set<QualifiedName>
    ) {
        var replacedKeys: [QualifiedName: [Set<String>]] = [:]
        for old in current.tables {
            guard let new = want[old.name], !recreate.contains(old.name) else { continue }
            for c in old.constraints {
                switch c.kind {
                case .primaryKey(let cols), .unique(let cols, _):
                    if new.constraints.first(where: { $0.name == c.name }) != c || c.columns.contains(where: isSwapped(old.name)) {
                        replacedKeys[old.name, default: []].append(Set(cols))
                    }
                default: break
                }
            }
            for i in old.indexes where i.isUnique && new.indexes.first(where: { $0.name == i.name }) != i {
                replacedKeys[old.name, default: []].append(Set(i.keys.compactMap(\.column)))
            }
        }
        guard !replacedKeys.isEmpty else { return }
        for t in current.tables where want[t.name] != nil && !recreate.contains(t.name) {
            for c in t.constraints {
                guard case .foreignKey(let fk) = c.kind,
                      replacedKeys[fk.referencedTable]?.contains(Set(fk.referencedColumns)) == true else { continue }
                forcedConstraints.insert(ConstraintRef(table: t.name, name: c.name))
            }
        }
    }

    func isSwapped(_ table: QualifiedName) -> (String) -> Bool {
        let swapped = swappedColumns
        return { swapped.contains(ColumnRef(table: table, column: $0)) }
    }

    mutating func diffExisting(_ old: Table, _ new: Table) {
        let table = new.name
        if let bound = new.partitionOf, old.partitionOf != bound, let oldBound = old.partitionOf {
            add(.alter, "move partition \(table) to \(bound.bound)", .alterColumns, [
                DDL.alterTable(oldBound.parent, "DETACH PARTITION \(quoteName(table))", summary: "detach partition \(table)"),
                DDL.alterTable(bound.parent, "ATTACH PARTITION \(quoteName(table)) \(bound.bound)",
                               summary: "attach partition \(table)"),
            ])
        }
        let swappedHere = isSwapped(table)
        let swapped = swappedColumns
        let mentionsSwapped: (String) -> Bool = { text in
            swapped.contains { $0.table == table && text.containsWord($0.column) }
        }

        // Constraints.
        let newConstraints = Dictionary(new.constraints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let oldConstraints = Dictionary(old.constraints.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuiltConstraints = Set<String>()
        for c in old.constraints {
            let forced = forcedConstraints.contains(ConstraintRef(table: table, name: c.name))
                || c.columns.contains(where: swappedHere)
                || { if case .check(let e) = c.kind { return mentionsSwapped(e) } else { return false } }()
            var same = newConstraints[c.name]
            same?.comment = c.comment
            if same == c && !forced { continue }
            let isForeignKey: Bool = { if case .foreignKey = c.kind { return true } else { return false } }()
            add(.drop, "drop constraint \(c.name) on \(table)", isForeignKey ? .dropForeignKeys : .dropConstraints,
                [DDL.dropConstraint(c.name, on: table)])
            rebuiltConstraints.insert(c.name)
        }
        let plainTable = new.partitioning == nil && new.partitionOf == nil
        for c in new.constraints where oldConstraints[c.name] == nil || rebuiltConstraints.contains(c.name) {
            switch c.kind {
            case .foreignKey:
                add(.alter, "add constraint \(c.name) on \(table)", .addForeignKeys,
                    plainTable ? DDL.addConstraintNotValid(c, to: table) : DDL.addConstraint(c, to: table))
            case .check:
                add(.alter, "add constraint \(c.name) on \(table)", .addConstraints,
                    plainTable ? DDL.addConstraintNotValid(c, to: table) : DDL.addConstraint(c, to: table))
            default:
                add(.alter, "add constraint \(c.name) on \(table)", .addConstraints, hazards: [.longLock],
                    DDL.addConstraint(c, to: table))
            }
        }
        for c in new.constraints {
            if let o = oldConstraints[c.name], !rebuiltConstraints.contains(c.name), o.comment != c.comment {
                add(.alter, "comment on constraint \(c.name) on \(table)", .comments,
                    [DDL.setComment(on: "CONSTRAINT \(quoteIdentifier(c.name)) ON \(quoteName(table))", c.comment,
                                    what: "constraint \(c.name) on \(table)")])
            }
        }

        // Indexes.
        let newIndexes = Dictionary(new.indexes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let oldIndexes = Dictionary(old.indexes.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuiltIndexes = Set<String>()
        for i in old.indexes {
            let forced = i.keys.contains { k in
                switch k.target {
                case .column(let c): return swappedHere(c)
                case .expression(let e): return mentionsSwapped(e)
                }
            } || (i.predicate.map(mentionsSwapped) ?? false)
            var same = newIndexes[i.name]
            same?.comment = i.comment
            if same == i && !forced { continue }
            add(.drop, "drop index \(i.name) on \(table)", .dropIndexes, [DDL.dropIndex(i.name, schema: table.schema)])
            rebuiltIndexes.insert(i.name)
        }
        for i in new.indexes where oldIndexes[i.name] == nil || rebuiltIndexes.contains(i.name) {
            add(.create, "create index \(i.name) on \(table)", .createIndexes, hazards: [.longLock],
                DDL.createIndex(i, on: table))
        }
        for i in new.indexes {
            if let o = oldIndexes[i.name], !rebuiltIndexes.contains(i.name), o.comment != i.comment {
                let name = QualifiedName(schema: table.schema, i.name)
                add(.alter, "comment on index \(name)", .comments,
                    [DDL.setComment(on: "INDEX \(quoteName(name))", i.comment, what: "index \(name)")])
            }
        }

        // Triggers and policies are dropped and created again when anything about them changes,
        // or when what they read is rebuilt.
        let changed = changedColumns
        let readsChanged: (String?) -> Bool = { text in
            guard let text else { return false }
            return changed.contains { $0.table == table && text.containsWord($0.column) }
        }
        let newTriggers = Dictionary(new.triggers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuiltTriggers = Set<String>()
        for t in old.triggers {
            var same = newTriggers[t.name]
            same?.comment = t.comment
            if same == t && !recreatedFunctions.contains(t.function) && !readsChanged(t.condition) { continue }
            add(.drop, "drop trigger \(t.name) on \(table)", .dropTriggersAndPolicies, [DDL.dropTrigger(t.name, on: table)])
            rebuiltTriggers.insert(t.name)
        }
        for t in new.triggers {
            if let o = old.triggers.first(where: { $0.name == t.name }), !rebuiltTriggers.contains(t.name) {
                if o.comment != t.comment {
                    add(.alter, "comment on trigger \(t.name) on \(table)", .comments,
                        [DDL.setComment(on: "TRIGGER \(quoteIdentifier(t.name)) ON \(quoteName(table))", t.comment,
                                        what: "trigger \(t.name) on \(table)")])
                }
                continue
            }
            add(.create, "create trigger \(t.name) on \(table)", .createTriggers, DDL.createTrigger(t, on: table))
        }

        let newPolicies = Dictionary(new.policies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuiltPolicies = Set<String>()
        for p in old.policies {
            var same = newPolicies[p.name]
            same?.comment = p.comment
            if same == p && !readsChanged(p.using) && !readsChanged(p.withCheck) { continue }
            add(.drop, "drop policy \(p.name) on \(table)", .dropTriggersAndPolicies, [DDL.dropPolicy(p.name, on: table)])
            rebuiltPolicies.insert(p.name)
        }
        var security: [Statement] = []
        if old.rowLevelSecurity != new.rowLevelSecurity {
            security.append(DDL.alterTable(table, "\(new.rowLevelSecurity ? "ENABLE" : "DISABLE") ROW LEVEL SECURITY",
                                           summary: "\(new.rowLevelSecurity ? "enable" : "disable") row level security on \(table)"))
        }
        if old.forceRowLevelSecurity != new.forceRowLevelSecurity {
            security.append(DDL.alterTable(table, "\(new.forceRowLevelSecurity ? "" : "NO ")FORCE ROW LEVEL SECURITY",
                                           summary: "\(new.forceRowLevelSecurity ? "force" : "unforce") row level security on \(table)"))
        }
        add(.alter, "row level security on \(table)", .security, security)
        for p in new.policies {
            if let o = old.policies.first(where: { $0.name == p.name }), !rebuiltPolicies.contains(p.name) {
                if o.comment != p.comment {
                    add(.alter, "comment on policy \(p.name) on \(table)", .comments,
                        [DDL.setComment(on: "POLICY \(quoteIdentifier(p.name)) ON \(quoteName(table))", p.comment,
                                        what: "policy \(p.name) on \(table)")])
                }
                continue
            }
            add(.create, "create policy \(p.name) on \(table)", .security, DDL.createPolicy(p, on: table))
        }

        if old.comment != new.comment {
            add(.alter, "comment on table \(table)", .comments,
                [DDL.setComment(on: "TABLE \(quoteName(table))", new.comment, what: "table \(table)")])
        }
    }
}

struct ConstraintRef: Hashable {
    var table: QualifiedName
    var name: String
}
