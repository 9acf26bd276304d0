import MigrationFiles
import Migrator
import Testing

@Suite("Splitting migration files into statements")
struct SQLScriptTests {
    @Test("semicolons inside quotes, identifiers, dollar quotes and comments do not split; lines are counted")
    func splits() {
        let text = """
            -- header; not a statement
            CREATE TABLE "a;b" (note text DEFAULT 'x;y''z');

            /* a block; /* nested; */ still comment */
            CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $body$ SELECT ';' $body$;
            INSERT INTO t VALUES (E'it\\'s;', $$;$$);
            SELECT 1
            """
        let statements = splitStatements(text)
        #expect(statements.map(\.line) == [2, 5, 6, 7])
        #expect(statements[0].sql == #"CREATE TABLE "a;b" (note text DEFAULT 'x;y''z')"#)
        #expect(statements[1].sql.hasSuffix("$body$ SELECT ';' $body$"))
        #expect(statements[2].sql == #"INSERT INTO t VALUES (E'it\'s;', $$;$$)"#)
        #expect(statements[3].sql == "SELECT 1")
    }

    @Test("a BEGIN ATOMIC body, with CASE … END inside, is one statement, as psql reads it")
    func atomicBody() {
        let text = """
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
              SELECT x;
            END;
            CREATE TABLE begin_atomic (x int);
            BEGIN;
            COMMIT;
            """
        let statements = splitStatements(text)
        #expect(statements.count == 4)
        #expect(statements[0].sql.hasSuffix("SELECT x;\nEND"))
        #expect(statements.map(\.line) == [1, 6, 7, 8])
    }

    @Test("a file of comments only has no statements")
    func commentsOnly() {
        #expect(splitStatements("-- nothing\n/* here */\n\n").isEmpty)
    }
}
