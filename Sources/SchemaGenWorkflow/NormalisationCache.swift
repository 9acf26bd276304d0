import Catalog
import EmbeddedPostgres
import Foundation
import SchemaModel

/// Declarations in the form the dev server printed them, kept between runs in the user's cache
/// directory, so that diffing an unchanged declaration starts no server and creates nothing.
/// An entry is found by a hash of the declaration, the server's identity (its installation or
/// version) and this program's build; it holds the whole declaration, compared in full before
/// its printed form is used, so a hash collision cannot give another declaration's form.
struct NormalisationCache {
    let directory: String

    /// In schemagen's cache directory (`~/.cache/schemagen/normalised`).
    static let shared = schemagenCacheDirectory().map { NormalisationCache(directory: $0 + "/normalised") }

    /// Entries kept; the oldest beyond go.
    static let capacity = 64

    private struct Entry: Codable {
        var declared: DatabaseModel
        var normalised: DatabaseModel
    }

    /// The printed form stored at `file` for `declared`, if that is what the file holds.
    func lookup(_ declared: DatabaseModel, at file: String) -> DatabaseModel? {
        guard let data = FileManager.default.contents(atPath: file),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.declared == declared else { return nil }
        return entry.normalised
    }

    /// Writes the entry to a temporary file renamed into place, so a reader never sees half.
    func store(_ declared: DatabaseModel, _ normalised: DatabaseModel, at target: String, server: String) {
        let manager = FileManager.default
        guard (try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
              let data = try? JSONEncoder().encode(Entry(declared: declared, normalised: normalised)) else { return }
        let temporary = target + ".\(getpid()).tmp"
        guard manager.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, target) != 0 { try? manager.removeItem(atPath: temporary) }
        // The entry is the latest of its declaration's name, which a changed declaration starts from.
        let pointer = latestFile(named: declared.name, server: server)
        if manager.createFile(atPath: pointer + ".\(getpid()).tmp", contents: Data((target as NSString).lastPathComponent.utf8)),
           rename(pointer + ".\(getpid()).tmp", pointer) != 0 {
            try? manager.removeItem(atPath: pointer + ".\(getpid()).tmp")
        }
        prune()
    }

    /// The entry stored last for a declaration named `name` on `server`, whatever it declared:
    /// what a changed declaration is normalised after.
    func latest(named name: String, server: String) -> NormalisedDeclaration? {
        guard let entryName = try? String(contentsOfFile: latestFile(named: name, server: server), encoding: .utf8),
              !entryName.contains("/"),
              let data = FileManager.default.contents(atPath: directory + "/" + entryName),
              let entry = try? JSONDecoder().decode(Entry.self, from: data) else { return nil }
        return NormalisedDeclaration(declared: entry.declared, normalised: entry.normalised)
    }

    private func latestFile(named name: String, server: String) -> String {
        directory + "/" + String(fnv1a(Array((name + "\n" + server + "\n" + Self.build).utf8)), radix: 16) + ".latest"
    }

    private func prune() {
        let manager = FileManager.default
        let files = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }
        guard files.count > Self.capacity else { return }
        let dated = files.map { name -> (String, Date) in
            let path = directory + "/" + name
            return (path, ((try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(files.count - Self.capacity) {
            try? manager.removeItem(atPath: path)
        }
    }

    /// The file of `declared`'s entry on the server `server` (computed once: it encodes the model).
    func file(for declared: DatabaseModel, server: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var hash = fnv1a(Array(((try? encoder.encode(declared)) ?? Data())))
        hash = fnv1a(Array((server + "\n" + Self.build).utf8), seed: hash)
        return directory + "/" + String(hash, radix: 16) + ".json"
    }

    /// This executable's size and modification time: another build may print or read otherwise.
    static let build: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()
}

/// FNV-1a, 64 bits: a file name for an entry, not a guarantee (the entry is compared in full).
private func fnv1a(_ bytes: [UInt8], seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var hash = seed
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
}
