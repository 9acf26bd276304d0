import ArgumentParser

/// `schemagen`: schema-as-code for PostgreSQL.
public struct SchemaGenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Schema-as-code for PostgreSQL: declare in Swift, diff, and emit migrations.",
        subcommands: [
            ListCommand.self, CreateCommand.self, DiffCommand.self, EmitCommand.self, GenerateCommand.self,
            MigrateCommand.self, StatusCommand.self, RollbackCommand.self, NewCommand.self, HashCommand.self,
            RepairCommand.self, EmbedCommand.self, PullCommand.self, ImportCommand.self,
        ]
    )

    public init() {}
}
