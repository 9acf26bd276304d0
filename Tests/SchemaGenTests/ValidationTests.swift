import SchemaDSL
import Testing

/// Each rule, with the file and line of the declaration at fault. The faulty element is on the
/// same line as the `#line` that records where it is.
@Suite("Declaration mistakes are reported with file:line")
struct ValidationTests {
    /// As errors print it, run from the package root: relative to it, so an editor opens it.
    let file = "Tests/SchemaGenTests/ValidationTests.swift"

    func expectError(_ database: Database, line: Int, _ fragment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let errors = database.model.validate()
        let match = errors.first { $0.message.contains(fragment) }
        #expect(match != nil, "no error containing \"\(fragment)\" in \(errors)", sourceLocation: sourceLocation)
        #expect(match?.location?.file.hasSuffix("/" + file) == true, sourceLocation: sourceLocation)
        #expect(match?.location?.line == line, sourceLocation: sourceLocation)
        #expect(match?.description.hasPrefix("\(file):\(line): error: ") == true, sourceLocation: sourceLocation)
    }

    @Test func duplicateTable() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer) }; Table("a") { Column("id", .integer) } }, #line)
        expectError(db, line: line, "the name is already used by table public.a")
    }

    @Test func tableNameClashesWithIndex() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); Index("b", on: "id") }; Table("b") { Column("id", .integer) } }, #line)
        expectError(db, line: line, "the name is already used by index public.b")
    }

    @Test func duplicateColumn() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); Column("id", .text) } }, #line)
        expectError(db, line: line, "column \"id\" is declared twice")
    }

    @Test func duplicateConstraintName() {
        let (db, line) = (Database("x") { Table("a") { Column("n", .integer); Check("c", "n > 0"); Check("c", "n < 9") } }, #line)
        expectError(db, line: line, "constraint name \"c\" is used twice")
    }

    @Test func keyNamesMissingColumn() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); PrimaryKey("nope") } }, #line)
        expectError(db, line: line, "names column \"nope\", which the table does not have")
    }

    @Test func uniqueNamesMissingColumn() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); Unique("id", "other") } }, #line)
        expectError(db, line: line, "names column \"other\", which the table does not have")
    }

    @Test func indexNamesMissingColumn() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); Index("i", on: "missing") } }, #line)
        expectError(db, line: line, "index i names column \"missing\"")
    }

    @Test func foreignKeyToMissingTable() {
        let (db, line) = (Database("x") { Table("a") { Column("b_id", .integer).references("b") } }, #line)
        expectError(db, line: line, "references table public.b, which is not declared")
    }

    @Test func foreignKeyToMissingColumn() {
        let (db, line) = (Database("x") { Table("b") { Column("id", .integer).primaryKey() }; Table("a") { Column("b_id", .integer).references("b", "nope") } }, #line)
        expectError(db, line: line, "references column public.b.nope, which does not exist")
    }

    @Test func foreignKeyColumnCountMismatch() {
        let (db, line) = (Database("x") {
            Table("b") { Column("id", .integer).primaryKey() }
            Table("a") { Column("p", .integer); Column("q", .integer); ForeignKey(["p", "q"], references: "b") } }, #line)
        expectError(db, line: line, "has 2 column(s) but references 1 in public.b")
    }

    @Test func foreignKeyTypeMismatch() {
        let (db, line) = (Database("x") { Table("b") { Column("id", .uuid).primaryKey() }; Table("a") { Column("b_id", .text).references("b") } }, #line)
        expectError(db, line: line, "column \"b_id\" is text but public.b.id is uuid")
    }

    @Test func foreignKeyTargetNotUnique() {
        let (db, line) = (Database("x") { Table("b") { Column("id", .integer).primaryKey(); Column("code", .text) }; Table("a") { Column("code", .text).references("b", "code") } }, #line)
        expectError(db, line: line, "which is not a primary key or unique")
    }

    @Test func foreignKeyOnDeferrableUnique() {
        let (db, line) = (Database("x") { Table("b") { Column("code", .text); Unique("code").deferrable(.initiallyDeferred) }; Table("a") { Column("code", .text).references("b", "code") } }, #line)
        expectError(db, line: line, "which is not a primary key or unique (and not deferrable)")
    }

    @Test func identifierOver63Bytes() {
        let (db, line) = (Database("x") { Table("a") { Column(String(repeating: "c", count: 64), .integer) } }, #line)
        expectError(db, line: line, "is 64 bytes; PostgreSQL allows at most 63")
    }

    @Test func emptyEnum() {
        let (db, line) = (Database("x") { Enum("mood", []) }, #line)
        expectError(db, line: line, "an enum needs at least one label")
    }

    @Test func duplicateEnumLabel() {
        let (db, line) = (Database("x") { Enum("mood", "ok", "ok") }, #line)
        expectError(db, line: line, "label \"ok\" appears twice")
    }

    @Test func viewWithoutBody() {
        let (db, line) = (Database("x") { View("v", "  \n") }, #line)
        expectError(db, line: line, "the view has no query")
    }

    @Test func undeclaredType() {
        let (db, line) = (Database("x") { Table("a") { Column("m", .type("mood")) } }, #line)
        expectError(db, line: line, "type public.mood is not declared")
    }

    @Test func undeclaredSchema() {
        let (db, line) = (Database("x") { Table("billing.a") { Column("id", .integer) } }, #line)
        expectError(db, line: line, "schema \"billing\" is not declared")
    }

    @Test("a misspelt table, column, type or schema gets a did-you-mean")
    func didYouMean() {
        let line = #line
        let db = Database("x") {
            Namespace("billing")
            Enum("order_status", "paid")
            Table("customers") { Column("id", .integer).primaryKey(); Column("email", .text) }
            Table("orders") {
                Column("customer_id", .integer).references("customer")
                Column("status", .type("order_stauts"))
                Index("i", on: "custmer_id")
            }
            Table("biling.invoices") { Column("id", .integer) }
            Table("notes") { Column("customer_id", .integer).references("customers", "idd") }
        }
        expectError(db, line: line + 6, "references table public.customer, which is not declared (did you mean public.customers?)")
        expectError(db, line: line + 7, "type public.order_stauts is not declared (did you mean public.order_status?)")
        expectError(db, line: line + 8, "index i names column \"custmer_id\", which the table does not have (did you mean customer_id?)")
        expectError(db, line: line + 10, "schema \"biling\" is not declared (did you mean billing?)")
        expectError(db, line: line + 11, "references column public.customers.idd, which does not exist (did you mean id?)")
    }

    @Test func triggerWithoutFunction() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer); Trigger("t", .before, .update, execute: "touch") } }, #line)
        expectError(db, line: line, "calls public.touch(), which is not declared as a function returning trigger")
    }

    @Test func partitionOfUndeclaredParent() {
        let (db, line) = (Database("x") { Partition("p1", of: "events", values: "DEFAULT") }, #line)
        expectError(db, line: line, "partition parent public.events is not declared")
    }

    @Test func twoPrimaryKeys() {
        let (db, line) = (Database("x") { Table("a") { Column("id", .integer).primaryKey(); PrimaryKey("id", name: "other") } }, #line)
        expectError(db, line: line, "a table can have only one primary key")
    }

    @Test func functionWithoutBody() {
        let (db, line) = (Database("x") { Function("f", returns: .void, body: "") }, #line)
        expectError(db, line: line, "the function has no body")
    }

    @Test("every mistake is reported at once, and validated() throws them")
    func allAtOnce() {
        let db = Database("x") {
            Enum("e", [])
            View("v", "")
        }
        #expect(db.model.validate().count == 2)
        #expect(throws: ValidationErrors.self) { try db.validated() }
    }

    @Test("the seed schemas have no mistakes")
    func seedsAreValid() throws {
        for schema in declaredSchemasForValidation { #expect(schema.validate() == [], "\(schema.name)") }
    }
}
