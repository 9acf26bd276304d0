import ArgumentParser
import SchemaGenWorkflow

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the Swift row structs and enums of a declared schema.",
        discussion: """
            Writes <output>/<Namespace>/<Type>.swift: one struct per table and view, one enum per \
            PostgreSQL enum, and removes files of types that are gone. View columns are read from \
            the declaration created in a throwaway database.
            """
    )

    @OptionGroup var schema: SchemaOptions
    @OptionGroup var dev: DevOptions
    @Option(help: "The models directory (default: Generated/Models).")
    var output = "Generated/Models"

    func run() throws {
        try reportingErrors {
            let declared = try schema.database().validated()
            let server = dev.server()
            defer { server.stop() }
            let files = try generatedModels(declared, server: server)
            for path in try writeModels(files, to: output) { print(path.hasPrefix("removed") ? path : "wrote \(path)") }
        }
    }
}
