import SchemaModel

extension Differ {
    mutating func diffTables() {
        sequencesOwnedBy = Dictionary(grouping: current.sequences.filter { $0.ownedBy != nil }, by: { $0.ownedBy!.table })
        wantedSequences = Set(desired.sequences.map(\.name))
        let have = current.tablePositions
        let desiredPositions = wanted.tablePositions
        let dropped = current.tables.filter { desiredPositions[$0.name] == nil || rebuild.contains($0.id) }
        // A table set aside for one made again with its rows loses nothing when it goes.
        let setAside = Set(rowsKeptFrom.values)
        let droppedNames = Set(dropped.map(\.name))
        let droppedPartitions = Dictionary(grouping: dropped.filter { $0.partitionOf != nil }, by: { $0.partitionOf!.parent })
        for t in dropped {
            // Foreign keys go first, so tables that reference each other can be dropped in any order.
            for c in t.constraints where c.isForeignKey {
                add(.alterTable(t.name, .dropConstraint(c.name)), .dropForeignKeys,
                    hazards: setAside.contains(t.name) ? [] : [.dropsGuarantee], removes: [.constraint(t.name, c.name)])
            }
        }
        for t in dropped {
            // A partition goes with its parent.
            if let parent = t.partitionOf?.parent, droppedNames.contains(parent) { continue }
            let partitions = droppedPartitions[t.name] ?? []
            var removes: [ObjectID] = []
            var columns: [ColumnName] = []
            for table in [t] + partitions {
                removes += tableObjects(table)
                columns += table.columns.map { ColumnName(table: table.name, column: $0.name) }
            }
            // Sequences a table set aside owns are handed to the table made again before it goes.
            var sequences = droppedWith(columns)
            if setAside.contains(t.name) { sequences.removeAll { if case .sequenceOwner = $0 { true } else { false } } }
            let drop = add(.dropTable(t.name), .dropTables, hazards: setAside.contains(t.name) ? [] : [.deletesData],
                           removes: removes + sequences)
            if setAside.contains(t.name) { asideDrops[t.name] = drop }
        }
        let planned = tablesWithPlannedChanges()
        let differing = Set(changedTables().map(\.old.name))
        for t in desired.tables {
            if let i = have[t.name], !rebuild.contains(t.id) {
                // Most tables of a large schema are as they were, and nothing around them asks for more.
                if !differing.contains(t.name) && t.partitionOf == nil && t.partitioning == nil && t.inherits.isEmpty
                    && !planned.contains(t.name) {
                    continue
                }
                diffExisting(current.tables[i], t)
            } else {
                createTable(t, rowsFrom: rowsKeptFrom[t.name].flatMap { have[$0].map { current.tables[$0] } })
            }
        }
    }

    /// Tables something of which is already to be rebuilt, retyped or made again with its rows.
    private func tablesWithPlannedChanges() -> Set<QualifiedName> {
        var tables = Set(rebuild.union(retyped).union(retypedByParent).compactMap(\.table))
        tables.formUnion(rowsKeptFrom.keys)
        tables.formUnion(rowsKeptFrom.values)
        tables.formUnion(tableFinishedAfter.keys)
        // An index's ID names no table.
        let indexes = Set(rebuild.compactMap { id -> QualifiedName? in if case .index(let n) = id { n } else { nil } })
        if !indexes.isEmpty {
            for t in current.tables
                where t.indexes.contains(where: { indexes.contains(QualifiedName(schema: t.name.schema, $0.name)) }) {
                tables.insert(t.name)
            }
        }
        return tables
    }

    /// A table and everything on it, but foreign keys (dropped on their own first).
    func tableObjects(_ t: Table) -> [ObjectID] {
        var ids: [ObjectID] = [t.id]
        for c in t.columns { ids += [.column(t.name, c.name), .columnDefault(t.name, c.name)] + identitySequence(c, of: t.name) }
        for c in t.constraints where !c.isForeignKey { ids.append(.constraint(t.name, c.name)) }
        for i in t.indexes { ids.append(t.indexID(i)) }
        for g in t.triggers { ids.append(.trigger(t.name, g.name)) }
        for p in t.policies { ids.append(.policy(t.name, p.name)) }
        return ids
    }

