import SchemaModel

/// A small random schema and random edits of it, built from a seed so a failure can be
/// replayed: tables with columns of the money, text, time, JSON, UUID, array and enum types,
/// defaults, NOT NULL, CHECKs, indexes (descending, partial), foreign keys, a view, comments.
struct RandomSchema {
    struct Col {
        var name: String
        var origin: String?
        var type: DataType
        var nullable: Bool
        var defaultExpression: String?
        var comment: String?
    }
    struct Tab {
        var name: String
        var origin: String?
        var columns: [Col]
        var parent: String?
        var indexes: [(name: String, column: String, desc: Bool, partial: Bool)] = []
        var checks: [(name: String, column: String)] = []
        var comment: String?
    }

    var labels: [String]
    var tables: [Tab] = []
    var view: (table: String, columns: [String])?
    var rng: SplitMix64
    var counter = 0

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let chosen = ["a", "b", "c", "d"].filter { _ in Bool.random(using: &rng) }
        labels = chosen.isEmpty ? ["a"] : chosen
        self.rng = rng
        for _ in 0..<Int.random(in: 1...3, using: &rng) { addTable() }
        if Bool.random(using: &rng), let t = tables.first {
            view = (t.name, Array(t.columns.map(\.name).prefix(2)))
        }
    }

    mutating func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    mutating func randomColumn() -> Col {
        let name = fresh("c")
        let choices: [(DataType, String?)] = [
            (.integer, "0"), (.bigint, "7"), (.text, "'x'"), (.varchar(Int.random(in: 10...40, using: &rng)), "'abc'"),
            (.numeric(Int.random(in: 20...78, using: &rng), Int.random(in: 0...8, using: &rng)), "0"),
            (.boolean, "true"), (.timestamptz, "now()"), (.jsonb, "'{}'::jsonb"), (.uuid, "gen_random_uuid()"),
            (.date, "CURRENT_DATE"), (.array(.text), "'{}'::text[]"), (.named(QualifiedName("mood")), "'\(labels[0])'"),
        ]
        let (type, def) = choices.randomElement(using: &rng)!
        return Col(name: name, type: type, nullable: Bool.random(using: &rng),
                   defaultExpression: Bool.random(using: &rng) ? def : nil)
    }

    mutating func addTable() {
        var t = Tab(name: fresh("t"), columns: [Col(name: "id", type: .bigint, nullable: false)])
        for _ in 0..<Int.random(in: 1...4, using: &rng) { t.columns.append(randomColumn()) }
        if Bool.random(using: &rng), let parent = tables.randomElement(using: &rng) {
            t.parent = parent.name
            t.columns.append(Col(name: "parent_id", type: .bigint, nullable: true))
        }
        if Bool.random(using: &rng) { addIndex(&t) }
        if let c = t.columns.first(where: { $0.type == .integer || $0.type == .bigint }), c.name != "id", Bool.random(using: &rng) {
            t.checks.append((fresh("ck"), c.name))
        }
        tables.append(t)
    }

    mutating func addIndex(_ t: inout Tab) {
        let candidates = t.columns.filter { $0.type != .jsonb && $0.type != .array(.text) }
        guard let c = candidates.randomElement(using: &rng) else { return }
        t.indexes.append((fresh("ix"), c.name, Bool.random(using: &rng), Bool.random(using: &rng)))
    }

    /// Applies 1 to 4 random edits.
    mutating func mutate() {
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let i = Int.random(in: 0..<tables.count, using: &rng)
            switch Int.random(in: 0...13, using: &rng) {
            case 0: addTable()
            case 1:
                let name = tables[i].name
                if tables.count > 1 && !tables.contains(where: { $0.parent == name }) && view?.table != name {
                    tables.remove(at: i)
                }
            case 2: tables[i].columns.append(randomColumn())
            case 3:
                let candidates = tables[i].columns.filter { $0.name != "id" && $0.name != "parent_id" }
                if let c = candidates.randomElement(using: &rng) { dropColumn(c.name, from: i) }
            case 4:
                if let c = tables[i].columns.indices.filter({ tables[i].columns[$0].name != "id" }).randomElement(using: &rng) {
                    tables[i].columns[c].type = widened(tables[i].columns[c].type)
                }
            case 5:
                if let c = tables[i].columns.indices.filter({ tables[i].columns[$0].name != "id" }).randomElement(using: &rng) {
                    tables[i].columns[c].nullable.toggle()
                }
            case 6:
                if let c = tables[i].columns.indices.randomElement(using: &rng) {
                    let d = tables[i].columns[c].defaultExpression
                    tables[i].columns[c].defaultExpression = d == nil ? defaultFor(tables[i].columns[c].type) : nil
                }
            case 7:
                if tables[i].indexes.isEmpty {
                    var t = tables[i]
                    addIndex(&t)
                    tables[i] = t
                } else {
                    tables[i].indexes.removeFirst()
                }
            case 8:
                if !tables[i].checks.isEmpty { tables[i].checks.removeFirst() }
                else if let c = tables[i].columns.first(where: { $0.type == .integer && $0.name != "id" }) {
                    tables[i].checks.append((fresh("ck"), c.name))
                }
            case 9:
                let new = fresh("l")
                labels.insert(new, at: Int.random(in: 0...labels.count, using: &rng))
            case 10:
                if labels.count > 1 {
                    let removed = labels.remove(at: Int.random(in: 0..<labels.count, using: &rng))
                    for t in tables.indices {
                        for c in tables[t].columns.indices where tables[t].columns[c].defaultExpression == "'\(removed)'" {
                            tables[t].columns[c].defaultExpression = "'\(labels[0])'"
                        }
                    }
                }
            case 11:
                if let c = tables[i].columns.indices.filter({ tables[i].columns[$0].name != "id" && tables[i].columns[$0].name != "parent_id" })
                    .randomElement(using: &rng) {
                    let old = tables[i].columns[c].name
                    let new = fresh("r")
                    tables[i].columns[c].origin = tables[i].columns[c].origin ?? old
                    tables[i].columns[c].name = new
                    renameColumnReferences(old, to: new, in: i)
                }
            case 12:
                let old = tables[i].name
                let new = fresh("rt")
                tables[i].origin = tables[i].origin ?? old
                tables[i].name = new
                for t in tables.indices where tables[t].parent == old { tables[t].parent = new }
                if view?.table == old { view?.table = new }
            default:
                tables[i].comment = tables[i].comment == nil ? "comment \(counter)" : nil
                if let c = tables[i].columns.indices.randomElement(using: &rng) {
                    tables[i].columns[c].comment = tables[i].columns[c].comment == nil ? "it's \(counter)" : nil
                }
            }
        }
    }

    mutating func dropColumn(_ name: String, from i: Int) {
        tables[i].columns.removeAll { $0.name == name }
        tables[i].indexes.removeAll { $0.column == name }
        tables[i].checks.removeAll { $0.column == name }
        if view?.table == tables[i].name {
            view?.columns.removeAll { $0 == name }
            if view?.columns.isEmpty == true { view = nil }
        }
    }

    mutating func renameColumnReferences(_ old: String, to new: String, in i: Int) {
        for x in tables[i].indexes.indices where tables[i].indexes[x].column == old { tables[i].indexes[x].column = new }
        for x in tables[i].checks.indices where tables[i].checks[x].column == old { tables[i].checks[x].column = new }
        if var v = view, v.table == tables[i].name {
            v.columns = v.columns.map { $0 == old ? new : $0 }
            view = v
        }
    }

    func widened(_ type: DataType) -> DataType {
        switch type {
        case .varchar(let n?): return .varchar(n + 10)
        case .integer: return .bigint
        case .numeric(let p?, let s?): return .numeric(precision: min(p + 5, 1000), scale: s)
        case .text: return .varchar(nil)
        default: return type
        }
    }

    func defaultFor(_ type: DataType) -> String? {
        switch type {
        case .integer, .bigint, .numeric: return "1"
        case .text, .varchar: return "'d'"
        case .boolean: return "false"
        case .timestamptz: return "now()"
        case .named: return "'\(labels[labels.count - 1])'"
        default: return nil
        }
    }

    var model: DatabaseModel {
        var m = DatabaseModel(name: "random", extensions: [], enums: [EnumType(name: QualifiedName("mood"), labels: labels)])
        for t in tables {
            var table = Table(name: QualifiedName(t.name), comment: t.comment)
            table.renamedFrom = t.origin.map { QualifiedName($0) }
            table.columns = t.columns.map { c in
                var column = Column(name: c.name, type: c.type, isNullable: c.nullable, defaultExpression: c.defaultExpression,
                                    comment: c.comment)
                column.renamedFrom = c.origin
                return column
            }
            table.constraints.append(Constraint(name: "\(t.name)_pkey", kind: .primaryKey(columns: ["id"])))
            if let parent = t.parent {
                table.constraints.append(Constraint(
                    name: "\(t.name)_parent_fkey",
                    kind: .foreignKey(ForeignKey(columns: ["parent_id"], referencedTable: QualifiedName(parent),
                                                 referencedColumns: ["id"], onDelete: .cascade))))
            }
            for c in t.checks {
                table.constraints.append(Constraint(name: c.name, kind: .check(expression: "\(c.column) >= 0")))
            }
            table.indexes = t.indexes.map { i in
                Index(name: i.name, keys: [IndexKey(.column(i.column), order: i.desc ? .desc : .asc)],
                      predicate: i.partial ? "\(i.column) IS NOT NULL" : nil)
            }
            m.tables.append(table)
        }
        if let view {
            m.views.append(View(name: QualifiedName("v_random"),
                                query: "SELECT \(view.columns.joined(separator: ", ")) FROM \(view.table)"))
        }
        return m
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
