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
/// so that starting a cluster copies it (about 30 ms) instead of running `initdb` (0.4–0.9 s).
/// The first start runs `initdb` and keeps a copy of what it made, in a staging directory
/// renamed into place when complete, so a concurrent start never sees half of one; a staging
/// directory whose maker died is removed. Any failure (no cache directory, a full disk) falls
/// back to `initdb`.
struct TemplateCache {
    /// `<cache>/schemagen/postgres-templates`.
    let root: String

    /// In schemagen's cache directory; nil when there is none.
    static func `default`() -> TemplateCache? {
        schemagenCacheDirectory().map { TemplateCache(root: $0 + "/postgres-templates") }
    }

    /// What `initdbCommand` makes, named: a change of it (1 MB WAL segments since 2) makes new templates.
    static let layout = 2

    /// The template for the server at `bin/postgres`: named by its install directory, size and
    /// modification time, so an upgraded server gets a new one.
    func template(for bin: String) -> String? {
        var info = stat()
        guard stat(bin + "/postgres", &info) == 0 else { return nil }
        return root + "/" + installName(bin) + "-\(info.st_size)-\(modificationSeconds(info))-\(Self.layout)"
    }

    /// The install directory as the start of its templates' names (no `-` in it).
    private func installName(_ bin: String) -> String { String(bin.map { $0.isLetter || $0.isNumber ? $0 : "_" }) }

    /// Fills `data` (which must not exist) with a copy of the template, when there is one.
    /// False when that did not work; `data` is then absent.
    func copy(for bin: String, to data: String) -> Bool {
        guard let template = template(for: bin), isComplete(template) else { return false }
        let copied = copyTree(template + "/data", to: data)
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
        guard copyTree(data, to: staging + "/data"),
              (try? writeFile(staging + "/complete", "")) != nil else { return }
        unlink(staging + "/owner.pid")
        guard rename(staging, template) == 0 else { return }
        // The same install's templates of an earlier build or layout are not used again.
        let current = (template as NSString).lastPathComponent
        for entry in listDirectory(root) where entry != current && entry.hasPrefix(installName(bin) + "-") {
            removeTree(root + "/" + entry)
        }
    }

    /// Staging directories whose process is gone.
    private func removeAbandonedStaging() {
        for entry in listDirectory(root) where entry.hasPrefix("staging-") && ownerIsGone(root + "/" + entry) {
            removeTree(root + "/" + entry)
        }
    }
}

/// Copies the directory tree `source` to `destination` (which must not exist), keeping modes
/// and, when run as root, owners: a data directory is about 900 files, and doing it here takes
/// a third of the time `cp -a` takes (it also copies timestamps and extended attributes, and
/// `copy_file_range` fails between filesystems). False on any failure, leaving what was made.
func copyTree(_ source: String, to destination: String) -> Bool {
    let asRoot = geteuid() == 0
    func copy(_ from: String, _ to: String) -> Bool {
        let input = open(from, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard input >= 0 else { return false }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { return false }
        let mode = mode_t(info.st_mode) & 0o7777
        if info.st_mode & S_IFMT == S_IFDIR {
            // chmod as well: the server refuses a data directory a umask left group-writable.
            guard mkdir(to, mode) == 0, chmod(to, mode) == 0, !asRoot || chown(to, info.st_uid, info.st_gid) == 0,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: from) else { return false }
            return names.allSatisfy { copy(from + "/" + $0, to + "/" + $0) }
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return false }
        let output = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard output >= 0 else { return false }
        defer { close(output) }
        if asRoot && fchown(output, info.st_uid, info.st_gid) != 0 { return false }
        return copyContents(input, output, size: Int(info.st_size))
    }
    return copy(source, destination)
}

/// Copies `size` bytes from one open file to another.
private func copyContents(_ input: Int32, _ output: Int32, size: Int) -> Bool {
    var left = size
    #if canImport(Glibc)
    while left > 0 {
        let n = sendfile(output, input, nil, left)
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        left -= n
    }
    #else
    var buffer = [UInt8](repeating: 0, count: 1 << 17)
    while left > 0 {
        let n = read(input, &buffer, buffer.count)
        guard n > 0, write(output, buffer, n) == n else { return false }
        left -= n
    }
    #endif
    return true
}
