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
/// so that starting a cluster copies it (a fraction of a second) instead of running `initdb`
/// (about a second). Made once, in a staging directory renamed into place when complete, so a
/// concurrent start never sees half of one; a staging directory whose maker died is removed.
/// Any failure (no cache directory, a full disk) falls back to `initdb`.
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
        #if canImport(Glibc)
        let modified = info.st_mtim.tv_sec
        #else
        let modified = info.st_mtimespec.tv_sec
        #endif
        let name = bin.map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return root + "/" + String(name) + "-\(info.st_size)-\(modified)"
    }

    /// Fills `data` (which must not exist) with an initialised cluster: a copy of the template,
    /// made first if there is none. False when that did not work; `data` is then absent.
    func copy(for bin: String, to data: String, runAs prefix: [String], owner: (uid: uid_t, gid: gid_t)?) -> Bool {
        guard let template = template(for: bin) else { return false }
        if !isComplete(template) && !make(template, bin: bin, runAs: prefix, owner: owner) { return false }
        // As root, `cp -a` keeps the server user's ownership; otherwise everything is the user's.
        let copied = (try? waitForExit(spawn(["/bin/cp", "-a", template + "/data", data], stdin: nil, log: "/dev/null"))) == 0
        if !copied { removeTree(data) }
        return copied
    }

    private func isComplete(_ template: String) -> Bool { access(template + "/complete", F_OK) == 0 }

    /// Runs initdb where the server user can write (under /tmp: the cache may be in a home
    /// directory the server user cannot enter), copies the result into a staging directory of
    /// the cache and renames that to `template`. Another process that got there first wins.
    /// What is left of a process killed meanwhile is removed by the next start (under /tmp, as a
    /// stale cluster; in the cache, as abandoned staging).
    private func make(_ template: String, bin: String, runAs prefix: [String], owner: (uid: uid_t, gid: gid_t)?) -> Bool {
        removeAbandonedStaging()
        guard (try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)) != nil,
              let scratch = try? ownedDirectory(EmbeddedPostgres.directoryPrefix + "template-XXXXXX", user: owner) else {
            return false
        }
        defer { removeTree(scratch) }
        let initdb = try? spawn(initdbCommand(bin, data: scratch + "/data", as: prefix), stdin: nil, log: "/dev/null")
        guard let initdb, waitForExit(initdb) == 0, let staging = try? ownedDirectory(root + "/staging-XXXXXX", user: nil) else {
            return false
        }
        defer { removeTree(staging) }
        guard (try? waitForExit(spawn(["/bin/cp", "-a", scratch + "/data", staging + "/data"], stdin: nil, log: "/dev/null"))) == 0,
              (try? writeFile(staging + "/complete", "")) != nil else { return false }
        unlink(staging + "/owner.pid")
        if rename(staging, template) == 0 { return true }
        return isComplete(template)  // another start made it meanwhile
    }

    /// Staging directories whose process is gone.
    private func removeAbandonedStaging() {
        for entry in listDirectory(root) where entry.hasPrefix("staging-") && ownerIsGone(root + "/" + entry) {
            removeTree(root + "/" + entry)
        }
    }
}
