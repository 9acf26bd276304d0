import LibPQClient
import SchemaDSL
import Testing

/// Each dependency case, applied for real: created from empty and dropped back to empty,
/// and changed from one declaration to the other and back.
@Suite("Dependencies and object kinds")
struct ScenarioTests {
    let empty = Database("empty") {}.model

    @Test("a chain of views over a column whose type changes")
    func viewsOverAlteredColumn() throws {
        func schema(_ amountType: DataType) -> DatabaseModel {
            Database("x") {
                Table("orders") {
                    Column("id", .bigint).primaryKey()
                    Column("amount", amountType).notNull()
                    Column("note", .varchar(20))
                }
                View("v_orders", "SELECT id, amount, note FROM orders")
                View("v_big_orders", "SELECT id, amount FROM v_orders WHERE amount > 100")
                View("v_big_order_count", "SELECT count(*) AS n FROM v_big_orders")
            }.model
        }
        try RoundTrip.check(from: empty, to: schema(.integer))
        try RoundTrip.check(from: schema(.integer), to: schema(.numeric(20, 2)),
                            prepare: { c in try c.execute("INSERT INTO orders VALUES (1, 150, 'x')") },
                            check: { c in
                                let n = try c.query("SELECT n FROM v_big_order_count").scalar
                                #expect(n == "1")
                            })
    }

    @Test("a view made writable by INSTEAD OF triggers, rebuilt when a column under it changes type")
    func writableViewRebuilt() throws {
        func schema(_ weiType: DataType) -> DatabaseModel {
            Database("x") {
                Table("balances") {
                    Column("id", .bigint).primaryKey()
                    Column("wei", weiType).notNull()
                }
                View("v_balances", "SELECT id, wei FROM balances")
                    .trigger(Trigger("v_balances_insert", .insteadOf, .insert, execute: "insert_balance").comment("Writes through"))
                    .trigger(Trigger("v_balances_note", .before, .update, .delete, forEach: .statement, execute: "note_write"))
                Function("insert_balance", returns: .trigger, body: "BEGIN INSERT INTO balances VALUES (NEW.id, NEW.wei); RETURN NEW; END")
                Function("note_write", returns: .trigger, body: "BEGIN RETURN NULL; END")
            }.model
        }
        try RoundTrip.check(from: empty, to: schema(.numeric(38, 0)))
        try RoundTrip.check(from: schema(.numeric(38, 0)), to: schema(.numeric(78, 0)))
    }

    @Test("two tables whose foreign keys reference each other")
    func foreignKeyCycle() throws {
        let cycle = Database("x") {
            Table("authors") {
                Column("id", .bigint).primaryKey()
                Column("favourite_book_id", .bigint).references("books", deferrable: .initiallyDeferred)
            }
            Table("books") {
                Column("id", .bigint).primaryKey()
                Column("author_id", .bigint).notNull().references("authors", onDelete: .cascade)
            }
        }.model
        try RoundTrip.check(from: empty, to: cycle)
    }

    @Test("an enum value removed while a column, its default, a view and a partial index use the enum")
    func enumValueRemoved() throws {
        func schema(_ labels: [String], defaultLabel: String, hidden: String) -> DatabaseModel {
            Database("x") {
                Enum("mood", labels)
                Table("entries") {
                    Column("id", .bigint).primaryKey()
                    Column("mood", .type("mood")).notNull().default("'\(defaultLabel)'")
                    Column("moods", .array(.type("mood")))
                    Index("idx_entries_happy", on: "id").where("mood = 'happy'")
                    Check("entries_not_hidden", "mood <> '\(hidden)'")
                }
                View("v_visible", "SELECT id, mood FROM entries WHERE mood <> '\(hidden)'")
            }.model
        }
        let before = schema(["happy", "sad", "meh", "angry"], defaultLabel: "sad", hidden: "angry")
        let after = schema(["meh", "happy", "sad"], defaultLabel: "happy", hidden: "sad")
        try RoundTrip.check(from: empty, to: before)
        try RoundTrip.check(from: before, to: after, prepare: { c in
            try c.execute("INSERT INTO entries (id, mood, moods) VALUES (1, 'happy', '{happy,meh}'), (2, 'meh', NULL)")
        }, check: { c in
            let moods = try c.query("SELECT string_agg(mood::text, ',' ORDER BY id) FROM entries").scalar
            let array = try c.query("SELECT moods::text FROM entries WHERE id = 1").scalar
            #expect(moods == "happy,meh")
            #expect(array == "{happy,meh}")
        })
        // A value added at its declared position only.
        let added = schema(["happy", "content", "sad", "meh", "angry"], defaultLabel: "content", hidden: "angry")
        try RoundTrip.check(from: before, to: added)
    }

    @Test("a foreign key resting on a unique constraint that is dropped or rebuilt")
    func foreignKeyOnUnique() throws {
        func schema(unique: Bool, nullsNotDistinct: Bool = false, fk: Bool) -> DatabaseModel {
            Database("x") {
                Table("currencies") {
                    Column("id", .integer).primaryKey()
                    Column("code", .char(3)).notNull()
                    if unique { Unique("code").nullsNotDistinct(nullsNotDistinct) }
                }
                Table("prices") {
                    Column("id", .integer).primaryKey()
                    Column("currency_code", .char(3))
                    if fk { ForeignKey(["currency_code"], references: "currencies", ["code"]) }
                }
            }.model
        }
        let base = schema(unique: true, fk: true)
        try RoundTrip.check(from: empty, to: base)
        try RoundTrip.check(from: base, to: schema(unique: false, fk: false))
        // The key is rebuilt (NULLS NOT DISTINCT) while the foreign key on it stays.
        try RoundTrip.check(from: base, to: schema(unique: true, nullsNotDistinct: true, fk: true))
    }

