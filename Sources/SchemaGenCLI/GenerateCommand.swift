import ArgumentParser
import SwiftGenerator
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
    @Option(help: "The models directory (default: Generated/Models at the package root).")
    var output: String?
    @Flag(help: "Write nothing; exit 1 when the models in the directory are not what would be written (for CI).")
    var check = false

    func run() throws {
        try reportingErrors {
            let declared = try schema.database().validated()
            let server = dev.server()
            defer { server.stop() }
            let files = try generatedModels(declared, server: server)
            let output = self.output ?? defaultModelsDirectory()
            if check {
                try checkModels(files, in: output)
                print("\(output): the models of \(declared.name) are up to date")
                return
            }
            for path in try writeModels(files, to: output) { print(path.hasPrefix("removed") ? path : "wrote \(path)") }
        }
    }
}

/// `--check`: throws exit status 1, naming each file, when the models on disk are stale.
func checkModels(_ files: [GeneratedFile], in directory: String) throws {
    let (write, remove) = try staleModels(files, in: directory)
    guard !write.isEmpty || !remove.isEmpty else { return }
    printError("the generated models in \(directory) are stale; run schemagen generate:\n"
               + (write.map { "  would write \(directory)/\($0.path)" } + remove.map { "  would remove \($0)" })
                   .joined(separator: "\n"))
    throw ExitCode(1)
}