    /// Creates `t`; with `rowsFrom`, in place of that table, whose rows it takes over: the old
    /// one is set aside, its rows copied, and it is dropped before the constraints and indexes,
    /// whose names it holds until then, are made again.
    mutating func createTable(_ t: Table, rowsFrom old: Table? = nil) {
        // Foreign keys and NOT VALID checks are added once the table exists; every constraint,
        // when the rows of an old table come in first.
        var created = t
        created.constraints = old != nil ? [] : t.constraints.filter { !$0.isForeignKey && $0.isValid }
        var provides: [ObjectID] = [t.id]
        for c in t.columns {
            provides.append(.column(t.name, c.name))
            // An inherited column's default of its own is set once the table exists.
            if !c.isInherited && (c.defaultExpression != nil || c.generatedExpression != nil) {
                provides.append(.columnDefault(t.name, c.name))
            }
            provides += identitySequence(c, of: t.name)
        }
        provides += created.constraints.map { .constraint(t.name, $0.name) }
        provides += t.inherits.map { .inheritance(t.name, $0) }
        let creation = add(.createTable(created), .createTables, provides: provides)
        if let old { copyRows(from: old, into: t, created: creation) }
        let rest = changes.count
        defer {
            if let drop = tableFinishedAfter[t.name] {
                for position in rest..<changes.count { follows[position, default: []].insert(drop) }
            }
        }
        commentIfAny(.table(t.name), t.comment)
        for c in t.columns {
            // What an inherited column has of its own (a default, NOT NULL), and storage and
            // statistics (which CREATE TABLE does not take), are set once the column exists.
            let base = c.isInherited ? inheritedColumn(c.name, of: t, in: desired) : nil
            setAfterCreation(c, from: base, in: t)
            commentIfAny(.column(t.name, c.name), c.comment)
        }
        for c in t.constraints {
            if c.isForeignKey || !c.isValid || old != nil {
                addConstraint(c, to: t, existing: false)
            } else {
                commentIfAny(.constraint(t.name, c.name), c.comment)
            }
        }
        for i in t.indexes { createIndex(i, on: t.name, existing: false, isView: false) }
        nameAttached(old: nil, new: t)
        for g in t.triggers { createTrigger(g, on: t.name) }
        if t.rowLevelSecurity {
            add(.alterTable(t.name, .setRowLevelSecurity(true)), .security, requires: [t.id])
        }
        if t.forceRowLevelSecurity {
            add(.alterTable(t.name, .setForceRowLevelSecurity(true)), .security, requires: [t.id])
        }
        for p in t.policies { createPolicy(p, on: t.name) }
        setReplicaIdentityAndCluster(from: Table(name: t.name), to: t)
    }

    /// Replica identity and the clustering index, once the indexes they name exist.
    mutating func setReplicaIdentityAndCluster(from old: Table, to new: Table) {
        func index(_ name: String?) -> [ObjectID] {
            guard let name else { return [] }
            if new.constraints.contains(where: { $0.name == name }) { return [.constraint(new.name, name)] }
            return [.index(QualifiedName(schema: new.name.schema, name))]
        }
        if old.replicaIdentity != new.replicaIdentity {
            let name: String? = if case .index(let n) = new.replicaIdentity { n } else { nil }
            add(.alterTable(new.name, .setReplicaIdentity(new.replicaIdentity)), .security, requires: [new.id] + index(name))
        }
        if old.clusterIndex != new.clusterIndex {
            add(.alterTable(new.name, .setCluster(new.clusterIndex)), .security, requires: [new.id] + index(new.clusterIndex))
        }
    }

