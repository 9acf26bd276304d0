import Catalog
import CompactCoding
import EmbeddedPostgres
import Foundation
import SchemaModel

/// Declarations in the form the dev server printed them, kept between runs in the user's cache
/// directory, so that diffing an unchanged declaration starts no server and creates nothing,
/// and a changed one is printed again only where it changed.
/// An entry is found by a hash of the declaration, the server's identity (its installation or
/// version) and this program's build; it holds the whole declaration, compared in full before
/// its printed form is used, so a hash collision cannot give another declaration's form.
struct NormalisationCache {
    let directory: String

    /// In schemagen's cache directory (`~/.cache/schemagen/normalised`).
    static let shared = schemagenCacheDirectory().map { NormalisationCache(directory: $0 + "/normalised") }

    /// Entries kept; the oldest beyond go.
    static let capacity = 64

    /// A declaration as the cache knows it: its encoding (the same declaration always encodes
    /// alike) and the file of its entry on one server.
    struct Key {
        let name: String
        let server: String
        let encoded: [UInt8]
        let file: String
    }

    func key(for declared: DatabaseModel, server: String) -> Key? {
        guard let encoded = try? CompactEncoder().encode(declared) else { return nil }
        var hash = fnv1a(encoded)
        hash = fnv1a(Array((server + "\n" + Self.build).utf8), seed: hash)
        return Key(name: declared.name, server: server, encoded: encoded,
                   file: directory + "/" + String(hash, radix: 16) + Self.entrySuffix)
    }

    // An entry's file is the length of the declaration's encoding (8 bytes, little-endian),
    // that encoding, then its printed form's (see `CompactEncoder`), so a lookup compares bytes
    // and decodes the printed form alone.
    private static let entrySuffix = ".entry"

    /// The printed form stored for the declaration of `key`, if that is what its file holds:
    /// `latest`'s, already decoded, when it is that entry.
    func lookup(_ key: Key, latest: LatestEntry? = nil) -> DatabaseModel? {
        if let latest, latest.file == key.file { return latest.declared.elementsEqual(key.encoded) ? latest.normalised : nil }
        guard let (declared, normalised) = parts(of: key.file), declared.elementsEqual(key.encoded) else { return nil }
        return try? CompactDecoder().decode(DatabaseModel.self, from: normalised)
    }

    /// Writes the entry to a temporary file renamed into place, so a reader never sees half,
    /// and makes it the latest of its declaration's name.
    func store(_ key: Key, normalised: DatabaseModel) {
        let manager = FileManager.default
        guard (try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
              let printed = try? CompactEncoder().encode(normalised) else { return }
        let length = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(key.encoded.count) >> (8 * $0)) }
        guard write(Data(length + key.encoded + printed), to: key.file) else { return }
        _ = write(Data((key.file as NSString).lastPathComponent.utf8), to: latestFile(named: key.name, server: key.server))
        prune()
    }

    /// The entry stored last for a declaration named `name` on `server`, whatever it declared,
    /// its printed form decoded: what an unchanged declaration finds (it is usually the one a
    /// lookup would read), and what a changed one is normalised after.
    func latest(named name: String, server: String) -> LatestEntry? {
        guard let entryName = try? String(contentsOfFile: latestFile(named: name, server: server), encoding: .utf8),
              !entryName.contains("/"), let (declared, normalised) = parts(of: directory + "/" + entryName),
              let normalisedModel = try? CompactDecoder().decode(DatabaseModel.self, from: normalised) else { return nil }
        return LatestEntry(file: directory + "/" + entryName, declared: declared, normalised: normalisedModel)
    }

    struct LatestEntry {
        let file: String
        /// The declaration's encoding, as a key holds it.
        let declared: ArraySlice<UInt8>
        let normalised: DatabaseModel

        /// The declaration and what it printed as, for normalising another after it.
        func previous() -> NormalisedDeclaration? {
            guard let model = try? CompactDecoder().decode(DatabaseModel.self, from: declared) else { return nil }
            return NormalisedDeclaration(declared: model, normalised: normalised)
        }
    }

    private func parts(of file: String) -> (declared: ArraySlice<UInt8>, normalised: ArraySlice<UInt8>)? {
        guard let data = FileManager.default.contents(atPath: file), data.count >= 8 else { return nil }
        let bytes = [UInt8](data)
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard length <= UInt64(bytes.count - 8) else { return nil }
        let split = 8 + Int(length)
        return (bytes[8..<split], bytes[split...])
    }

    private func write(_ data: Data, to target: String) -> Bool {
        let temporary = target + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return false }
        if rename(temporary, target) == 0 { return true }
        try? FileManager.default.removeItem(atPath: temporary)
        return false
    }

    private func latestFile(named name: String, server: String) -> String {
        directory + "/" + String(fnv1a(Array((name + "\n" + server + "\n" + Self.build).utf8)), radix: 16) + ".latest"
    }

    /// Removes the oldest entries beyond `capacity`, and the latest-entry pointers (one per
    /// declaration name, server and build) whose entry is gone.
    private func prune() {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: directory)) ?? []
        // Entries of earlier builds, written as JSON, go as they age.
        let files = names.filter { $0.hasSuffix(Self.entrySuffix) || $0.hasSuffix(".json") }
        guard files.count > Self.capacity else { return }
        let dated = files.map { name -> (String, Date) in
            let path = directory + "/" + name
            return (path, ((try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(files.count - Self.capacity) {
            try? manager.removeItem(atPath: path)
        }
        for pointer in names where pointer.hasSuffix(".latest") {
            let path = directory + "/" + pointer
            guard let entry = try? String(contentsOfFile: path, encoding: .utf8),
                  manager.fileExists(atPath: directory + "/" + entry) else {
                try? manager.removeItem(atPath: path)
                continue
            }
        }
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
