import Dispatch
import Synchronization

/// `body(0) … body(count - 1)` on as many threads as there are cores, results in order; the
/// first error (by index) is thrown once all have finished. For work that waits on the server,
/// such as reading two databases.
public func concurrently<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let result = Result { try body(i) }
        results.withLock { $0[i] = result }
    }
    let all = results.withLock { $0 }
    return try (0..<count).map { try all[$0]!.get() }
}