    mutating func diffExisting(_ old: Table, _ new: Table) {
        let table = new.name
        if let bound = new.partitionOf, let oldBound = old.partitionOf, bound != oldBound {
            let detach = add(.alterTable(oldBound.parent, .detachPartition(table)), .alterColumns, provides: [new.id])
            add(.alterTable(bound.parent, .attachPartition(table, bound: bound.bound)), .alterColumns,
                provides: [new.id], after: [detach])
        }
        let first = changes.count
        let droppedKeys = dropConstraints(old, new)
        diffColumns(old, new, droppedKeys: droppedKeys)
        addConstraints(old, new)
        diffInheritance(old, new, before: Array(first..<changes.count))
        diffIndexes(of: table.schema, relation: table, isView: false, old: old.indexes, new: new.indexes, existing: true)
        nameAttached(old: old, new: new)
        diffTriggersAndPolicies(old, new)

        if old.rowLevelSecurity != new.rowLevelSecurity {
            add(.alterTable(table, .setRowLevelSecurity(new.rowLevelSecurity)), .security, requires: [new.id])
        }
        if old.forceRowLevelSecurity != new.forceRowLevelSecurity {
            add(.alterTable(table, .setForceRowLevelSecurity(new.forceRowLevelSecurity)), .security, requires: [new.id])
        }
        if old.isUnlogged != new.isUnlogged {
            add(.alterTable(table, .setLogged(!new.isUnlogged)), .alterColumns, hazards: [.rewritesTable, .blocksReads],
                provides: [new.id])
        }
        let (set, reset) = changedOptions(from: old.storageParameters, to: new.storageParameters)
        if !set.isEmpty || !reset.isEmpty {
            add(.alterTable(table, .setStorageParameters(set: set, reset: reset)), .alterColumns, provides: [new.id])
        }
        setReplicaIdentityAndCluster(from: old, to: new)
        commentIfChanged(.table(table), from: old.comment, to: new.comment)
    }

    // MARK: Columns

    mutating func diffColumns(_ old: Table, _ new: Table, droppedKeys: [Int]) {
        let table = new.name
        for c in old.columns where new.column(named: c.name) == nil || rebuild.contains(.column(table, c.name)) {
            let regenerated = new.column(named: c.name) != nil && c.generatedExpression != nil
            add(.alterTable(table, .dropColumn(c.name)), .dropColumns,
                hazards: regenerated ? [.rewritesTable, .blocksReads] : [.deletesData],
                removes: [.column(table, c.name), .columnDefault(table, c.name)] + identitySequence(c, of: table)
                    + droppedWith([ColumnName(table: table, column: c.name)]))
        }
        for c in new.columns {
            guard let was = old.column(named: c.name), !rebuild.contains(.column(table, c.name)) else {
                addColumn(c, to: new)
                continue
            }
            alterColumn(was, to: c, in: new, droppedKeys: droppedKeys)
        }
    }

    mutating func addColumn(_ c: Column, to t: Table) {
        var provides: [ObjectID] = [.column(t.name, c.name)] + identitySequence(c, of: t.name)
        if c.defaultExpression != nil || c.generatedExpression != nil { provides.append(.columnDefault(t.name, c.name)) }
        var local = c
        local.isInherited = false
        let position = add(.alterTable(t.name, .addColumn(local)), .addColumns, hazards: addColumnHazards(c),
                           provides: provides, requires: [t.id])
        columnChanges[ColumnName(table: t.name, column: c.name), default: []].append(position)
        commentIfAny(.column(t.name, c.name), c.comment)
    }

