import ArgumentParser

/// `schemagen`: schema-as-code for PostgreSQL.
public struct SchemaGenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schemagen",
        abstract: "Schema-as-code for PostgreSQL: declare in Swift, create, diff and migrate.",
        subcommands: [ListCommand.self, CreateCommand.self]
    )

    public init() {}
}