    @Test("a domain with a CHECK, and its check changing")
    func domainWithCheck() throws {
        func schema(_ check: String) -> DatabaseModel {
            Database("x") {
                Domain("wei", .numeric(78, 0)).check(check, name: "wei_range").comment("uint256")
                Table("balances") { Column("owner", .text).primaryKey(); Column("amount", .type("wei")).notNull() }
            }.model
        }
        try RoundTrip.check(from: empty, to: schema("VALUE >= 0"))
        try RoundTrip.check(from: schema("VALUE >= 0"), to: schema("VALUE >= 0 AND VALUE < 10::numeric ^ 78"))
    }

    @Test("identity and generated columns")
    func identityAndGenerated() throws {
        func schema(_ identity: Identity, _ expression: String, generated: Bool) -> DatabaseModel {
            Database("x") {
                Table("items") {
                    Column("id", .bigint).primaryKey().identity(identity)
                    Column("price", .numeric(20, 8)).notNull()
                    Column("quantity", .integer).notNull()
                    if generated { Column("total", .decimal).generated(expression) } else { Column("total", .decimal) }
                }
            }.model
        }
        let a = schema(.always, "price * quantity::numeric", generated: true)
        try RoundTrip.check(from: empty, to: a)
        try RoundTrip.check(from: a, to: schema(.byDefault, "price * quantity::numeric * 1.2", generated: true))
        try RoundTrip.check(from: a, to: schema(.always, "", generated: false))
    }

    @Test("comments on every object kind, added, changed and removed")
    func comments() throws {
        func schema(_ note: String?) -> DatabaseModel {
            Database("x") {
                Namespace("billing", comment: note) {
                    Enum("plan", "free", "pro").comment(note ?? "plans")
                    Domain("cents", .bigint).check("VALUE >= 0").comment(note ?? "cents")
                    DatabaseSequence("invoice_numbers").comment(note ?? "numbers")
                    Function("touch", returns: .trigger, body: "BEGIN NEW.updated_at = now(); RETURN NEW; END;")
                        .comment(note ?? "touch")
                    Table("invoices") {
                        Column("id", .bigint).primaryKey().comment(note ?? "id")
                        Column("total", .type("billing.cents")).check("total < 100000000", name: "invoices_total_cap")
                        Column("updated_at", .timestamptz)
                        Index("idx_invoices_total", on: "total").comment(note ?? "index")
                        Trigger("invoices_touch", .before, .update, execute: "billing.touch").comment(note ?? "trigger")
                        RowLevelSecurity()
                        Policy("invoices_all", using: "true").comment(note ?? "policy")
                    }.comment(note ?? "invoices")
                    View("v_invoices", "SELECT id, total FROM billing.invoices").comment(note ?? "view")
                }
            }.model
        }
        var withConstraintComment = schema("first")
        withConstraintComment.tables[0].constraints[1].comment = "cap"
        try RoundTrip.check(from: empty, to: withConstraintComment)
        try RoundTrip.check(from: withConstraintComment, to: schema("it's the second"))
        try RoundTrip.check(from: schema("x"), to: schema(nil))
    }

    @Test("a partitioned table with its partitions, one added and one moved")
    func partitions() throws {
        func schema(_ months: [String], marchBound: String) -> DatabaseModel {
            Database("x") {
                Table("events") {
                    Column("id", .bigint).notNull()
                    Column("at", .timestamptz).notNull()
                    Column("payload", .jsonb)
                    PrimaryKey("id", "at")
                    Index("idx_events_payload", on: "payload").using(.gin)
                }.partitioned(by: .range, "at")
                for m in months {
                    Partition("events_2025_\(m)", of: "events",
                              values: m == "03" ? marchBound : "FROM ('2025-\(m)-01 00:00+00') TO ('2025-\(m)-02 00:00+00')")
                }
                Partition("events_default", of: "events", values: "DEFAULT")
            }.model
        }
        let a = schema(["01", "03"], marchBound: "FROM ('2025-03-01 00:00+00') TO ('2025-03-02 00:00+00')")
        try RoundTrip.check(from: empty, to: a)
        try RoundTrip.check(from: a, to: schema(["01", "02", "03"], marchBound: "FROM ('2025-03-01 00:00+00') TO ('2025-04-01 00:00+00')"))
    }

    @Test("row level security and a policy, changed")
    func policies() throws {
        func schema(_ using: String, force: Bool) -> DatabaseModel {
            Database("x") {
                Table("documents") {
                    Column("id", .bigint).primaryKey()
                    Column("owner", .text).notNull()
                    RowLevelSecurity(force: force)
                    Policy("owner_access", using: using)
                    Policy("owner_insert", for: .insert, to: ["postgres"], withCheck: "owner = current_user")
                }
            }.model
        }
        let a = schema("owner = current_setting('app.current_user', true)", force: false)
        try RoundTrip.check(from: empty, to: a)
        try RoundTrip.check(from: a, to: schema("owner = current_user", force: true))
    }
}
