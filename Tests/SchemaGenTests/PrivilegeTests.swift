import Catalog
import Foundation
import LibPQClient
import SchemaDSL
import SchemaGenWorkflow
import Testing

/// Grants declared in the DSL, judged by `pg_dump` with privileges: created from empty, kept
/// when a view under them is rebuilt, and a second diff empty.
@Suite("Declared privileges")
struct PrivilegeTests {
    static func declaration(viewQuery: String) -> Database {
        Database("privileges") {
            Table("assets") {
                Column("id", .uuid).primaryKey().default("gen_random_uuid()")
                Column("owner", .text).notNull()
                Column("amount", .numeric(78, 0)).notNull()
            }
            View("active_assets", viewQuery)
            Function("asset_count", returns: .type(.bigint), language: .sql, body: "SELECT count(*) FROM assets")
            Grant(.select, .insert, .update, .delete, on: .table("assets"), to: "pt_service")
            Grant(.update("owner"), on: .table("assets"), to: "pt_editor")
            Grant(.select, on: .table("active_assets"), to: "pt_service", "pt_editor")
            Revoke(.execute, on: .function("asset_count"), from: "PUBLIC")
            Grant(.execute, on: .function("asset_count"), to: "pt_service")
            Grant(.usage, on: .schema("public"), to: "pt_service")
            DefaultPrivileges {
                GrantOnFuture(.select, on: .tables, to: "pt_service")
                GrantOnFuture(revoking: .execute, on: .functions, from: "PUBLIC")
            }
        }
    }

    @Test("created from empty, kept when the view is rebuilt, nothing left to do")
    func roundTrip() throws {
        let first = try Self.declaration(viewQuery: "SELECT id, owner FROM assets").validated()
        let (url, connection) = try TestDatabase.fresh()
        try connection.execute("DO $$ BEGIN CREATE ROLE pt_service NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try connection.execute("DO $$ BEGIN CREATE ROLE pt_editor NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        try connection.execute(try TestDatabase.compare(.database(url: url), .declaration(first)).plan.script())
        let dump = try PgDump.text(url, privileges: true).replacingOccurrences(of: "  ", with: " ")
        for line in [
            "GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.assets TO pt_service;",
            "GRANT UPDATE(owner) ON TABLE public.assets TO pt_editor;",
            "GRANT SELECT ON TABLE public.active_assets TO pt_service;",
            "REVOKE ALL ON FUNCTION public.asset_count() FROM PUBLIC;",
            "GRANT ALL ON FUNCTION public.asset_count() TO pt_service;",
            "GRANT USAGE ON SCHEMA public TO pt_service;",
            "GRANT SELECT ON TABLES TO pt_service;",
            "REVOKE ALL ON FUNCTIONS FROM PUBLIC;",
        ] {
            #expect(dump.contains(line), "pg_dump lacks \(line)\n\(dump)")
        }
        #expect(try TestDatabase.remaining(url, .declaration(first)).isEmpty)

        // The view's query changes: it is dropped and made again, and its grants with it.
        let second = try Self.declaration(viewQuery: "SELECT id, owner, amount FROM assets WHERE amount > 0").validated()
        let comparison = try TestDatabase.compare(.database(url: url), .declaration(second))
        try connection.execute(comparison.plan.script())
        let after = try PgDump.text(url, privileges: true)
        #expect(after.contains("GRANT SELECT ON TABLE public.active_assets TO pt_service;"))
        #expect(after.contains("GRANT SELECT ON TABLE public.active_assets TO pt_editor;"))
        #expect(try TestDatabase.remaining(url, .declaration(second)).isEmpty)
    }

    @Test("a grant to a role the target's cluster lacks is named before anything runs")
    func missingRole() throws {
        let declared = try Database("privileges") {
            Table("t") { Column("id", .integer).primaryKey() }
            Grant(.select, on: .table("t"), to: "pt_nobody_has_this_role")
        }.validated()
        let (url, _) = try TestDatabase.fresh()
        #expect {
            try TestDatabase.compare(.database(url: url), .declaration(declared))
        } throws: { error in
            "\(error)".contains("pt_nobody_has_this_role") && "\(error)".contains("roles belong to the cluster")
        }
    }

    @Test("grants on what is not declared, or privileges the object lacks, are errors at their line")
    func validation() {
        let (db, line) = (Database("x") {
            Table("t") { Column("id", .integer) }
            Function("f", Arg("n", .integer), returns: .type(.integer), language: .sql, body: "SELECT n")
            Grant(.select, on: .table("u"), to: "r"); Grant(.execute, on: .table("t"), to: "r"); Grant(.update("nope"), on: .table("t"), to: "r"); Grant(.execute, on: .function("f", "bigint"), to: "r")
        }, #line - 1)
        let errors = db.model.validate()
        for fragment in ["no table or view public.u is declared", "has no privilege EXECUTE", "column \"nope\" is not declared",
                         "public.f is declared with argument types (integer)"] {
            let match = errors.first { $0.message.contains(fragment) }
            #expect(match?.location?.line == line, "\(fragment) not at line \(line): \(errors)")
        }
    }
}
