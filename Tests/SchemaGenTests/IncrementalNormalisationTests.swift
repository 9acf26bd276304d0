import Catalog
import Foundation
import SchemaDSL
@testable import SchemaGenWorkflow
import SchemaModel
import Schemas
import Testing

/// A changed declaration is printed again only where it changed, and the result is what
/// realising the whole changed declaration gives, dependencies included.
@Suite("Normalising only what changed")
struct IncrementalNormalisationTests {
    enum Edit: CaseIterable {
        case none, newColumn, changedCheck, changedDefault, partialIndex, newTableWithKey, droppedTable,
             newView, changedView, parentColumn, partitionedColumn, referencedKey, changedEnum
    }

    static func declaration(_ edit: Edit) -> DatabaseModel {
        Database("incremental") {
            Enum("state", edit == .changedEnum ? ["draft", "open", "held", "closed"] : ["draft", "open", "closed"])
            Function("touch", returns: .trigger, body: "BEGIN NEW.updated_at := now(); RETURN NEW; END")
            Table("accounts") {
                Column("id", .bigint).identity().primaryKey()
                Column("email", .text).notNull()
                if edit == .referencedKey { Unique("email") }
                Column("balance_wei", .numeric(78, 0)).notNull().default(edit == .changedDefault ? "1" : "0")
                    .check(edit == .changedCheck ? "balance_wei BETWEEN 0 AND 10^30" : "balance_wei >= 0")
                if edit == .newColumn { Column("nickname", .varchar(40)).default("'anon'").check("length(nickname) > 2") }
                Column("updated_at", .timestamptz).notNull().default("now()")
                Index("accounts_email_idx", on: .expression("lower(email)")).unique()
                Trigger("accounts_touch", .before, .update, execute: "touch")
            }
            Table("transfers") {
                Column("id", .uuid).primaryKey().default("gen_random_uuid()")
                Column("account_id", .bigint).notNull().references("accounts")
                Column("amount", .numeric(20, 8)).notNull().check("amount > 0")
                Column("state", .type("state")).notNull().default("'draft'")
                Index("transfers_open_idx", on: "account_id")
                    .where(edit == .partialIndex ? "state IN ('draft', 'open')" : "state = 'open'")
            }
            Table("notes") {
                Column("id", .integer).serial().primaryKey()
                Column("body", .text).notNull()
            }
            if edit != .droppedTable {
                Table("audit") {
                    Column("at", .timestamptz).notNull().default("now()")
                    Column("what", .text)
                }
            }
            Table("animals") {
                Column("id", .integer).primaryKey()
                Column("name", .text).notNull()
                if edit == .parentColumn { Column("legs", .smallint).default("4") }
            }
            Table("dogs") {
                Column("breed", .text)
            }.inherits("animals")
            Table("events") {
                Column("id", .bigint).notNull()
                Column("created_at", .timestamptz).notNull()
                if edit == .partitionedColumn { Column("source", .text).default("'api'") }
                PrimaryKey("id", "created_at")
            }.partitioned(by: .range, "created_at")
            Partition("events_2026", of: "events", values: "FROM ('2026-01-01') TO ('2027-01-01')")
            View("open_transfers", edit == .changedView
                 ? "SELECT t.id, t.amount, a.email FROM transfers t JOIN accounts a ON a.id = t.account_id WHERE t.state <> 'closed'"
                 : "SELECT t.id, t.amount, a.email FROM transfers t JOIN accounts a ON a.id = t.account_id WHERE t.state = 'open'")
            View("big_open_transfers", "SELECT id, amount FROM open_transfers WHERE amount > 1000")
            if edit == .newTableWithKey {
                Table("refunds") {
                    Column("id", .bigint).identity().primaryKey()
                    Column("transfer_id", .uuid).notNull().references("transfers", onDelete: .cascade)
                    Column("reason", .text).check("reason <> ''")
                }
            }
            if edit == .newView { View("rich_accounts", "SELECT id, email FROM accounts WHERE balance_wei > 10^18") }
        }.model
    }

