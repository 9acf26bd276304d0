import Catalog
import Foundation
import SchemaModel
import SwiftGenerator

/// The Swift files for a declaration. View columns are worked out by the server.
public func generatedModels(_ declared: DatabaseModel, server: DevServer) throws -> [GeneratedFile] {
    try SwiftModels(model: declared, viewColumns: declared.views.isEmpty ? [:] : server.dev().viewColumns(of: declared))
        .files()
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
