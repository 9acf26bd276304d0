import Foundation
import Synchronization

/// `body(0) … body(count - 1)`, each on a thread of its own, results in order; the first error
/// (by index) is thrown once all have finished. For work that waits on the server, such as
/// reading two databases, or that keeps both cores busy, such as planning a migration and its
/// rollbacks: a thread each, so that calls nested in one another still overlap (a pool sized
/// to the cores would run an inner call's bodies one after another).
public func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let results = Mutex<[Int: Result<T, any Error>]>([:])
    let done = DispatchGroup()
    for i in 0..<count {
        done.enter()
        Thread {
            let result = Result { try body(i) }
            results.withLock { $0[i] = result }
            done.leave()
        }.start()
    }
    done.wait()
    let all = results.withLock { $0 }
    return try (0..<count).map { try all[$0]!.get() }
}

/// `a()` on this thread and `b()` on a thread of its own, at once; `a`'s error is thrown first.
public func concurrently<A, B: Sendable>(_ a: () throws -> A, _ b: @escaping @Sendable () throws -> B) throws -> (A, B) {
    let second = Started { Result { try b() } }
    let first = Result { try a() }
    return (try first.get(), try second.value.get())
}

/// `body`, run on a thread of its own from the start; `value` waits for it. For work that can
/// begin before the work beside it says whether its result is wanted.
public final class Started<T: Sendable>: @unchecked Sendable {
    /// Written once, before `done` is signalled; read only after it is.
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    public init(_ body: @escaping @Sendable () -> T) {
        Thread {
            self.result = body()
            self.done.signal()
        }.start()
    }

    public var value: T {
        done.wait()
        done.signal()
        return result!
    }
}