    /// The alterations of one column, each a change of its own, run in the order made.
    mutating func alterColumn(_ old: Column, to c: Column, in t: Table, droppedKeys: [Int]) {
        let table = t.name
        let id = ObjectID.column(table, c.name)
        let defaultID = ObjectID.columnDefault(table, c.name)
        var was = old
        var previous: [Int] = []
        func alter(_ alteration: ColumnAlteration, _ phase: Phase, hazards: Set<Change.Hazard> = [],
                   removes: [ObjectID] = [], provides: [ObjectID] = [], after: [Int] = []) {
            // What is taken away goes before the column changes; anything else comes after.
            let position = add(.alterTable(table, .alterColumn(c.name, alteration)), phase, hazards: hazards,
                               removes: removes, provides: provides, requires: removes.isEmpty ? [id] : [],
                               after: previous + after)
            previous = [position]
            columnChanges[ColumnName(table: table, column: c.name), default: []].append(position)
        }

        if was.generatedExpression != nil && c.generatedExpression == nil {
            alter(.dropExpression, .alterColumns, removes: [defaultID])
            was.generatedExpression = nil
        }
        var defaultDropped = false
        // A column a parent's change retypes is retyped with it.
        if retyped.contains(id) && !retypedByParent.contains(id) {
            // The default is dropped first: PostgreSQL would cast it to the new type, which may fail.
            if was.defaultExpression != nil {
                alter(.dropDefault, .dropDefaults, removes: [defaultID])
                defaultDropped = true
            }
            var hazards = typeChangeHazards(from: was.type, to: c.type)
            if let name = c.type.referencedTypeName, lossyTypes.contains(name) { hazards.insert(.deletesData) }
            let conversion = convertible(ColumnName(table: table, column: c.name), from: was.type, to: c.type)
            alter(.setType(c.type, collation: c.collation, conversion: conversion ?? .cast), .alterColumns,
                  hazards: hazards, removes: [id], provides: [id])
        }
        if rebuild.contains(defaultID) && !defaultDropped && was.defaultExpression != nil {
            alter(.dropDefault, .dropDefaults, removes: [defaultID])
            defaultDropped = true
        }
        var identityDropped: [Int] = []
        func sequence(of identity: Column.Identity) -> ObjectID {
            var column = c
            column.identity = identity
            return identitySequence(column, of: table)[0]
        }
        // An identity goes before a default is set, and comes after a default is dropped: a
        // column cannot have both.
        if let old = was.identity, c.identity == nil || c.identity?.sequenceName != old.sequenceName {
            alter(.dropIdentity, .alterColumns, removes: [sequence(of: old)])
            identityDropped = previous
            was.identity = nil
        }
        if c.generatedExpression == nil {
            if defaultDropped {
                if let d = c.defaultExpression { alter(.setDefault(d), .alterColumns, provides: [defaultID]) }
            } else if was.defaultExpression != c.defaultExpression {
                if let d = c.defaultExpression {
                    alter(.setDefault(d), .alterColumns, removes: was.defaultExpression == nil ? [] : [defaultID],
                          provides: [defaultID])
                } else {
                    alter(.dropDefault, .dropDefaults, removes: [defaultID])
                }
            }
        }
        switch (was.identity, c.identity) {
        case (nil, let new?):
            // An identity column must be NOT NULL first.
            if was.isNullable { alter(.setNotNull, .alterColumns, hazards: [.validationScan, .blocksReads]) }
            was.isNullable = false
            alter(.addIdentity(new), .alterColumns, provides: [sequence(of: new)])
        case (let a?, let b?) where a != b:
            var aOptions = a.options, bOptions = b.options
            aOptions.type = c.type
            bOptions.type = c.type
            if narrows(aOptions, to: bOptions) {
                let position = add(.clampSequence(sequence(of: a).sequenceName!, bOptions.effectiveMin...bOptions.effectiveMax),
                                   .alterColumns, requires: [id], after: previous)
                previous = [position]
            }
            alter(.setIdentity(b), .alterColumns)
        default:
            break
        }
        if was.isNullable != c.isNullable {
            if c.isNullable {
                // A primary key or identity keeps the column NOT NULL until it is gone.
                alter(.dropNotNull, .alterColumns, hazards: [.dropsGuarantee], after: droppedKeys + identityDropped)
            } else {
                alter(.setNotNull, .alterColumns, hazards: [.validationScan, .blocksReads])
            }
        }
        if was.storage != c.storage, let storage = c.storage ?? defaultStorage(c.type) {
            alter(.setStorage(storage), .alterColumns)
        }
        if was.compression != c.compression { alter(.setCompression(c.compression), .alterColumns) }
        if was.statisticsTarget != c.statisticsTarget { alter(.setStatistics(c.statisticsTarget), .alterColumns) }
        commentIfChanged(.column(table, c.name), from: old.comment, to: c.comment)
    }

    /// What a new column has that its creation does not give it: a default, NOT NULL, storage or
    /// statistics different from `base` (what it inherits; nothing for a column of its own).
    mutating func setAfterCreation(_ c: Column, from base: Column?, in t: Table) {
        let id = ObjectID.column(t.name, c.name)
        var previous: [Int] = []
        func alter(_ a: ColumnAlteration, provides: [ObjectID] = []) {
            previous = [add(.alterTable(t.name, .alterColumn(c.name, a)), .alterColumns, provides: provides, requires: [id],
                            after: previous)]
        }
        if let base {
            if c.defaultExpression != base.defaultExpression {
                if let d = c.defaultExpression {
                    alter(.setDefault(d), provides: [.columnDefault(t.name, c.name)])
                } else {
                    alter(.dropDefault)
                }
            }
            if !c.isNullable && base.isNullable { alter(.setNotNull) }
        }
        if let storage = c.storage, storage != base?.storage { alter(.setStorage(storage)) }
        if let target = c.statisticsTarget, target != base?.statisticsTarget { alter(.setStatistics(target)) }
    }

