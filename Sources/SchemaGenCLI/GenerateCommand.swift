import ArgumentParser
import Catalog
import Foundation
import SchemaModel
import SwiftGenerator

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
            let server = try dev.server()
            defer { server.cluster?.stop() }
            let files = try generatedModels(declared, dev: server.dev)
            for path in try writeModels(files, to: output) { print(path.hasPrefix("removed") ? path : "wrote \(path)") }
        }
    }
}

/// The Swift files for a declaration.
public func generatedModels(_ declared: DatabaseModel, dev: DevDatabase) throws -> [GeneratedFile] {
    try SwiftModels(model: declared, viewColumns: dev.viewColumns(of: declared)).files()
}

/// Writes `files` under `directory`, replacing the namespace folders they belong to: Swift files
/// there that were not generated now are removed. Returns the paths written or removed.
public func writeModels(_ files: [GeneratedFile], to directory: String) throws -> [String] {
    let manager = FileManager.default
    var changed: [String] = []
    let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent })
    let wanted = Set(files.map { directory + "/" + $0.path })
    for folder in folders {
        let path = directory + "/" + folder
        try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: path) where name.hasSuffix(".swift") {
            let file = path + "/" + name
            if !wanted.contains(file) {
                try manager.removeItem(atPath: file)
                changed.append("removed " + file)
            }
        }
    }
    for file in files {
        let path = directory + "/" + file.path
        let data = Data(file.contents.utf8)
        if manager.contents(atPath: path) != data {
            try data.write(to: URL(fileURLWithPath: path))
            changed.append(path)
        }
    }
    return changed
}
