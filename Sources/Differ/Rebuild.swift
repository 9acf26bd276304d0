import SchemaModel

extension Differ {
    // MARK: Tables made again with their rows

    /// Tables that cannot be altered into the target are made again keeping their rows: a
    /// table that becomes partitioned or stops being, a partition key that changes, a table that
    /// becomes a partition or stops being one; with `exactColumnOrder`, a table whose columns
    /// would end up in another order than the target's (without it, that order is only noted).
    ///
    /// The old table is renamed aside first, with its identity sequences and the partitions
    /// whose names new partitions take, and from then on the differ sees it under that name:
    /// dropped (after its rows are copied, see `copyRows`), with what depends on it rebuilt.
    mutating func setAsideRebuiltTables() {
        var rebuilt: [QualifiedName] = []
        for (old, new) in changedTables() {
            if tableMustBeRecreated(old, new) {
                rebuilt.append(old.name)
            } else if let layout = [layoutDifference(old, new), inheritanceLayoutDifference(old, new)]
                .compactMap({ $0 }).joined(separator: "; ").nilIfEmpty {
                if hints.exactColumnOrder {
                    rebuilt.append(old.name)
                } else {
                    notes.append("table \(old.name): \(layout); --exact-column-order makes it again with its rows to match")
                }
            }
        }
        guard !rebuilt.isEmpty else { return }
        var taken = Set(current.tables.map(\.name) + desired.tables.map(\.name) + current.views.map(\.name)
                        + desired.views.map(\.name) + current.sequences.map(\.name) + desired.sequences.map(\.name))
        func aside(_ name: QualifiedName) -> QualifiedName {
            let result = uniqueName(for: name, suffix: "__old", taken: taken)
            taken.insert(result)
            return result
        }
        for name in rebuilt {
            guard let i = current.tables.firstIndex(where: { $0.name == name }) else { continue }
            let old = current.tables[i]
            let moved = aside(name)
            add(.renameTable(name, to: moved.name), .renames, hazards: [.blocksReads], removes: [.table(name)])
            // An identity sequence goes aside with its table, under a name of its own.
            for c in old.columns.indices {
                guard old.columns[c].identity != nil,
                      let sequence = identitySequence(old.columns[c], of: name).first?.sequenceName else { continue }
                let movedSequence = aside(sequence)
                add(.renameSequence(sequence, to: movedSequence.name), .renames, removes: [.sequence(sequence)])
                current.tables[i].columns[c].identity?.sequenceName = movedSequence.name
            }
            renameTable(at: i, to: moved)
            rowsKeptFrom[name] = moved
            for p in current.tables.indices where current.tables[p].partitionOf?.parent == moved
                && desiredTable(current.tables[p].name) != nil {
                let partition = current.tables[p].name
                let movedPartition = aside(partition)
                add(.renameTable(partition, to: movedPartition.name), .renames, removes: [.table(partition)])
                renameTable(at: p, to: movedPartition)
            }
        }
    }

    /// How the columns of `old` will be laid out after the migration, where that is not how the
    /// target lays them out: a migration adds columns at the end.
    func layoutDifference(_ old: Table, _ new: Table) -> String? {
        // A partition's columns are its parent's.
        guard old.partitionOf == nil, new.partitionOf == nil else { return nil }
        let wanted = Set(new.columns.map(\.name))
        let had = Set(old.columns.map(\.name))
        let after = old.columns.map(\.name).filter(wanted.contains) + new.columns.map(\.name).filter { !had.contains($0) }
        let target = new.columns.map(\.name)
        guard after != target else { return nil }
        return "its columns will be in the order \(after.joined(separator: ", ")), the target's are in the order "
            + target.joined(separator: ", ")
    }

    /// After `new` is created (at `created`) in place of the table set aside as `old`: its rows
    /// copied in, its identity sequences continued where they stopped; the old table is dropped
    /// after that, and everything else on the new table (constraints and indexes whose names
    /// the old one held, triggers that must not fire for the copied rows) after the drop.
    mutating func copyRows(from old: Table, into new: Table, created: Int) {
        // A partition takes its columns from its parent.
        let columns = new.partitionOf.flatMap { desiredTable($0.parent)?.columns } ?? new.columns
        let oldColumns = old.partitionOf.flatMap { current.table($0.parent)?.columns } ?? old.columns
        var copied: [RowCopy.Column] = []
        for c in columns where c.generatedExpression == nil {
            guard let was = oldColumns.first(where: { $0.name == c.name }) else { continue }
            var column = RowCopy.Column(name: c.name, type: c.type)
            if was.type != c.type {
                column.conversion = convertible(ColumnName(table: new.name, column: c.name), from: was.type, to: c.type)
            }
            copied.append(column)
        }
        let always = columns.contains { c in c.identity?.generation == .always && oldColumns.contains { $0.name == c.name } }
        let partitions = desired.tables.filter { $0.partitionOf?.parent == new.name }.map(\.id)
        let copy = add(.copyRows(RowCopy(from: old.name, to: new.name, columns: copied, overridingSystemValue: always,
                                         only: old.partitioning == nil)),
                       .createTables, hazards: [.rewritesTable, .blocksReads], requires: partitions, after: [created])
        var done = [copy]
        for c in old.columns {
            guard let from = c.identity?.sequenceName, let now = new.column(named: c.name), now.identity != nil,
                  let to = identitySequence(now, of: new.name).first?.sequenceName else { continue }
            done.append(add(.copySequenceValue(from: QualifiedName(schema: old.name.schema, from), to: to), .createTables,
                            requires: [.sequence(to)], after: [copy]))
        }
        if let drop = asideDrops[old.name] {
            follows[drop, default: []].formUnion(done)
            tableFinishedAfter[new.name] = drop
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
