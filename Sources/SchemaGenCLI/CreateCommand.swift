import ArgumentParser
import Catalog
import LibPQClient
import SQLRenderer
import SchemaGenWorkflow
import SchemaModel

struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Render a declared schema's CREATE script and apply it to a database.",
        discussion: """
            Without --database-url or $DATABASE_URL, the script is applied to an embedded throwaway \
            PostgreSQL cluster, which is removed afterwards. The script runs in one transaction: \
            if a statement fails, nothing is created. The declaration is first created in a throwaway \
            database, so the script is in PostgreSQL's own printed form and in the order its \
            dependencies need.
            """
    )

    @OptionGroup var schema: SchemaOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var dev: DevOptions

    @Flag(help: "Print the script on stdout instead of applying it.")
    var sql = false

    func run() throws {
        try reportingErrors {
            let model = try schema.database().validated()
            let server = dev.server()
            defer { server.stop() }
            let statements = try SQL.createStatements(for: server.dev().normalise(declared: model))
            if sql {
                print(statements.script, terminator: "")
                return
            }
            let (url, cluster) = try database.target()
            defer { cluster?.stop(waiting: !commandEndsProcess) }
            let connection = try Connection(url: url)
            try apply(statements, on: connection)
            let inventory = try Inventory.read(connection)
            print(summary(of: inventory, expected: model))
            if cluster != nil { print("(applied to an embedded database, removed on exit)") }
        }
    }
}


/// What the catalog holds for the model's objects, one line each.
func summary(of inventory: Inventory, expected model: DatabaseModel) -> String {
    var lines: [String] = []
    for ext in model.extensions where inventory.extensions.contains(ext.name) {
        lines.append("extension \(ext.name)")
    }
    for e in model.enums {
        if let labels = inventory.enums[e.name] { lines.append("enum \(e.name) (\(labels.count) labels)") }
    }
    for d in model.domains where inventory.domains.contains(d.name) { lines.append("domain \(d.name)") }
    for t in model.tables {
        guard let columns = inventory.tables[t.name] else { continue }
        var parts = ["\(columns.count) columns"]
        let counts = [("constraints", inventory.constraints[t.name]?.count ?? 0),
                      ("indexes", inventory.indexes[t.name]?.count ?? 0),
                      ("triggers", inventory.triggers[t.name]?.count ?? 0),
                      ("policies", inventory.policies[t.name]?.count ?? 0)]
        parts += counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
        let kind = t.partitioning != nil ? "partitioned table" : t.partitionOf != nil ? "partition" : "table"
        lines.append("\(kind) \(t.name): " + parts.joined(separator: ", "))
    }
    for v in model.views where inventory.views.contains(v.name) || inventory.materializedViews.contains(v.name) {
        lines.append("\(v.isMaterialized ? "materialized view" : "view") \(v.name)")
    }
    for f in model.functions where inventory.functions.contains(f.name) {
        lines.append("\(f.isProcedure ? "procedure" : "function") \(f.name)")
    }
    return "created in \(model.name):\n" + lines.map { "  " + $0 }.joined(separator: "\n")
}
