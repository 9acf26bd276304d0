import Foundation
import SchemaDSL
import SchemaGenRuntime

// The examples of the DSL reference (Sources/SchemaDSL/SchemaDSL.docc), each block there
// also here, so that they compile; ReferenceExampleTests creates each in a database.

let tablesExample = Database("shop") {
    Extension("pgcrypto")
    Table("customers") {
        Column("id", .uuid).primaryKey().default("gen_random_uuid()")
        Column("email", .varchar(255)).notNull().unique()
        Column("balance_wei", .numeric(78, 0)).notNull().default("0").check("balance_wei >= 0")
        Column("created_at", .timestamptz).notNull().default("now()")
        Column("email_domain", .text).generated("split_part(email, '@', 2)")
    }.comment("People who buy")
}

let namespaceExample = Database("billing") {
    Namespace("ledger", comment: "Double-entry bookkeeping") {
        Table("entries") {
            Column("id", .bigint).primaryKey().identity()
            Column("amount", .numeric(20, 8)).notNull()
        }
    }
}

let typesExample = Database("payments") {
    Enum("payment_status", "pending", "settled", "failed").comment("Where a payment is")
    Domain("wei", .numeric(78, 0)).notNull().check("VALUE >= 0")
    Table("payments") {
        Column("id", .bigint).primaryKey().identity(.byDefault, start: 1000)
        Column("status", .type("payment_status")).notNull().default("'pending'")
        Column("amount", .type("wei"))
    }
}

let sequenceExample = Database("invoices") {
    DatabaseSequence("invoice_numbers", type: .integer, start: 1000).ownedBy("invoices.number")
    Table("invoices") {
        Column("number", .integer).notNull().default("nextval('invoice_numbers'::regclass)")
        Column("legacy_id", .integer).serial()
    }
}

let constraintsExample = Database("hotel") {
    Table("guests") {
        Column("id", .uuid).primaryKey()
    }
    Table("bookings") {
        Column("room", .integer).notNull()
        Column("guest_id", .uuid).notNull()
        Column("starts_on", .date).notNull()
        Column("nights", .integer).notNull()
        Column("during", .other("tstzrange")).notNull()
        PrimaryKey("room", "starts_on")
        Unique("guest_id", "starts_on")
        Check("bookings_nights_positive", "nights > 0")
        ForeignKey(["guest_id"], references: "guests", onDelete: .cascade)
        Exclude(using: .gist, ("during", "&&"), name: "bookings_no_overlap")
    }
}

let indexExample = Database("catalog") {
    Extension("pg_trgm")
    Table("products") {
        Column("id", .bigint).primaryKey().identity()
        Column("sku", .text).notNull()
        Column("name", .text).notNull()
        Column("tags", .array(.text)).notNull().default("'{}'")
        Column("archived_at", .timestamptz)
        Index("idx_products_sku", on: "sku").unique().where("archived_at IS NULL")
        Index("idx_products_tags", on: "tags").using(.gin)
        Index("idx_products_name_trgm", on: IndexKey("name").opclass("gin_trgm_ops")).using(.gin)
        Index("idx_products_recent", on: .desc("archived_at"), .expression("lower(name)")).include("sku")
    }
}

let functionExample = Database("audit") {
    Table("documents") {
        Column("id", .bigint).primaryKey().identity()
        Column("body", .text).notNull()
        Column("updated_at", .timestamptz).notNull().default("now()")
        Trigger("documents_touch", .before, .update, execute: "touch_updated_at")
    }
    Function("touch_updated_at", returns: .trigger, body: """
        BEGIN
          NEW.updated_at := now();
          RETURN NEW;
        END
        """)
    Function("word_count", Arg("text", .text), returns: .type(.integer), language: .sql, volatility: .immutable,
             body: "SELECT coalesce(array_length(regexp_split_to_array(trim($1), '\\s+'), 1), 0)")
        .parallel(.safe)
    Procedure("purge_documents", Arg("before", .timestamptz), language: .sql,
              body: "DELETE FROM documents WHERE updated_at < $1")
}

let securityExample = Database("tenants") {
    Table("notes") {
        Column("id", .bigint).primaryKey().identity()
        Column("tenant", .text).notNull().default("current_setting('app.tenant')")
        Column("body", .text).notNull()
        RowLevelSecurity()
        Policy("notes_by_tenant", using: "tenant = current_setting('app.tenant')")
    }
    View("recent_notes", "SELECT id, body FROM notes ORDER BY id DESC LIMIT 100").securityInvoker()
}

let partitionExample = Database("events") {
    Table("events") {
        Column("id", .bigint).notNull()
        Column("created_at", .timestamptz).notNull()
        Column("payload", .jsonb).notNull()
        PrimaryKey("id", "created_at")
    }.partitioned(by: .range, "created_at")
    Partition("events_2026_12", of: "events", values: "FROM ('2026-12-01') TO ('2027-01-01')")
}

let viewExample = Database("reports") {
    Table("orders") {
        Column("id", .bigint).primaryKey().identity()
        Column("total", .numeric(20, 8)).notNull()
        Column("placed_on", .date).notNull()
    }
    View("daily_totals", "SELECT placed_on, sum(total) AS total FROM orders GROUP BY placed_on")
        .materialized()
        .index(Index("idx_daily_totals_day", on: "placed_on").unique())
}

