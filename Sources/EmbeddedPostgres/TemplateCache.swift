#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// An initialised data directory per server installation, kept in the user's cache directory,
/// so that starting a cluster copies it (a fraction of a second) instead of running `initdb`
/// (about a second). Made once, in a staging directory renamed into place when complete, so a
/// concurrent start never sees half of one; a staging directory whose maker died is removed.
/// Any failure (no cache directory, a full disk) falls back to `initdb`.
struct TemplateCache {
    /// `<cache>/schemagen/postgres-templates`.
    let root: String

    /// In `$XDG_CACHE_HOME`, else `~/.cache`; nil when neither is known.
    static func `default`() -> TemplateCache? {
        let environment = ProcessInfo.processInfo.environment
        guard let base = environment["XDG_CACHE_HOME"].flatMap({ $0.isEmpty ? nil : $0 })
            ?? environment["HOME"].map({ $0 + "/.cache" }) else { return nil }
        return TemplateCache(root: base + "/schemagen/postgres-templates")
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
              let scratch = ownedDirectory(EmbeddedPostgres.directoryPrefix + "template-XXXXXX", owner: owner) else {
            return false
        }
        defer { removeTree(scratch) }
        let initdb = try? spawn(
            prefix + [bin + "/initdb", "-D", scratch + "/data", "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                      "--no-locale", "--no-sync"],
            stdin: nil, log: "/dev/null")
        guard let initdb, waitForExit(initdb) == 0, let staging = ownedDirectory(root + "/staging-XXXXXX", owner: nil) else {
            return false
        }
        defer { removeTree(staging) }
        guard (try? waitForExit(spawn(["/bin/cp", "-a", scratch + "/data", staging + "/data"], stdin: nil, log: "/dev/null"))) == 0,
              (try? writeFile(staging + "/complete", "")) != nil else { return false }
        unlink(staging + "/owner.pid")
        if rename(staging, template) == 0 { return true }
        return isComplete(template)  // another start made it meanwhile
    }

    /// A new directory from a `mkdtemp` pattern, marked with this process as its owner and
    /// given to `owner` when there is one.
    private func ownedDirectory(_ pattern: String, owner: (uid: uid_t, gid: gid_t)?) -> String? {
        var chars = Array(pattern.utf8CString)
        guard mkdtemp(&chars) != nil else { return nil }
        let path = string(fromCString: chars)
        guard (try? writeFile(path + "/owner.pid", "\(getpid())\n")) != nil,
              owner.map({ chown(path, $0.uid, $0.gid) == 0 }) ?? true else {
            removeTree(path)
            return nil
        }
        return path
    }

    /// Staging directories whose process is gone.
    private func removeAbandonedStaging() {
        for entry in listDirectory(root) where entry.hasPrefix("staging-") {
            let staging = root + "/" + entry
            guard let owner = readFile(staging + "/owner.pid").flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
            else { continue }
            if kill(owner, 0) == 0 || errno == EPERM { continue }
            removeTree(staging)
        }
    }
}