    /// The sequence behind an identity column: it takes a relation name, which a sequence of
    /// its own may want too.
    func identitySequence(_ c: Column, of table: QualifiedName) -> [ObjectID] {
        Table(name: table).identitySequence(of: c).map { [.sequence($0)] } ?? []
    }

    func addColumnHazards(_ c: Column) -> Set<Change.Hazard> {
        if c.generatedExpression != nil || c.identity != nil { return [.rewritesTable, .blocksReads] }
        // PostgreSQL stores a constant default without rewriting; a volatile one is computed per row.
        let volatile = ["random", "uuid_generate", "gen_random_uuid", "clock_timestamp", "nextval"]
        if let d = c.defaultExpression, volatile.contains(where: { d.contains($0) }) {
            return [.volatileDefault, .rewritesTable, .blocksReads]
        }
        if !c.isNullable && c.defaultExpression == nil { return [.failsIfRows] }
        return []
    }

    /// Widening needs no rewrite; narrowing checks every row and may fail; anything else rewrites.
    func typeChangeHazards(from old: DataType, to new: DataType) -> Set<Change.Hazard> {
        switch (old, new) {
        // A widening rewrites nothing, but still takes the table's ACCESS EXCLUSIVE lock for a moment.
        case (.varchar(let a?), .varchar(let b?)):
            return b >= a ? [.blocksReads] : [.deletesData, .blocksReads]
        case (.varchar, .text), (.varchar(_), .varchar(nil)):
            return [.blocksReads]
        case (.text, .varchar(_?)):
            return [.deletesData, .blocksReads]
        case (.numeric(let p1?, let s1), .numeric(let p2?, let s2)) where (s1 ?? 0) == (s2 ?? 0):
            return p2 >= p1 ? [.blocksReads] : [.deletesData, .blocksReads]
        case (.numeric(_?, _), .numeric(nil, nil)):
            return [.blocksReads]
        default:
            return [.rewritesTable, .blocksReads, .breaksClients]
        }
    }

    // MARK: Constraints

    /// Drops the constraints that go or change; returns the positions of dropped primary keys.
    mutating func dropConstraints(_ old: Table, _ new: Table) -> [Int] {
        var keys: [Int] = []
        // A CHECK of the table's own that its parents have too stays: PostgreSQL will not drop
        // a constraint a table inherits, and nothing makes it inherited-only.
        let inherited = inheritedChecks(of: new, in: desired)
        for c in old.constraints {
            let id = ObjectID.constraint(old.name, c.name)
            guard new.constraints.first(where: { $0.name == c.name }) == nil || rebuild.contains(id) else { continue }
            if let parents = inherited[c.name], sameConstraint(c, parents) { continue }
            let gone = new.constraints.first(where: { $0.name == c.name }) == nil
            let position = add(.alterTable(old.name, .dropConstraint(c.name)),
                               c.isForeignKey ? .dropForeignKeys : .dropConstraints, hazards: gone ? [.dropsGuarantee] : [],
                               removes: [id])
            if case .primaryKey = c.kind { keys.append(position) }
        }
        return keys
    }

    mutating func addConstraints(_ old: Table, _ new: Table) {
        for c in new.constraints {
            let id = ObjectID.constraint(new.name, c.name)
            guard let o = old.constraints.first(where: { $0.name == c.name }), !rebuild.contains(id) else {
                addConstraint(c, to: new, existing: true)
                continue
            }
            if !o.isValid && c.isValid {
                add(.alterTable(new.name, .validateConstraint(c.name)), .validate, hazards: [.validationScan], requires: [id])
            }
            commentIfChanged(.constraint(new.name, c.name), from: o.comment, to: c.comment)
        }
    }

    /// A foreign key or CHECK on a table with rows is added `NOT VALID` and validated on its
    /// own, so writes are not blocked for the length of the scan.
    mutating func addConstraint(_ c: Constraint, to t: Table, existing: Bool) {
        let id = ObjectID.constraint(t.name, c.name)
        let plainTable = t.partitioning == nil && t.partitionOf == nil
        let phase: Phase = c.isForeignKey ? .addForeignKeys : .addConstraints
        switch c.kind {
        case .foreignKey, .check:
            let split = existing && plainTable
            // A partitioned table takes no NOT VALID constraint: its partitions are scanned at once.
            let scanned: Set<Change.Hazard> = existing && !split && c.isValid ? [.validationScan, .blocksWrites] : []
            add(.alterTable(t.name, .addConstraint(c, notValid: split || !c.isValid)), phase, hazards: scanned,
                provides: [id], requires: [t.id])
            if split && c.isValid {
                add(.alterTable(t.name, .validateConstraint(c.name)), .validate, hazards: [.validationScan], requires: [id])
            }
        default:
            add(.alterTable(t.name, .addConstraint(c, notValid: false)), phase,
                hazards: existing ? [.indexBuild, .blocksReads, .blocksWrites] : [],
                provides: [id], requires: [t.id])
        }
        commentIfAny(.constraint(t.name, c.name), c.comment)
    }

