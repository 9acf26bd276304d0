import Differ
import Foundation
import SQLRenderer
import SchemaModel
import Testing

/// The differ on models built by hand, with the dependencies a catalog would record: each plan,
/// its operations and SQL in order, compared with a golden file beside this test
/// (`Golden/Plans/<name>.txt`; `SCHEMAGEN_RECORD=1 swift test` rewrites them). The PostgreSQL
/// round trips judge that such plans apply; these pin down the order and the operations.
@Suite("Plans on hand-built models")
struct DifferTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/Plans")

    static func expectPlan(_ name: String, from a: DatabaseModel, to b: DatabaseModel, hints: MigrationHints = MigrationHints(),
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let plan = try Differ.plan(from: a, to: b, hints: hints)
        let text = plan.changes.map { change in
            "\(change.operation.kindName): \(change.summary)\n    \(SQL.render(change.operation).replacingOccurrences(of: "\n", with: "\n    "))"
        }.joined(separator: "\n") + "\n"
        let file = golden.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["SCHEMAGEN_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        #expect(expected == text, "Golden/Plans/\(name).txt differs (SCHEMAGEN_RECORD=1 rewrites it):\n\(text)",
                sourceLocation: sourceLocation)
    }

    static let isEven = Function(
        name: QualifiedName("is_even"), arguments: [.init(name: "n", type: .integer)], returns: .type(.boolean),
        language: .sql, volatility: .immutable, body: "SELECT n % 2 = 0")

    @Test("a domain whose CHECK calls a function is created after the function, and dropped before it")
    func domainAfterFunction() throws {
        var model = DatabaseModel(
            domains: [Domain(name: QualifiedName("even"), baseType: .integer,
                             checks: [.init(name: "even_check", expression: "is_even(VALUE)")])],
            functions: [Self.isEven],
            tables: [Table(name: QualifiedName("pairs"), columns: [Column(name: "n", type: .named(QualifiedName("even")))])])
        model.dependencies = Dependencies([.type(QualifiedName("even")): [Self.isEven.id]])
        try Self.expectPlan("domain_after_function", from: DatabaseModel(), to: model)
        try Self.expectPlan("domain_after_function_dropped", from: model, to: DatabaseModel())
    }

    /// orders(amount) ← v_orders ← v_big ← v_count, and v_big also calls a function.
    static func viewChain(amount: DataType) -> DatabaseModel {
        let orders = QualifiedName("orders")
        let double = Function(name: QualifiedName("double_it"), arguments: [.init(name: "x", type: .numeric(precision: nil, scale: nil))],
                              returns: .type(.numeric(precision: nil, scale: nil)), language: .sql, volatility: .immutable,
                              body: "SELECT x * 2")
        var model = DatabaseModel(
            functions: [double],
            tables: [Table(name: orders, columns: [Column(name: "id", type: .bigint, isNullable: false),
                                                   Column(name: "amount", type: amount)],
                           constraints: [Constraint(name: "orders_pkey", kind: .primaryKey(columns: ["id"]))])],
            views: [
                View(name: QualifiedName("v_count"), query: "SELECT count(*) AS n FROM v_big"),
                View(name: QualifiedName("v_big"), query: "SELECT id, double_it(amount) AS twice FROM v_orders WHERE amount > 100"),
                View(name: QualifiedName("v_orders"), query: "SELECT id, amount FROM orders"),
            ])
        model.dependencies = Dependencies([
            .view(QualifiedName("v_orders")): [.table(orders), .column(orders, "id"), .column(orders, "amount")],
            .view(QualifiedName("v_big")): [.view(QualifiedName("v_orders")), double.id],
            .view(QualifiedName("v_count")): [.view(QualifiedName("v_big"))],
        ])
        return model
    }

    @Test("views over views and a function: created in dependency order whatever their declared order")
    func viewChainFromEmpty() throws {
        try Self.expectPlan("view_chain_from_empty", from: DatabaseModel(), to: Self.viewChain(amount: .integer))
    }

    @Test("a column type change drops the views that read it, dependents first, and creates them after")
    func columnUnderViews() throws {
        try Self.expectPlan("column_under_views", from: Self.viewChain(amount: .integer),
                            to: Self.viewChain(amount: .numeric(20, 2)))
    }

    /// An enum, a column with a default of it, a check comparing with a label, a partial index.
    static func moodModel(_ labels: [String]) -> DatabaseModel {
        let mood = QualifiedName("mood")
        let entries = QualifiedName("entries")
        var model = DatabaseModel(
            enums: [EnumType(name: mood, labels: labels)],
            tables: [Table(
                name: entries,
                columns: [Column(name: "id", type: .integer, isNullable: false),
                          Column(name: "mood", type: .named(mood), defaultExpression: "'meh'::mood")],
                constraints: [Constraint(name: "entries_not_angry", kind: .check(expression: "(mood <> 'sad'::mood)"))],
                indexes: [Index(name: "entries_happy", keys: [IndexKey(.column("id"))], predicate: "(mood = 'happy'::mood)")])])
        model.dependencies = Dependencies([
            .column(entries, "mood"): [.type(mood)],
            .columnDefault(entries, "mood"): [.type(mood), .column(entries, "mood")],
            .constraint(entries, "entries_not_angry"): [.type(mood), .column(entries, "mood")],
            .index(QualifiedName("entries_happy")): [.type(mood), .column(entries, "id"), .column(entries, "mood")],
        ])
        return model
    }

    @Test("an enum losing a value is set aside first, and what uses it is rebuilt around the conversion")
    func enumValueRemoved() throws {
        try Self.expectPlan("enum_value_removed", from: Self.moodModel(["happy", "sad", "meh", "angry"]),
                            to: Self.moodModel(["happy", "sad", "meh"]))
        try Self.expectPlan("enum_value_added", from: Self.moodModel(["happy", "sad", "meh"]),
                            to: Self.moodModel(["happy", "content", "sad", "meh"]))
    }

    @Test("tables whose foreign keys reference each other: keys first when dropped, last when created")
    func foreignKeyCycle() throws {
        let a = QualifiedName("authors"), b = QualifiedName("books")
        let model = DatabaseModel(tables: [
            Table(name: a, columns: [Column(name: "id", type: .bigint, isNullable: false), Column(name: "favourite", type: .bigint)],
                  constraints: [Constraint(name: "authors_pkey", kind: .primaryKey(columns: ["id"])),
                                Constraint(name: "authors_favourite_fkey", kind: .foreignKey(ForeignKey(
                                    columns: ["favourite"], referencedTable: b, referencedColumns: ["id"])))]),
            Table(name: b, columns: [Column(name: "id", type: .bigint, isNullable: false), Column(name: "author", type: .bigint)],
                  constraints: [Constraint(name: "books_pkey", kind: .primaryKey(columns: ["id"])),
                                Constraint(name: "books_author_fkey", kind: .foreignKey(ForeignKey(
                                    columns: ["author"], referencedTable: a, referencedColumns: ["id"])))]),
        ])
        try Self.expectPlan("foreign_key_cycle_created", from: DatabaseModel(), to: model)
        try Self.expectPlan("foreign_key_cycle_dropped", from: model, to: DatabaseModel())
    }

    @Test("a serial column: the sequence, then the table whose default takes from it, then the ownership")
    func serialColumn() throws {
        let t = QualifiedName("tickets"), s = QualifiedName("tickets_id_seq")
        var model = DatabaseModel(
            sequences: [Sequence(name: s, options: SequenceOptions(type: .integer), ownedBy: ColumnName(table: t, column: "id"))],
            tables: [Table(name: t, columns: [Column(name: "id", type: .integer, isNullable: false,
                                                     defaultExpression: "nextval('tickets_id_seq'::regclass)")])])
        model.dependencies = Dependencies([.columnDefault(t, "id"): [.sequence(s)]])
        try Self.expectPlan("serial_created", from: DatabaseModel(), to: model)
        var bigger = model
        bigger.sequences[0].options.type = .bigint
        bigger.tables[0].columns[0].type = .bigint
        try Self.expectPlan("serial_to_bigserial", from: model, to: bigger)
    }

    @Test("a foreign key resting on a unique key that is rebuilt is dropped first and added again after")
    func foreignKeyOnRebuiltKey() throws {
        func model(nullsNotDistinct: Bool) -> DatabaseModel {
            let a = QualifiedName("a"), b = QualifiedName("b")
            var m = DatabaseModel(tables: [
                Table(name: a, columns: [Column(name: "x", type: .integer)],
                      constraints: [Constraint(name: "a_x_key", kind: .unique(columns: ["x"], nullsNotDistinct: nullsNotDistinct))]),
                Table(name: b, columns: [Column(name: "x", type: .integer)],
                      constraints: [Constraint(name: "b_x_fkey", kind: .foreignKey(ForeignKey(
                          columns: ["x"], referencedTable: a, referencedColumns: ["x"])))]),
            ])
            m.dependencies = Dependencies([.constraint(b, "b_x_fkey"): [.constraint(a, "a_x_key")]])
            return m
        }
        try Self.expectPlan("foreign_key_on_rebuilt_key", from: model(nullsNotDistinct: false), to: model(nullsNotDistinct: true))
    }

    @Test("a rename hint renames, and the rollback renames back")
    func renames() throws {
        let before = DatabaseModel(tables: [Table(name: QualifiedName("people"), columns: [Column(name: "nick", type: .text)])])
        var after = before
        after.tables[0].name = QualifiedName("persons")
        after.tables[0].columns[0].name = "nickname"
        var hints = MigrationHints()
        hints.tables[QualifiedName("persons")] = QualifiedName("people")
        hints.columns[QualifiedName("persons")] = ["nickname": "nick"]
        try Self.expectPlan("rename", from: before, to: after, hints: hints)
        try Self.expectPlan("rename_back", from: after, to: before, hints: hints.reversed)
    }

    @Test("objects that depend on each other in a cycle are an error that names them")
    func cycle() {
        var model = DatabaseModel(views: [View(name: QualifiedName("v1"), query: "SELECT 1"),
                                          View(name: QualifiedName("v2"), query: "SELECT 2")])
        model.dependencies = Dependencies([.view(QualifiedName("v1")): [.view(QualifiedName("v2"))],
                                           .view(QualifiedName("v2")): [.view(QualifiedName("v1"))]])
        #expect {
            try Differ.plan(from: DatabaseModel(), to: model)
        } throws: { error in
            (error as? PlanError).map { $0.reason == .cycle && $0.objects == ["view public.v1", "view public.v2"] } ?? false
        }
    }
}
