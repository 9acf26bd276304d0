import SchemaModel

extension Differ {
    /// Turns each rename hint that applies into a rename, and renames the object in `current`
    /// (and in its dependency graph) the way PostgreSQL does, so the rest of the diff sees one
    /// object, not a drop and a create. Expressions that name a renamed column or table are
    /// predicted by whole-word replacement, as PostgreSQL would print them; where that guesses
    /// wrong the object differs and is rebuilt, never lost.
    mutating func applyRenames(_ hints: MigrationHints) {
        guard !hints.isEmpty else { return }
        let desiredTables = Set(desired.tables.map(\.name))
        let currentTables = Set(current.tables.map(\.name))

        for (new, old) in hints.enums.sorted(by: { $0.key < $1.key }) {
            guard current.enums.contains(where: { $0.name == old }),
                  !current.enums.contains(where: { $0.name == new }) else { continue }
            add(.renameType(old, to: new.name, isDomain: false), .renames, removes: [.type(old)])
            renameType(old, to: new)
        }

        for (new, old) in hints.tables.sorted(by: { $0.key < $1.key }) {
            guard currentTables.contains(old), !currentTables.contains(new), desiredTables.contains(new),
                  let i = current.tables.firstIndex(where: { $0.name == old }) else { continue }
            add(.renameTable(old, to: new.name), .renames, removes: [.table(old)])
            renameTable(at: i, to: new)
            for v in current.views.indices {
                current.views[v].query = current.views[v].query.replacingWord(old.name, with: new.name)
            }
        }

        for (table, names) in hints.columns.sorted(by: { $0.key < $1.key }) {
            guard let t = current.tables.firstIndex(where: { $0.name == table }) else { continue }
            for (new, old) in names.sorted(by: { $0.key < $1.key }) {
                let columns = current.tables[t].columns
                guard let c = columns.firstIndex(where: { $0.name == old }), !columns.contains(where: { $0.name == new })
                else { continue }
                add(.alterTable(table, .renameColumn(old, to: new)), .renames, removes: [.column(table, old)])
                current.tables[t].columns[c].name = new
                renameColumn(old, to: new, in: table)
                for g in current.grants.indices where current.grants[g].object == .table(table) && current.grants[g].column == old {
                    current.grants[g].column = new
                }
            }
        }

        for (table, names) in hints.indexes.sorted(by: { $0.key < $1.key }) {
            guard let t = current.tables.firstIndex(where: { $0.name == table }) else { continue }
            for (new, old) in names.sorted(by: { $0.key < $1.key }) {
                guard let i = current.tables[t].indexes.firstIndex(where: { $0.name == old }),
                      !current.tables[t].indexes.contains(where: { $0.name == new }) else { continue }
                let oldName = QualifiedName(schema: table.schema, old)
                let newName = QualifiedName(schema: table.schema, new)
                add(.renameIndex(oldName, to: new), .renames, removes: [.index(oldName)])
                current.tables[t].indexes[i].name = new
                currentGraph = currentGraph.renamed { $0 == .index(oldName) ? .index(newName) : nil }
            }
        }

        for (table, names) in hints.constraints.sorted(by: { $0.key < $1.key }) {
            guard let t = current.tables.firstIndex(where: { $0.name == table }) else { continue }
            for (new, old) in names.sorted(by: { $0.key < $1.key }) {
                guard let i = current.tables[t].constraints.firstIndex(where: { $0.name == old }),
                      !current.tables[t].constraints.contains(where: { $0.name == new }) else { continue }
                add(.alterTable(table, .renameConstraint(old, to: new)), .renames, removes: [.constraint(table, old)])
                current.tables[t].constraints[i].name = new
                currentGraph = currentGraph.renamed { $0 == .constraint(table, old) ? .constraint(table, new) : nil }
            }
        }
    }

    /// Renames the table at `i` in `current`: the table, what references it, and the graph.
    mutating func renameTable(at i: Int, to new: QualifiedName) {
        let old = current.tables[i].name
        current.tables[i].name = new
        for t in current.tables.indices {
            for c in current.tables[t].constraints.indices {
                if case .foreignKey(var fk) = current.tables[t].constraints[c].kind, fk.referencedTable == old {
                    fk.referencedTable = new
                    current.tables[t].constraints[c].kind = .foreignKey(fk)
                }
            }
            if current.tables[t].partitionOf?.parent == old { current.tables[t].partitionOf?.parent = new }
            current.tables[t].inherits = current.tables[t].inherits.map { $0 == old ? new : $0 }
        }
        for s in current.sequences.indices where current.sequences[s].ownedBy?.table == old {
            current.sequences[s].ownedBy?.table = new
        }
        currentGraph = currentGraph.renamed { $0.renamingTable(old, to: new) }
        for g in current.grants.indices {
            current.grants[g].object = current.grants[g].object.renamingTable(old, to: new) ?? current.grants[g].object
        }
    }

