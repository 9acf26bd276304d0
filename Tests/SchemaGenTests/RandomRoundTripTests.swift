import Foundation
import PropertyBased
import SchemaModel
import Testing

/// 4 × 50 random pairs (A, B = A edited): up, compare, down, compare, each diff after empty.
/// Split in four so they run side by side.
@Suite("Random schema pairs")
struct RandomRoundTripTests {
    static let pairsPerTest = Int(ProcessInfo.processInfo.environment["SCHEMAGEN_RANDOM_PAIRS"] ?? "") ?? 50

    /// Pairs that once failed, as (input, shard): an index dropped online on a table whose
    /// column the same migration renamed.
    @Test(arguments: [(659_372_938, 2)])
    func earlierFailures(input: Int, shard: Int) throws {
        var schema = RandomSchema(seed: UInt64(input) &* 4 &+ UInt64(shard))
        let a = schema.model
        schema.mutate()
        try RoundTrip.check(from: a, to: schema.model)
    }

    @Test(arguments: 0..<4)
    func randomPairs(shard: Int) async {
        await propertyCheck(count: Self.pairsPerTest, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var schema = RandomSchema(seed: UInt64(seed) &* 4 &+ UInt64(shard))
            let a = schema.model
            schema.mutate()
            var b = schema.model
            b.name = "random \(seed)"
            #expect(a.validate() == [] && b.validate() == [], "seed \(seed)")
            do {
                try RoundTrip.check(from: a, to: b)
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }
}
