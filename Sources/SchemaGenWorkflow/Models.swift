import Catalog
import Foundation
import SchemaModel
import SwiftGenerator

/// The Swift files for a declaration. View columns are worked out by the server.
public func generatedModels(_ declared: DatabaseModel, server: DevServer) throws -> [GeneratedFile] {
    try SwiftModels(model: declared, viewColumns: declared.views.isEmpty ? [:] : server.dev().viewColumns(of: declared))
        .files()
}

/// What writing `files` under `directory` would change: files to write (new or different) and
/// Swift files in their namespace folders that were not generated now, to remove.
public func staleModels(_ files: [GeneratedFile], in directory: String) throws -> (write: [GeneratedFile], remove: [String]) {
    let manager = FileManager.default
    let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent })
    let wanted = Set(files.map { directory + "/" + $0.path })
    var remove: [String] = []
    for folder in folders.sorted() {
        let path = directory + "/" + folder
        for name in (try? manager.contentsOfDirectory(atPath: path))?.sorted() ?? [] where name.hasSuffix(".swift") {
            if !wanted.contains(path + "/" + name) { remove.append(path + "/" + name) }
        }
    }
    let write = files.filter { manager.contents(atPath: directory + "/" + $0.path) != Data($0.contents.utf8) }
    return (write, remove)
}

/// Writes `files` under `directory`, replacing the namespace folders they belong to: Swift files
/// there that were not generated now are removed. Returns the paths written or removed.
public func writeModels(_ files: [GeneratedFile], to directory: String) throws -> [String] {
    let manager = FileManager.default
    let (write, remove) = try staleModels(files, in: directory)
    for path in remove { try manager.removeItem(atPath: path) }
    for file in write {
        let path = directory + "/" + file.path
        try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
    }
    return remove.map { "removed " + $0 } + write.map { directory + "/" + $0.path }
}