    /// Renames a type in `current`: the type itself, every use of it, and the graph.
    mutating func renameType(_ old: QualifiedName, to new: QualifiedName) {
        func swap(_ type: DataType) -> DataType {
            switch type {
            case .named(let n) where n == old: return .named(new)
            case .array(let element): return .array(swap(element))
            default: return type
            }
        }
        for e in current.enums.indices where current.enums[e].name == old { current.enums[e].name = new }
        for d in current.domains.indices {
            if current.domains[d].name == old { current.domains[d].name = new }
            current.domains[d].baseType = swap(current.domains[d].baseType)
        }
        for c in current.compositeTypes.indices {
            if current.compositeTypes[c].name == old { current.compositeTypes[c].name = new }
            for a in current.compositeTypes[c].attributes.indices {
                current.compositeTypes[c].attributes[a].type = swap(current.compositeTypes[c].attributes[a].type)
            }
        }
        for r in current.rangeTypes.indices {
            if current.rangeTypes[r].name == old {
                // The multirange keeps its name: said explicitly once the range's is not its own.
                current.rangeTypes[r].multirangeName = current.rangeTypes[r].effectiveMultirangeName
                current.rangeTypes[r].name = new
            }
            if QualifiedName(schema: current.rangeTypes[r].name.schema, current.rangeTypes[r].effectiveMultirangeName) == old {
                current.rangeTypes[r].multirangeName = new.name
            }
            current.rangeTypes[r].subtype = swap(current.rangeTypes[r].subtype)
        }
        // Only the columns of the type are written: a table written to is a table copied.
        for t in current.tables.indices {
            for c in current.tables[t].columns.indices {
                let type = current.tables[t].columns[c].type
                if case let swapped = swap(type), swapped != type { current.tables[t].columns[c].type = swapped }
            }
        }
        var renamedFunctions: [ObjectID: ObjectID] = [:]
        for f in current.functions.indices {
            let before = current.functions[f].id
            for a in current.functions[f].arguments.indices {
                current.functions[f].arguments[a].type = swap(current.functions[f].arguments[a].type)
            }
            switch current.functions[f].returns {
            case .type(let t)?: current.functions[f].returns = .type(swap(t))
            case .setOf(let t)?: current.functions[f].returns = .setOf(swap(t))
            case .table(var columns)?:
                for c in columns.indices { columns[c].type = swap(columns[c].type) }
                current.functions[f].returns = .table(columns)
            default: break
            }
            if current.functions[f].id != before { renamedFunctions[before] = current.functions[f].id }
        }
        currentGraph = currentGraph.renamed { id in
            if id == .type(old) { return .type(new) }
            return renamedFunctions[id]
        }
        for g in current.grants.indices {
            let object = current.grants[g].object
            current.grants[g].object = object == .type(old) ? .type(new) : renamedFunctions[object] ?? object
        }
    }

    /// Renames a collation in `current`: the collation, what uses it (by its bare name, as the
    /// catalog reader names collations), and the graph.
    mutating func renameCollation(_ old: QualifiedName, to new: QualifiedName) {
        func swap(_ name: String?) -> String? { name == old.name ? new.name : name }
        for c in current.collations.indices where current.collations[c].name == old { current.collations[c].name = new }
        for d in current.domains.indices { current.domains[d].collation = swap(current.domains[d].collation) }
        for c in current.compositeTypes.indices {
            for a in current.compositeTypes[c].attributes.indices {
                current.compositeTypes[c].attributes[a].collation = swap(current.compositeTypes[c].attributes[a].collation)
            }
        }
        for r in current.rangeTypes.indices { current.rangeTypes[r].collation = swap(current.rangeTypes[r].collation) }
        for t in current.tables.indices {
            for c in current.tables[t].columns.indices {
                current.tables[t].columns[c].collation = swap(current.tables[t].columns[c].collation)
            }
            for i in current.tables[t].indexes.indices {
                for k in current.tables[t].indexes[i].keys.indices {
                    current.tables[t].indexes[i].keys[k].collation = swap(current.tables[t].indexes[i].keys[k].collation)
                }
            }
        }
        currentGraph = currentGraph.renamed { $0 == .collation(old) ? .collation(new) : nil }
    }

