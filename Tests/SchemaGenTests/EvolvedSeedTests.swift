import Catalog
import LibPQClient
import SchemaModel
import Schemas
import Testing

/// The seed schemas as their authors would change them next.
@Suite("Evolving the seed schemas")
struct EvolvedSeedTests {
    /// compute_pools as its authors would change it next (also what the migrate tests evolve to).
    static func evolvedComputePools() throws -> DatabaseModel {
        var b = try computePools.validated()
        b.enums[0].labels.insert("TPU", at: 2)  // resource_type: after GPU
        b.update("compute_pools") { t in
            t.columns.append(Column(name: "description", type: .text, comment: "Shown in the pool list"))
            t.column("fee_rate") { $0.defaultExpression = "0.0025" }
            t.indexes.removeAll { $0.name == "idx_compute_pools_status" }
            t.indexes.append(Index(name: "idx_compute_pools_name_lower", keys: [IndexKey(.expression("lower((name)::text)"))]))
        }
        b.update("compute_nodes") { t in
            t.column("region") { $0.type = .varchar(100) }
            t.column("endpoint") { $0.name = "api_endpoint"; $0.renamedFrom = "endpoint" }
        }
        b.update("trades") { t in
            t.constraints.append(Constraint(name: "trades_block_number_check", kind: .check(expression: "block_number >= 0")))
        }
        b.update("compute_offers") { t in t.constraints.removeAll { $0.name == "compute_offers_duration_range" } }
        b.update("liquidity_events") { t in
            t.name = QualifiedName("pool_liquidity_events")
            t.renamedFrom = QualifiedName("liquidity_events")
        }
        let v = b.views.firstIndex { $0.name.name == "v_active_pools" }!
        b.views[v].query = b.views[v].query.replacingOccurrences(of: "p.apr,", with: "p.apr, p.total_volume,")
        return b
    }

    @Test("compute_pools: new column, changed default, widened varchar, index and constraint changes, new enum value, changed view, renames")
    func computePoolsEvolves() throws {
        let a = try computePools.validated()
        let b = try Self.evolvedComputePools()

        try RoundTrip.check(from: a, to: b, prepare: { c in
            try c.execute("""
                INSERT INTO compute_nodes (owner_address, name, endpoint) VALUES ('0xabc', 'n1', 'https://n1.example');
                INSERT INTO compute_pools (name, resource_type) VALUES ('gpu-pool', 'GPU');
                INSERT INTO liquidity_events (pool_id, provider_address, event_type)
                     SELECT id, '0xabc', 'add' FROM compute_pools;
                """)
        }, check: { c in
            // Renames kept the rows; the new enum value is usable.
            let endpoint = try c.query("SELECT api_endpoint FROM compute_nodes").scalar
            let events = try c.query("SELECT count(*) FROM pool_liquidity_events").scalar
            #expect(endpoint == "https://n1.example")
            #expect(events == "1")
            try c.execute("INSERT INTO compute_pools (name, resource_type) VALUES ('tpu-pool', 'TPU')")
            // A row using the new value would make the rollback (which removes it) fail, as it should.
            try c.execute("DELETE FROM compute_pools WHERE resource_type = 'TPU'")
        })
    }

    @Test("minegnk: new column with a default, renamed column, widened types, new partial unique index, dropped index")
    func mineGNKEvolves() throws {
        let a = try mineGNK.validated()
        var b = a
        b.update("users") { t in
            t.columns.append(Column(name: "timezone", type: .varchar(50), isNullable: false, defaultExpression: "'UTC'"))
            t.indexes.removeAll { $0.name == "idx_users_role" }
        }
        b.update("user_nodes") { t in t.column("label") { $0.name = "display_label"; $0.renamedFrom = "label" } }
        b.update("node_requests") { t in t.column("gpu_type") { $0.type = .varchar(100) } }
        b.update("node_stats_cache") { t in t.column("tokens_per_sec") { $0.type = .numeric(12, 2) } }
        b.update("earnings_history") { t in t.column("source") { $0.defaultExpression = "'tracker'" } }
        b.update("nodes") { t in
            t.indexes.append(Index(name: "idx_nodes_gcore_instance", isUnique: true,
                                   keys: [IndexKey(.column("gcore_instance_id"))], predicate: "gcore_instance_id IS NOT NULL"))
        }
        try RoundTrip.check(from: a, to: b, prepare: { c in
            try c.execute("""
                INSERT INTO users (email, password_hash) VALUES ('a@example.com', 'x');
                INSERT INTO user_nodes (user_id, node_identifier, label) SELECT id, 'node-1', 'rig one' FROM users;
                """)
        }, check: { c in
            let label = try c.query("SELECT display_label FROM user_nodes").scalar
            let timezone = try c.query("SELECT timezone FROM users").scalar
            #expect(label == "rig one")
            #expect(timezone == "UTC")
        })
    }
}

extension DatabaseModel {
    mutating func update(_ table: String, _ change: (inout Table) -> Void) {
        let i = tables.firstIndex { $0.name.name == table }!
        change(&tables[i])
    }
}

extension Table {
    mutating func column(_ name: String, _ change: (inout Column) -> Void) {
        let i = columns.firstIndex { $0.name == name }!
        change(&columns[i])
    }
}

import Foundation
