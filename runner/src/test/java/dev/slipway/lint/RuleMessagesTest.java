package dev.slipway.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rules say, and when they stay silent, beyond the corpus's fire/safe verdicts. */
class RuleMessagesTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<Finding> lint(EngineKind engine) {
        List<LintMigration> migrations = new MigrationSources(dir, 1 << 20).find(engine, dir, id -> true);
        return new Linter(Rules.all(), LintSettings.DEFAULT).lint(migrations).findings();
    }

    private List<Finding> lint() {
        return lint(EngineKind.FLYWAY);
    }

    private List<Finding> findingsOf(String rule) {
        return lint().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void aCommitInsideTheEnginesTransactionIsAnErrorThatSaysWhatItBreaks() throws IOException {
        write("V1__a.sql", "ALTER TABLE t ADD COLUMN c text;\nCOMMIT;\nUPDATE t SET c = '';\n");
        assertThat(findingsOf("transaction-control")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).startsWith("COMMIT ends the transaction the engine opened for this migration");
        });
    }

    @Test
    void withoutTheEnginesTransactionAnUnclosedBeginAndAClosedBlockAreToldApart() throws IOException {
        write("V1__a.sql", "BEGIN;\nALTER TABLE t ADD COLUMN c text;\n");
        write("V1__a.sql.conf", "executeInTransaction=false\n");
        write("V2__b.sql", "START TRANSACTION;\nALTER TABLE t ADD COLUMN d text;\nCOMMIT;\nSELECT 1;\n");
        write("V2__b.sql.conf", "executeInTransaction=false\n");
        assertThat(findingsOf("transaction-control")).extracting(Finding::migration, Finding::message).satisfiesExactly(
                f -> assertThat(f.toList()).containsExactly("V1__a.sql", "BEGIN at line 1 is never committed: the "
                        + "statements after it are rolled back when the session ends, though the engine reports the migration as applied"),
                f -> assertThat((String) f.toList().get(1)).startsWith("START TRANSACTION manages a transaction in a migration "
                        + "the engine runs without one"),
                f -> assertThat((String) f.toList().get(1)).startsWith("COMMIT manages a transaction"));
    }

    @Test
    void liquibaseRawSqlIsCheckedForTransactionControlToo() throws IOException {
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - sql: { sql: "CREATE TABLE t (id bigint); COMMIT; INSERT INTO t VALUES (1)" }
                """);
        assertThat(lint(EngineKind.LIQUIBASE)).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("transaction-control", 3));
    }

    @Test
    void timestampToTimestamptzWithoutAUtcSessionSaysHowToAvoidTheRewrite() throws IOException {
        write("V1__a.sql", "-- slipway:allow prefer-timestamptz reason: converted next\nCREATE TABLE t (p timestamp);");
        write("V2__b.sql", "ALTER TABLE t ALTER COLUMN p TYPE timestamptz;");
        assertThat(findingsOf("alter-column-type")).singleElement().extracting(Finding::message).isEqualTo(
                "changing t.p from timestamp to timestamptz rewrites the table: the session time zone is not set to UTC in "
                        + "this migration; add SET LOCAL timezone = 'UTC' before it in this migration and leave out USING: "
                        + "PostgreSQL 12+ then changes only the catalog (existing values are read as UTC, so only if they are)");
    }

    @Test
    void aUtcSessionCountsOnlyWhileItLasts() throws IOException {
        write("V1__a.sql", "-- slipway:allow prefer-timestamptz reason: converted next\nCREATE TABLE t (p timestamp, q timestamp);");
        write("V2__reset.sql", "SET TIME ZONE 'UTC';\nRESET timezone;\nALTER TABLE t ALTER COLUMN p TYPE timestamptz;");
        write("V3__local.sql", "SET LOCAL timezone = 'UTC';\nALTER TABLE t ALTER COLUMN q TYPE timestamptz;\nVACUUM t;");
        write("V4__zulu.sql", "SET SESSION timezone TO zulu;\nALTER TABLE t ALTER COLUMN q TYPE timestamp;");
        assertThat(findingsOf("alter-column-type")).extracting(Finding::migration)
                .containsExactly("V2__reset.sql", "V3__local.sql");
    }

    @Test
    void setNotNullAfterAddAndValidateInOneMigrationLeavesTheScanToValidateInSameTransaction() throws IOException {
        write("V1__a.sql", """
                ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) NOT VALID;
                ALTER TABLE t VALIDATE CONSTRAINT t_c_nn;
                ALTER TABLE t ALTER COLUMN c SET NOT NULL;
                """);
        assertThat(lint()).extracting(Finding::rule).containsExactly("validate-in-same-transaction");
    }

    @Test
    void reindexSystemIsToldToLeaveTheMigrationNotToGoConcurrently() throws IOException {
        write("V1__a.sql", "REINDEX SYSTEM;\n");
        assertThat(findingsOf("reindex-not-concurrent")).singleElement().extracting(Finding::message).satisfies(m -> {
            assertThat(m).contains("PostgreSQL has no REINDEX SYSTEM CONCURRENTLY", "run it by hand in a maintenance window");
            assertThat(m).doesNotContain("without CONCURRENTLY");
        });
    }

    @Test
    void aWideReindexMakesTheMigrationNonTransactionalLikeFlywayDoes() throws IOException {
        write("V1__a.sql", "REINDEX (VERBOSE) DATABASE app;\nALTER TABLE t ADD COLUMN c text;\n");
        assertThat(lint()).extracting(Finding::rule).contains("non-transactional-mixed");
    }

    @Test
    void aUserFunctionAsDefaultIsNamedAndTakenAsVolatile() throws IOException {
        write("V1__a.sql", "ALTER TABLE t ADD COLUMN c text DEFAULT app.make_code(1) NOT NULL;\n");
        assertThat(findingsOf("add-column-volatile-default")).singleElement().extracting(Finding::message)
                .asString().contains("its default calls app.make_code(), which is not a built-in known to be immutable or stable");
    }

    @Test
    void aFunctionDeclaredVolatileAgainLosesItsStableDeclaration() throws IOException {
        write("V1__a.sql", "CREATE FUNCTION f() RETURNS int LANGUAGE sql STABLE AS $$ SELECT 1 $$;");
        write("V2__b.sql", "ALTER FUNCTION f() VOLATILE;\nALTER TABLE t ADD COLUMN c int DEFAULT f();");
        assertThat(findingsOf("add-column-volatile-default")).hasSize(1);
    }

    @Test
    void renamedTablesAndColumnsKeepTheirDeclaredTypes() throws IOException {
        write("V1__a.sql", "CREATE TABLE t (id bigint, c varchar(20));");
        write("V2__b.sql", "ALTER TABLE t RENAME TO u;\nALTER TABLE u RENAME COLUMN c TO d;");
        write("V3__c.sql", "ALTER TABLE u ALTER COLUMN d TYPE varchar(40);");
        assertThat(findingsOf("alter-column-type")).isEmpty();
        write("V4__d.sql", "ALTER TABLE u ALTER COLUMN d TYPE varchar(10);");
        assertThat(findingsOf("alter-column-type")).singleElement().extracting(Finding::message).asString()
                .contains("from varchar(40) to varchar(10)");
    }

    @Test
    void aLongNameIsShownAsPostgresqlTruncatesItWithoutSplittingACharacter() throws IOException {
        String name = "a" + "ä".repeat(32);
        write("V1__a.sql", "CREATE TABLE \"" + name + "\" (id bigint);");
        assertThat(findingsOf("identifier-too-long")).singleElement().extracting(Finding::message)
                .isEqualTo("name " + name + " is 65 bytes; PostgreSQL truncates it to a" + "ä".repeat(31));
    }

    @Test
    void onlyIdColumnsAreAskedToBeBigint() throws IOException {
        write("V1__a.sql", """
                CREATE TABLE t (id serial, n integer, parent_id integer, PRIMARY KEY (id), FOREIGN KEY (parent_id) REFERENCES t (id));
                """);
        assertThat(findingsOf("prefer-bigint-over-int")).singleElement().extracting(Finding::message).isEqualTo(
                "column t.id is serial and draws its values from a sequence; column t.parent_id is integer and references "
                        + "another table's key: they overflow at 2,147,483,647; use bigint (bigserial for serial)");
        write("V1__a.sql", "CREATE TABLE t (n integer, parent_id integer, FOREIGN KEY (parent_id) REFERENCES p (id));");
        assertThat(findingsOf("prefer-bigint-over-int")).singleElement().extracting(Finding::message).asString()
                .startsWith("column t.parent_id is integer and references another table's key");
    }

    /** A lookup table's hand-assigned integer key, and the columns referencing it, cannot run out like a sequence. */
    @Test
    void preferBigintLeavesLookupTablesAlone() throws Exception {
        write("V1__a.sql", """
                CREATE TABLE countries (id integer PRIMARY KEY, name text NOT NULL);
                CREATE TABLE statuses (id integer NOT NULL, label text, PRIMARY KEY (id));
                CREATE TABLE addresses (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                        country_id integer NOT NULL REFERENCES countries (id));
                """);
        assertThat(findingsOf("prefer-bigint-over-int")).isEmpty();

        write("V1__a.sql", """
                CREATE TABLE orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
                CREATE TABLE lines (id bigint PRIMARY KEY, order_id integer REFERENCES orders (id));
                """);
        assertThat(findingsOf("prefer-bigint-over-int")).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).startsWith("column orders.id is integer and is the primary key"),
                m -> assertThat(m).startsWith("column lines.order_id is integer and references another table's key"));
    }
}
