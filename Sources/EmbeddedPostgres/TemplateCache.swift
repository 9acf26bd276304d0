#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// schemagen's directory in the user's cache: `$XDG_CACHE_HOME/schemagen`, else
/// `~/.cache/schemagen`; nil when neither is known.
public func schemagenCacheDirectory() -> String? {
    let environment = ProcessInfo.processInfo.environment
    guard let base = environment["XDG_CACHE_HOME"].flatMap({ $0.isEmpty ? nil : $0 })
        ?? environment["HOME"].map({ $0 + "/.cache" }) else { return nil }
    return base + "/schemagen"
}

/// An initialised data directory per server installation, kept in the user's cache directory,
/// so that starting a cluster copies it (a twentieth of a second) instead of running `initdb`
/// (about 0.4 s). The first start runs `initdb` and keeps a copy of what it made, in a staging
/// directory renamed into place when complete, so a concurrent start never sees half of one;
/// a staging directory whose maker died is removed. Any failure (no cache directory, a full
/// disk) falls back to `initdb`.
struct TemplateCache {
    /// `<cache>/schemagen/postgres-templates`.
    let root: String

    /// In schemagen's cache directory; nil when there is none.
    static func `default`() -> TemplateCache? {
        schemagenCacheDirectory().map { TemplateCache(root: $0 + "/postgres-templates") }
    }

    /// The template for the server at `bin/postgres`: named by its install directory, size and
    /// modification time, so an upgraded server gets a new one.
    func template(for bin: String) -> String? {
        var info = stat()
        guard stat(bin + "/postgres", &info) == 0 else { return nil }
        let name = bin.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return root + "/" + String(name) + "-\(info.st_size)-\(modificationSeconds(info))"
    }

    /// Fills `data` (which must not exist) with a copy of the template, when there is one.
    /// False when that did not work; `data` is then absent.
    func copy(for bin: String, to data: String) -> Bool {
        guard let template = template(for: bin), isComplete(template) else { return false }
        // As root, `cp -a` keeps the server user's ownership; otherwise everything is the user's.
        let copied = (try? waitForExit(spawn(killedWithThisProcess(["/bin/cp", "-a", template + "/data", data]), stdin: nil, log: "/dev/null"))) == 0
        if !copied { removeTree(data) }
        return copied
    }

    private func isComplete(_ template: String) -> Bool { access(template + "/complete", F_OK) == 0 }

    /// Keeps a copy of `data`, just made by initdb and not yet used by a server, as the
    /// template: copied into a staging directory of the cache, renamed into place when
    /// complete. Another process that got there first wins; a failure keeps nothing. What is
    /// left of a process killed meanwhile is removed by the next start (abandoned staging).
    func keep(_ data: String, for bin: String) {
        guard let template = template(for: bin), !isComplete(template) else { return }
        removeAbandonedStaging()
        guard (try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)) != nil,
              let staging = try? ownedDirectory(root + "/staging-XXXXXX", user: nil) else { return }
        defer { removeTree(staging) }
        guard (try? waitForExit(spawn(killedWithThisProcess(["/bin/cp", "-a", data, staging + "/data"]), stdin: nil, log: "/dev/null"))) == 0,
              (try? writeFile(staging + "/complete", "")) != nil else { return }
        unlink(staging + "/owner.pid")
        _ = rename(staging, template)
    }

    /// Staging directories whose process is gone.
    private func removeAbandonedStaging() {
        for entry in listDirectory(root) where entry.hasPrefix("staging-") && ownerIsGone(root + "/" + entry) {
            removeTree(root + "/" + entry)
        }
    }
}