let writableViewExample = Database("ledger") {
    Table("accounts") {
        Column("id", .bigint).primaryKey()
        Column("owner", .text).notNull()
    }
    Table("balances") {
        Column("account_id", .bigint).primaryKey().references("accounts")
        Column("wei", .numeric(78, 0)).notNull().default("0")
    }
    View("account_balances", "SELECT a.id, a.owner, b.wei FROM accounts a JOIN balances b ON b.account_id = a.id")
        .trigger(Trigger("account_balances_insert", .insteadOf, .insert, execute: "insert_account_balance"))
    Function("insert_account_balance", returns: .trigger, body: """
        BEGIN
          INSERT INTO accounts VALUES (NEW.id, NEW.owner);
          INSERT INTO balances VALUES (NEW.id, coalesce(NEW.wei, 0));
          RETURN NEW;
        END
        """)
}

let compositeExample = Database("billing") {
    Collation("case_insensitive", provider: .icu, locale: "und-u-ks-level2", deterministic: false)
    CompositeType("money_amount", ("currency", .char(3)), ("amount", .numeric(20, 8)))
        .comment("amount", "never rounded")
    RangeType("period", subtype: .date)
    Table("invoices") {
        Column("id", .bigint).primaryKey().identity()
        Column("customer_email", .text).notNull().collate("case_insensitive")
        Column("total", .type("money_amount")).notNull()
        Column("billed", .type("period")).notNull()
    }
}

let inheritanceExample = Database("zoo") {
    Table("animals") {
        Column("id", .integer).serial().primaryKey()
        Column("name", .text).notNull()
    }
    Table("dogs") {
        Inherited("name").default("'rex'")
        Column("breed", .text)
    }.inherits("animals")
}

let constraintTriggerExample = Database("transfers") {
    Table("accounts") {
        Column("id", .bigint).primaryKey()
        Column("balance", .numeric(78, 0)).notNull()
    }
    Table("transfers") {
        Column("id", .bigint).primaryKey().identity()
        Column("amount", .numeric(78, 0)).notNull()
        Trigger("transfers_balanced", .after, .insert, execute: "check_balances")
            .constraint(.initiallyDeferred, from: "accounts")
        Trigger("transfers_logged", .after, .insert, forEach: .statement, execute: "log_transfers")
            .referencing(new: "inserted")
    }
    Function("check_balances", returns: .trigger, body: """
        BEGIN
          IF EXISTS (SELECT 1 FROM accounts WHERE balance < 0) THEN RAISE EXCEPTION 'overdrawn'; END IF;
          RETURN NULL;
        END
        """)
    Function("log_transfers", returns: .trigger, body: """
        BEGIN
          RAISE NOTICE '% transfers', (SELECT count(*) FROM inserted);
          RETURN NULL;
        END
        """)
}

let conversionExample = Database("events") {
    Extension("pg_trgm", version: "1.6")
    Table("events") {
        Column("id", .bigint).primaryKey()
        Column("happened_at", .timestamptz).notNull()
            .using("to_timestamp(happened_at)", rollback: "extract(epoch FROM happened_at)::bigint")
    }
    Grant(.select, on: .allTables(in: "public"), to: "reporting")
}

/// Every example, for the test that creates them.
let referenceExamples = [
    tablesExample, namespaceExample, typesExample, sequenceExample, constraintsExample, indexExample,
    functionExample, securityExample, partitionExample, viewExample, writableViewExample, compositeExample,
    inheritanceExample, constraintTriggerExample, conversionExample,
]

// The examples of the runtime reference (Sources/SchemaGenRuntime/SchemaGenRuntime.docc).

func exactValuesExample() throws -> [String] {
    let gasPrice: ExactInteger = 21_000
    let maxUint256: ExactInteger = "115792089237316195423570985008687907853269984665640564039457584007913129639935"
    let input = "1000000000000000000"
    let fromText = ExactInteger(input)                      // parsed at run time: nil unless an integer
    let fee: ExactDecimal = "0.00300000"                    // a string: 0.003 as a Double is not 0.003
    let sum = fee + ExactDecimal(gasPrice)
    let fits = fee.fits(precision: 20, scale: 8)            // what a numeric(20,8) column keeps
    return [maxUint256.description, fromText?.description ?? "", sum.description, "\(fits)"]
}

func dateTimeExample() -> [String] {
    let now = Timestamp(Date())                             // timestamptz, microseconds since 2000
    let parsed = Timestamp("2026-12-01 08:30:00.123456+00")
    let day = CalendarDate(year: 2026, month: 12, day: 1)   // date; nil for 2026-02-30
    let forever = Timestamp.infinity                        // PostgreSQL's 'infinity'
    return [now.description, parsed?.description ?? "", day?.description ?? "", forever.description]
}

func jsonExample() -> String {
    let metadata: JSONValue = ["region": "eu", "replicas": 3, "price": .number("0.10"), "tags": ["gpu"]]
    return metadata.json                                    // numbers keep every digit
}