    private mutating func renameColumn(_ old: String, to new: String, in table: QualifiedName) {
        let rename = { (names: [String]) in names.map { $0 == old ? new : $0 } }
        for t in current.tables.indices {
            let isOwner = current.tables[t].name == table
            for c in current.tables[t].constraints.indices {
                var constraint = current.tables[t].constraints[c]
                switch constraint.kind {
                case .primaryKey(let cols) where isOwner: constraint.kind = .primaryKey(columns: rename(cols))
                case .unique(let cols, let nnd) where isOwner: constraint.kind = .unique(columns: rename(cols), nullsNotDistinct: nnd)
                case .check(let e) where isOwner: constraint.kind = .check(expression: e.replacingWord(old, with: new))
                case .foreignKey(var fk):
                    if isOwner {
                        fk.columns = rename(fk.columns)
                        fk.onDeleteColumns = rename(fk.onDeleteColumns)
                    }
                    if fk.referencedTable == table { fk.referencedColumns = rename(fk.referencedColumns) }
                    constraint.kind = .foreignKey(fk)
                case .exclusion(var ex) where isOwner:
                    ex.elements = ex.elements.map { e in
                        var e = e
                        if e.column == old { e.column = new }
                        e.expression = e.expression?.replacingWord(old, with: new)
                        return e
                    }
                    ex.predicate = ex.predicate?.replacingWord(old, with: new)
                    constraint.kind = .exclusion(ex)
                default: break
                }
                if isOwner { constraint.include = rename(constraint.include) }
                current.tables[t].constraints[c] = constraint
            }
            guard isOwner else { continue }
            for i in current.tables[t].indexes.indices {
                var index = current.tables[t].indexes[i]
                index.keys = index.keys.map { k in
                    var k = k
                    switch k.target {
                    case .column(let c) where c == old: k.target = .column(new)
                    case .expression(let e): k.target = .expression(e.replacingWord(old, with: new))
                    default: break
                    }
                    return k
                }
                index.include = rename(index.include)
                index.predicate = index.predicate?.replacingWord(old, with: new)
                current.tables[t].indexes[i] = index
            }
            for c in current.tables[t].columns.indices {
                current.tables[t].columns[c].defaultExpression = current.tables[t].columns[c].defaultExpression?.replacingWord(old, with: new)
                current.tables[t].columns[c].generatedExpression = current.tables[t].columns[c].generatedExpression?.replacingWord(old, with: new)
            }
            for p in current.tables[t].policies.indices {
                current.tables[t].policies[p].using = current.tables[t].policies[p].using?.replacingWord(old, with: new)
                current.tables[t].policies[p].withCheck = current.tables[t].policies[p].withCheck?.replacingWord(old, with: new)
            }
            for g in current.tables[t].triggers.indices {
                current.tables[t].triggers[g].events = current.tables[t].triggers[g].events.map {
                    if case .update(let cols) = $0 { return .update(columns: rename(cols)) }
                    return $0
                }
                current.tables[t].triggers[g].condition = current.tables[t].triggers[g].condition?.replacingWord(old, with: new)
            }
            if var p = current.tables[t].partitioning {
                p.key = rename(p.key)
                current.tables[t].partitioning = p
            }
        }
        for s in current.sequences.indices where current.sequences[s].ownedBy == ColumnName(table: table, column: old) {
            current.sequences[s].ownedBy = ColumnName(table: table, column: new)
        }
        currentGraph = currentGraph.renamed { id in
            switch id {
            case .column(table, old): return .column(table, new)
            case .columnDefault(table, old): return .columnDefault(table, new)
            default: return nil
            }
        }
        // Views are left as they are: PostgreSQL keeps a view's output column name when the
        // column under it is renamed, so a view that should follow the new name is rebuilt.
    }
}

extension ObjectID {
    /// The same object once table `old` is called `new`.
    func renamingTable(_ old: QualifiedName, to new: QualifiedName) -> ObjectID? {
        switch self {
        case .table(old): return .table(new)
        case .inheritance(let child, let parent) where child == old || parent == old:
            return .inheritance(child == old ? new : child, parent == old ? new : parent)
        case .column(old, let c): return .column(new, c)
        case .columnDefault(old, let c): return .columnDefault(new, c)
        case .constraint(old, let c): return .constraint(new, c)
        case .trigger(old, let n): return .trigger(new, n)
        case .policy(old, let n): return .policy(new, n)
        default: return nil
        }
    }
}

extension String {
    /// Whether `word` occurs whole (as `replacingWord` finds it).
    func containsWord(_ word: String) -> Bool { replacingWord(word, with: "") != self }

    /// Replaces whole-word occurrences (delimited by characters that cannot be part of an
    /// unquoted identifier): how PostgreSQL's printed form of an expression changes when a
    /// name in it is renamed.
    func replacingWord(_ word: String, with replacement: String) -> String {
        let chars = Array(self)
        let needle = Array(word)
        guard !needle.isEmpty, chars.count >= needle.count else { return self }
        func isIdent(_ c: Character) -> Bool { c.isIdentifierCharacter }
        var out = ""
        var i = 0
        var changed = false
        while i < chars.count {
            if i + needle.count <= chars.count, chars[i..<(i + needle.count)].elementsEqual(needle),
               i == 0 || !isIdent(chars[i - 1]), i + needle.count == chars.count || !isIdent(chars[i + needle.count]) {
                out += replacement
                i += needle.count
                changed = true
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return changed ? out : self
    }
}

extension Character {
    /// Whether the character can be part of an unquoted identifier.
    var isIdentifierCharacter: Bool { isLetter || isNumber || self == "_" || self == "$" }
}