    /// Tables and views printed again for each edit: the changed one and what depends on it
    /// (a foreign key to a table whose keys stay as they were prints the same).
    static let expected: [Edit: (tables: Set<String>, views: Set<String>)] = [
        .none: ([], []),
        .newColumn: (["accounts"], ["open_transfers", "big_open_transfers"]),
        .changedCheck: (["accounts"], ["open_transfers", "big_open_transfers"]),
        .changedDefault: (["accounts"], ["open_transfers", "big_open_transfers"]),
        .partialIndex: (["transfers"], ["open_transfers", "big_open_transfers"]),
        .newTableWithKey: (["refunds"], []),
        .droppedTable: ([], []),
        .newView: ([], ["rich_accounts"]),
        .changedView: ([], ["open_transfers", "big_open_transfers"]),
        .parentColumn: (["animals", "dogs"], []),
        .partitionedColumn: (["events", "events_2026"], []),
        .referencedKey: (["accounts", "transfers"], ["open_transfers", "big_open_transfers"]),
    ]

    struct NoServer: Error {}

    /// `changed` normalised after `previous` with no dev database to use: nil when it needed one.
    static func withoutServer(_ changed: DatabaseModel, after previous: NormalisedDeclaration) -> DatabaseModel? {
        try? DevDatabase.normalise(declared: changed, after: previous, on: { throw NoServer() }).model
    }

    @Test("each edit prints again only what it touches, and gives what realising the whole gives", arguments: Edit.allCases)
    func onlyWhatChanged(_ edit: Edit) throws {
        let dev = try TestDatabase.dev()
        let base = try Self.declaration(.none).validated()
        let previous = NormalisedDeclaration(declared: base, normalised: try dev.normalise(declared: base))
        let changed = try Self.declaration(edit).validated()
        let incremental = try dev.normalise(declared: changed, after: previous)
        let whole = try dev.realiseAfresh(changed)
        #expect(incremental.model.canonical() == whole.canonical())
        #expect(incremental.model.dependencies == whole.dependencies)
        #expect(incremental.model.tables.map(\.name) == whole.tables.map(\.name), "declaration order kept")
        let withoutServer = Self.withoutServer(changed, after: previous)
        if let (tables, views) = Self.expected[edit] {
            #expect(incremental.realisedTables == tables.count && incremental.realisedViews == views.count,
                    "\(incremental.realisedTables) tables, \(incremental.realisedViews) views")
            // Nothing to print again: no server needed, and the same result.
            #expect((withoutServer != nil) == (tables.isEmpty && views.isEmpty))
            if let withoutServer {
                #expect(withoutServer.canonical() == whole.canonical() && withoutServer.dependencies == whole.dependencies)
            }
        } else {
            // A type changed: everything is printed again.
            #expect(incremental.realisedTables == changed.tables.count && incremental.realisedViews == changed.views.count)
        }
    }

    @Test("in each seed, a check added to any one table gives what realising the whole gives, printing less than the whole",
          arguments: declaredSchemas.map(\.model.name))
    func seedEdits(_ name: String) throws {
        let dev = try TestDatabase.dev()
        let seed = try #require(declaredSchemas.first { $0.model.name == name }).validated()
        let previous = NormalisedDeclaration(declared: seed, normalised: try dev.normalise(declared: seed))
        var printed = 0
        for t in seed.tables.indices where seed.tables[t].partitionOf == nil {
            var changed = seed
            changed.tables[t].constraints.append(Constraint(name: "incremental_extra_check", kind: .check(expression: "1 = 1")))
            let incremental = try dev.normalise(declared: changed, after: previous)
            let whole = try dev.realiseAfresh(changed)
            #expect(incremental.model.canonical() == whole.canonical(), "\(seed.tables[t].name)")
            #expect(incremental.model.dependencies == whole.dependencies, "\(seed.tables[t].name)")
            printed += incremental.realisedTables
        }
        let edited = seed.tables.filter { $0.partitionOf == nil }.count
        #expect(printed < edited * seed.tables.count / 2, "\(printed) tables printed for \(edited) edits of \(seed.tables.count)")
    }

    @Test("a declaration whose source lines moved is normalised without a server, as it was")
    func linesMoved() throws {
        let dev = try TestDatabase.dev()
        let base = try Self.declaration(.none).validated()
        let previous = NormalisedDeclaration(declared: base, normalised: try dev.normalise(declared: base))
        var moved = base
        for t in moved.tables.indices {
            moved.tables[t].location = SourceLocation(file: "Schema/Moved.swift", line: 100 + t)
            for c in moved.tables[t].columns.indices { moved.tables[t].columns[c].location = nil }
        }
        #expect(moved != base)
        let result = try #require(Self.withoutServer(moved, after: previous))
        #expect(result == previous.normalised.ordered(like: moved))
    }

    @Test("a mistake in the changed part is named at its line, as when the whole is realised")
    func mistakeNamed() throws {
        let dev = try TestDatabase.dev()
        let base = try Self.declaration(.none).validated()
        let previous = NormalisedDeclaration(declared: base, normalised: try dev.normalise(declared: base))
        var broken = base
        let t = try #require(broken.tables.firstIndex { $0.name.name == "transfers" })
        broken.tables[t].constraints.append(Constraint(name: "bad", kind: .check(expression: "amout > 0")))
        #expect {
            try dev.normalise(declared: broken, after: previous)
        } throws: { error in
            "\(error)".contains(#"column "amout" does not exist"#) && "\(error)".contains("transfers")
        }
    }
}