    // MARK: Indexes

    mutating func diffIndexes(of schema: String, relation: QualifiedName, isView: Bool, old: [Index], new: [Index],
                              existing: Bool) {
        let newByName = Dictionary(new.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let oldByName = Dictionary(old.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var rebuilt = Set<String>()
        for i in old {
            let id = ObjectID.index(QualifiedName(schema: schema, i.name))
            guard newByName[i.name] == nil || rebuild.contains(id) else { continue }
            var hazards: Set<Change.Hazard> = existing ? [.blocksReads] : []
            if i.isUnique && newByName[i.name] == nil { hazards.insert(.dropsGuarantee) }
            add(.dropIndex(QualifiedName(schema: schema, i.name), concurrently: false), .dropIndexes, hazards: hazards,
                removes: [id])
            rebuilt.insert(i.name)
        }
        for i in new {
            guard let o = oldByName[i.name], !rebuilt.contains(i.name) else {
                createIndex(i, on: relation, existing: existing, isView: isView)
                continue
            }
            commentIfChanged(.index(QualifiedName(schema: schema, i.name)), from: o.comment, to: i.comment)
        }
    }

    mutating func createIndex(_ i: Index, on relation: QualifiedName, existing: Bool, isView: Bool) {
        let name = QualifiedName(schema: relation.schema, i.name)
        add(.createIndex(i, on: relation, concurrently: false), .createIndexes,
            hazards: existing ? [.indexBuild, .blocksWrites] : [],
            provides: [.index(name)], requires: [isView ? .view(relation) : .table(relation)])
        commentIfAny(.index(name), i.comment)
    }

    // MARK: Partitions' indexes and keys

    /// The names of a partition's indexes and keys made from its parent's, where the target's
    /// are not the ones PostgreSQL gives: set once the parent's index or key exists (made with
    /// it, when the parent's is new or made again), or when the target names them otherwise.
    mutating func nameAttached(old: Table?, new: Table) {
        guard let parent = new.partitionOf?.parent else { return }
        let parentTable = desiredTable(parent)
        func kept(_ id: ObjectID) -> Bool { old != nil && asRead.has(id) && !rebuild.contains(id) }
        for (index, name) in new.attachedIndexNames.sorted(by: { $0.key < $1.key }) {
            let id = ObjectID.index(QualifiedName(schema: parent.schema, index))
            guard old?.attachedIndexNames[index] != name || !kept(id) else { continue }
            add(.nameAttachedIndex(partition: new.name, parentIndex: QualifiedName(schema: parent.schema, index), name: name),
                .createIndexes, hazards: [.breaksClients], requires: [id, new.id])
        }
        for (constraint, name) in new.attachedConstraintNames.sorted(by: { $0.key < $1.key }) {
            let id = ObjectID.constraint(parent, constraint)
            guard old?.attachedConstraintNames[constraint] != name || !kept(id) else { continue }
            add(.nameAttachedConstraint(partition: new.name, parent: parent, constraint: constraint, name: name),
                .addConstraints, hazards: [.breaksClients], requires: [id, new.id])
        }
        // Back to PostgreSQL's own name, where the one the partition had stays.
        for (index, _) in (old?.attachedIndexNames ?? [:]).sorted(by: { $0.key < $1.key })
            where new.attachedIndexNames[index] == nil {
            let id = ObjectID.index(QualifiedName(schema: parent.schema, index))
            guard kept(id), let i = parentTable?.indexes.first(where: { $0.name == index }) else { continue }
            let name = defaultObjectName(table: new.name.name, columns: i.keys.map { $0.column ?? "expr" } + i.include,
                                         label: "idx")
            add(.nameAttachedIndex(partition: new.name, parentIndex: QualifiedName(schema: parent.schema, index), name: name),
                .createIndexes, hazards: [.breaksClients], requires: [id, new.id])
        }
        for (constraint, _) in (old?.attachedConstraintNames ?? [:]).sorted(by: { $0.key < $1.key })
            where new.attachedConstraintNames[constraint] == nil {
            let id = ObjectID.constraint(parent, constraint)
            guard kept(id), let c = parentTable?.constraints.first(where: { $0.name == constraint }) else { continue }
            let name: String = switch c.kind {
            case .primaryKey: defaultObjectName(table: new.name.name, columns: [], label: "pkey")
            case .unique: defaultObjectName(table: new.name.name, columns: c.columns, label: "key")
            case .exclusion: defaultObjectName(table: new.name.name, columns: c.columns, label: "excl")
            default: constraint
            }
            add(.nameAttachedConstraint(partition: new.name, parent: parent, constraint: constraint, name: name),
                .addConstraints, hazards: [.breaksClients], requires: [id, new.id])
        }
    }

    // MARK: Triggers and policies

    mutating func diffTriggersAndPolicies(_ old: Table, _ new: Table) {
        let table = new.name
        diffTriggers(on: table, isView: false, old: old.triggers, new: new.triggers)
        for p in old.policies {
            let id = ObjectID.policy(table, p.name)
            guard new.policies.first(where: { $0.name == p.name }) == nil || rebuild.contains(id) else { continue }
            add(.dropPolicy(p.name, on: table), .dropTriggersAndPolicies, removes: [id])
        }
        for p in new.policies {
            let id = ObjectID.policy(table, p.name)
            if let o = old.policies.first(where: { $0.name == p.name }), !rebuild.contains(id) {
                commentIfChanged(.policy(table, p.name), from: o.comment, to: p.comment)
            } else {
                createPolicy(p, on: table)
            }
        }
    }

    /// The triggers of a table or view that stays: dropped, created, or made again when changed.
    mutating func diffTriggers(on relation: QualifiedName, isView: Bool, old: [Trigger], new: [Trigger]) {
        for g in old {
            let id = ObjectID.trigger(relation, g.name)
            guard new.first(where: { $0.name == g.name }) == nil || rebuild.contains(id) else { continue }
            add(.dropTrigger(g.name, on: relation), .dropTriggersAndPolicies, removes: [id])
        }
        for g in new {
            let id = ObjectID.trigger(relation, g.name)
            if let o = old.first(where: { $0.name == g.name }), !rebuild.contains(id) {
                if o.firing != g.firing {
                    add(.alterTable(relation, .setTriggerFiring(g.name, g.firing)), .createTriggers, requires: [id])
                }
                commentIfChanged(.trigger(relation, g.name), from: o.comment, to: g.comment)
            } else {
                createTrigger(g, on: relation, isView: isView)
            }
        }
    }

    mutating func createTrigger(_ g: Trigger, on table: QualifiedName, isView: Bool = false) {
        add(.createTrigger(g, on: table), .createTriggers, provides: [.trigger(table, g.name)],
            requires: [isView ? .view(table) : .table(table)])
        if g.firing != .origin {
            add(.alterTable(table, .setTriggerFiring(g.name, g.firing)), .createTriggers, requires: [.trigger(table, g.name)])
        }
        commentIfAny(.trigger(table, g.name), g.comment)
    }

    mutating func createPolicy(_ p: Policy, on table: QualifiedName) {
        add(.createPolicy(p, on: table), .security, provides: [.policy(table, p.name)], requires: [.table(table)])
        commentIfAny(.policy(table, p.name), p.comment)
    }
}

/// The storage PostgreSQL gives a type's columns: what `SET STORAGE` restores when a column's
/// own setting is removed.
func defaultStorage(_ type: DataType) -> String? {
    switch type {
    case .smallint, .integer, .bigint, .real, .doublePrecision, .boolean, .uuid, .date, .timestamp, .timestamptz,
         .interval:
        return "plain"
    case .numeric, .inet: return "main"
    case .text, .varchar, .char, .jsonb, .json, .bytea, .array: return "extended"
    default: return nil
    }
}

extension Constraint {
    var isForeignKey: Bool {
        if case .foreignKey = kind { return true }
        return false
    }
}

extension ObjectID {
    var sequenceName: QualifiedName? {
        if case .sequence(let name) = self { return name }
        return nil
    }
}
