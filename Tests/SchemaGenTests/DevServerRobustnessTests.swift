import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The embedded dev server and schemagen's cache directory as several `schemagen` processes use
/// them: at once, killed while starting, and with the cache deleted between runs.
@Suite("The dev server and its cache under concurrent, killed and uncached commands")
struct DevServerRobustnessTests {
    static func start(_ arguments: [String], cache: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MigrateProcessTests.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache
        environment["DATABASE_URL"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// The cluster directories the processes `pids` own now.
    static func clusters(of pids: Set<Int32>) -> Set<String> {
        var found = Set<String>()
        for base in ["/dev/shm", "/tmp"] {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where entry.hasPrefix("sgpg-") {
                let dir = base + "/" + entry
                guard let text = try? String(contentsOfFile: dir + "/owner.pid", encoding: .utf8),
                      let owner = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pids.contains(owner) else { continue }
                found.insert(dir)
            }
        }
        return found
    }

    /// Whether a running process names `directory` on its command line (a server left behind).
    static func running(in directory: String) -> Bool {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            if String(decoding: data, as: UTF8.self).contains(directory) { return true }
        }
        return false
    }

    @Test("two at once on an empty cache, one killed while starting, one after the cache is deleted: the same answer, nothing left")
    func concurrentKilledAndUncached() throws {
        try #require(FileManager.default.isExecutableFile(atPath: MigrateProcessTests.binary), "run `swift build` first")
        let cache = NSTemporaryDirectory() + "schemagen-cache-\(UUID().uuidString)"
        let arguments = ["diff", "--schema", "compute_pools"]
        var pids = Set<Int32>()
        var seen = Set<String>()
        func finish(_ run: (Process, Pipe)) -> (Int32, String) {
            while run.0.isRunning {
                seen.formUnion(Self.clusters(of: pids))
                usleep(20_000)
            }
            let text = String(decoding: run.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (run.0.terminationStatus, text)
        }

        let both = try (0..<2).map { _ in try Self.start(arguments, cache: cache) }
        pids.formUnion(both.map(\.0.processIdentifier))
        let answers = both.map(finish)
        #expect(answers.allSatisfy { $0.0 == 0 }, "\(answers)")
        let expected = answers[0].1
        #expect(expected.contains("+ create table public.compute_pools"))
        #expect(answers[1].1 == expected)

        // Killed while its server starts (cold: the normalised declaration is cached, the server is not).
        for delay: useconds_t in [50_000, 300_000] {
            let killed = try Self.start(arguments, cache: cache)
            pids.insert(killed.0.processIdentifier)
            usleep(delay)
            seen.formUnion(Self.clusters(of: pids))
            kill(killed.0.processIdentifier, SIGKILL)
            killed.0.waitUntilExit()
        }
        let after = try Self.start(["diff", "--schema", "compute_pools", "--format", "json"], cache: cache)
        pids.insert(after.0.processIdentifier)
        let (status, json) = finish(after)
        #expect(status == 0 && json.contains("\"kind\" : \"createTable\""))

        try FileManager.default.removeItem(atPath: cache)
        let uncached = try Self.start(arguments, cache: cache)
        pids.insert(uncached.0.processIdentifier)
        #expect(finish(uncached) == (0, expected))

        // Every cluster these processes made is gone, and its server with it.
        var left = Set<String>()
        for _ in 0..<100 {
            left = seen.filter { FileManager.default.fileExists(atPath: $0) || Self.running(in: $0) }
            if left.isEmpty { break }
            usleep(50_000)
        }
        #expect(!seen.isEmpty)
        #expect(left.isEmpty, "left behind: \(left.sorted())")
        try? FileManager.default.removeItem(atPath: cache)
    }
}