extension DevDatabase {
    /// The declaration normalised with nothing remembered: a copy that differs in name only
    /// misses the in-memory cache, and the name is put back.
    func realiseAfresh(_ model: DatabaseModel) throws -> DatabaseModel {
        var renamed = model
        renamed.name += "_whole"
        var result = try normalise(declared: renamed)
        result.name = model.name
        return result
    }
}

/// The cache a changed declaration starts from: the latest entry of each declaration's name,
/// exact entries found by their bytes, and nothing left pointing at an entry pruned away.
@Suite("The normalisation cache's entries and latest-entry pointers")
struct NormalisationCacheTests {
    @Test("latest of a name is the last stored; a lookup needs the same declaration; pruning keeps 64 entries and no dangling pointer")
    func latestAndPruning() throws {
        let directory = NSTemporaryDirectory() + "schemagen-normalised-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = NormalisationCache(directory: directory)
        func model(_ name: String, tables: Int) -> DatabaseModel {
            DatabaseModel(name: name, tables: (0..<tables).map { Table(name: QualifiedName(schema: "public", "t\($0)")) })
        }
        let first = model("shop", tables: 1), second = model("shop", tables: 2)
        let firstKey = try #require(cache.key(for: first, server: "s"))
        cache.store(firstKey, normalised: first)
        cache.store(try #require(cache.key(for: second, server: "s")), normalised: second)
        let latest = cache.latest(named: "shop", server: "s")
        #expect(latest?.previous()?.declared == second)
        #expect(latest?.normalised == second)
        #expect(cache.lookup(try #require(cache.key(for: second, server: "s")), latest: latest) == second)
        #expect(cache.lookup(firstKey, latest: latest) == first, "another entry of the name, read from its own file")
        #expect(cache.latest(named: "shop", server: "other") == nil)
        #expect(cache.lookup(firstKey) == first)
        #expect(cache.lookup(try #require(cache.key(for: model("shop", tables: 3), server: "s"))) == nil)

        for i in 0..<NormalisationCache.capacity {
            cache.store(try #require(cache.key(for: model("other\(i)", tables: 1), server: "s")), normalised: first)
            usleep(2_000)  // distinct modification times, so the oldest go first
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(names.filter { $0.hasSuffix(".entry") }.count == NormalisationCache.capacity)
        #expect(cache.latest(named: "shop", server: "s") == nil, "both shop entries were the oldest")
        #expect(names.filter { $0.hasSuffix(".latest") }.count == NormalisationCache.capacity, "\(names.count) files")
        #expect(cache.latest(named: "other\(NormalisationCache.capacity - 1)", server: "s") != nil)
    }
}
