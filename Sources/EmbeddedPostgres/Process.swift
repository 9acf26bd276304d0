import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import CSpawn

/// Finds a directory holding both `initdb` and `postgres`.
func findBinaries(in directories: [String]? = nil) throws(EmbeddedPostgresError) -> String {
    func hasServer(_ dir: String) -> Bool { isExecutable(dir + "/initdb") && isExecutable(dir + "/postgres") }
    for dir in directories ?? [] where hasServer(dir) {
        return dir
    }
    if directories != nil { throw .binariesNotFound }
    var candidates: [String] = []
    if let path = getenv("PATH") {
        candidates += String(cString: path).split(separator: ":").map(String.init)
    }
    candidates += listDirectory("/usr/lib/postgresql")
        .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        .map { "/usr/lib/postgresql/\($0)/bin" }
    for dir in candidates where hasServer(dir) {
        return dir
    }
    // pg_config's directory last, and asked only when none above has them: it runs a shell and
    // a script, about 15 ms on every command that needs the server's identity.
    if let bindir = try? commandOutput(["/bin/sh", "-c", "pg_config --bindir 2>/dev/null"]) {
        let dir = bindir.trimmingCharacters(in: .whitespacesAndNewlines)
        if hasServer(dir) { return dir }
    }
    throw .binariesNotFound
}

/// The user the server must run as: nil when we are not root (we run it ourselves).
func serverUser() throws(EmbeddedPostgresError) -> (uid: uid_t, gid: gid_t)? {
    guard geteuid() == 0 else { return nil }
    guard let entry = getpwnam("postgres") else { throw .noPostgresUser }
    return (entry.pointee.pw_uid, entry.pointee.pw_gid)
}

/// Starts `arguments` with stdin from `stdin` (or /dev/null) and stdout+stderr appended to `log`;
/// the child inherits no other descriptor.
func spawn(_ arguments: [String], stdin: Int32?, log: String) throws(EmbeddedPostgresError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdin {
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Inherit nothing else: a long-lived server holding the caller's pipes would keep whoever
    // reads them (a test runner, a shell pipeline) waiting for end-of-file until it stops.
    cspawn_addclosefrom(&actions, 3)
    // Start from a clean signal state: a thread's blocked SIGCHLD would be inherited, and the
    // watchdog shell would then never see the server exit.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard result == 0 else {
        throw .system("cannot start \(arguments[0]): \(String(cString: strerror(result)))")
    }
    return pid
}

/// Waits for a child and returns its exit status (-1 if it died of a signal).
@discardableResult
func waitForExit(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        if errno != EINTR { return -1 }
    }
    // WIFEXITED / WEXITSTATUS, which Swift does not import as functions.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
}

/// Runs a command and returns what it printed.
func commandOutput(_ arguments: [String]) throws(EmbeddedPostgresError) -> String {
    var template = Array("/tmp/sgpg-out-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw .system("mkstemp: \(errnoText())") }
    close(fd)
    let path = string(fromCString: template)
    defer { unlink(path) }
    waitForExit(try spawn(arguments, stdin: nil, log: path))
    return readFile(path) ?? ""
}

/// Removes the clusters whose owning process is gone (it crashed before it could stop them),
/// and directories that never got an owner a minute after they were made (left by a copy that
/// outlived a killed process, before copies died with it).
func removeStaleClusters() {
    for base in EmbeddedPostgres.directoryBases {
        for entry in listDirectory(base) where entry.hasPrefix("sgpg-") {
            let dir = base + "/" + entry
            guard ownerIsGone(dir) || hasNoOwner(dir, olderThan: 60) else { continue }
            if let postmaster = readFile(dir + "/data/postmaster.pid")?.split(separator: "\n").first.flatMap({ Int32($0) }) {
                kill(postmaster, SIGQUIT)
            }
            removeTree(dir)
        }
    }
}

/// Whether `directory` has no `owner.pid` and was last changed more than `seconds` ago (a new
/// one is without it only between its creation and the next write).
func hasNoOwner(_ directory: String, olderThan seconds: Int) -> Bool {
    var info = stat()
    guard access(directory + "/owner.pid", F_OK) != 0, stat(directory, &info) == 0 else { return false }
    return time(nil) - modificationSeconds(info) > seconds
}

/// The modification time of what `info` describes, in whole seconds.
func modificationSeconds(_ info: stat) -> Int {
    #if canImport(Glibc)
    info.st_mtim.tv_sec
    #else
    info.st_mtimespec.tv_sec
    #endif
}

/// Whether the process named in `directory/owner.pid` has ended; false without such a file.
func ownerIsGone(_ directory: String) -> Bool {
    guard let owner = readFile(directory + "/owner.pid").flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    else { return false }
    return kill(owner, 0) != 0 && errno != EPERM
}

/// A new directory from a `mkdtemp` pattern, its `owner.pid` naming this process (so that a
/// later start can tell it was abandoned), given to `user` when there is one.
func ownedDirectory(_ pattern: String, user: (uid: uid_t, gid: gid_t)?) throws(EmbeddedPostgresError) -> String {
    var chars = Array(pattern.utf8CString)
    guard mkdtemp(&chars) != nil else { throw .system("cannot create \(pattern): \(errnoText())") }
    let path = string(fromCString: chars)
    do {
        try writeFile(path + "/owner.pid", "\(getpid())\n")
    } catch {
        removeTree(path)
        throw error
    }
    if let user, chown(path, user.uid, user.gid) != 0 {
        let reason = errnoText()
        removeTree(path)
        throw .system("cannot give \(path) to the postgres user: \(reason)")
    }
    return path
}

/// `initdb` of a throwaway cluster's data directory, run as `prefix` says.
func initdbCommand(_ bin: String, data: String, as prefix: [String]) -> [String] {
    killedWithThisProcess(prefix + [bin + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                                    "--no-locale", "--no-sync",
                                    // 1 MB WAL segments: a start copies one segment, not 16 MB.
                                    "--wal-segsize=1"])
}

/// `command` made to be killed when the thread that starts it ends (through `setpriv`, where
/// there is one): an initdb left running by a killed process would go on writing into
/// a directory already removed. Only for commands waited for on the thread that starts them.
func killedWithThisProcess(_ command: [String]) -> [String] {
    let setpriv = "/usr/bin/setpriv"
    guard isExecutable(setpriv) else { return command }
    // In the same setpriv that changes user: a change of user clears the signal.
    if command.first == setpriv { return [setpriv, "--pdeathsig", "KILL"] + command.dropFirst() }
    return [setpriv, "--pdeathsig", "KILL", "--"] + command
}

func removeTree(_ path: String) {
    _ = try? commandOutput(["/bin/rm", "-rf", path])
}

/// The names in a directory. Not by `readdir` by hand: copying a whole `dirent` reads past the
/// end of a short record and can fault.
func listDirectory(_ path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
}

func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

func writeFile(_ path: String, _ text: String) throws(EmbeddedPostgresError) {
    guard let file = fopen(path, "w") else { throw .system("cannot write \(path): \(errnoText())") }
    defer { fclose(file) }
    fputs(text, file)
}

/// The last lines of a log, for an error message.
func tail(of path: String, lines: Int = 20) -> String {
    let text = readFile(path) ?? "(no log at \(path))"
    return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
}

func errnoText() -> String { String(cString: strerror(errno)) }

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}


func string(fromCString chars: [CChar]) -> String {
    String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
