package dev.slipway.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.MaskingFile;
import dev.slipway.lint.MaskingRules;
import dev.slipway.lint.MigrationSources;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** masking-coverage on SQL: which new columns need a rule, where the finding points, and the line it says to add. */
class MaskingCoverageTest {

    private static final String CUSTOMERS = """
            tables:
              public.customers:
                columns: {id: keep, email: email, full_name: name}
            """;

    @TempDir
    Path dir;

    private Path rules;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private void rules(String yaml) throws IOException {
        rules = dir.resolve("masking.yaml");
        Files.writeString(rules, yaml);
    }

    private List<Finding> lint(EngineKind engine, Predicate<LintMigration> reported) {
        List<LintMigration> migrations = new MigrationSources(dir, 1 << 20).find(engine, dir, id -> true);
        MaskingRules masking = MaskingRules.load(new MaskingFile(rules, "migrations/masking.yaml"));
        return new Linter(Rules.forRun(masking), LintSettings.DEFAULT).lint(migrations, reported).findings().stream()
                .filter(f -> f.rule().equals("masking-coverage")).toList();
    }

    private List<Finding> lint() {
        return lint(EngineKind.FLYWAY, m -> true);
    }

    private List<String> messages() {
        return lint().stream().map(Finding::message).toList();
    }

    @Test
    void aCreateTableColumnWithoutARuleIsAnErrorNamingTheLineToAdd() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "-- customers\nCREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  email text,\n"
                + "  full_name text,\n  phone text,\n  CONSTRAINT email_unique UNIQUE (email)\n);\n");
        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(dev.slipway.lint.Severity.ERROR);
            assertThat(f.location()).isEqualTo("V1__customers.sql:2");
            assertThat(f.message()).isEqualTo("column public.customers.phone is not covered by the masking rules: add "
                    + "`phone: keep` (or a transformer) under `public.customers: columns:` in migrations/masking.yaml");
            assertThat(f.fix()).contains("in the same pull request");
        });
    }

    @Test
    void everyColumnOfATableWithoutARuleIsFlaggedAndKeepAllIsOffered() throws IOException {
        rules(CUSTOMERS);
        write("V1__invoices.sql", "CREATE TABLE invoices (id bigint, iban text);\n");
        assertThat(messages()).containsExactly(
                "column public.invoices.id is not covered by the masking rules (migrations/masking.yaml has no rule for "
                        + "public.invoices): add `id: keep` (or a transformer) under `public.invoices: columns:` in "
                        + "migrations/masking.yaml, or give the table `keep_all: true`",
                "column public.invoices.iban is not covered by the masking rules (migrations/masking.yaml has no rule for "
                        + "public.invoices): add `iban: keep` (or a transformer) under `public.invoices: columns:` in "
                        + "migrations/masking.yaml, or give the table `keep_all: true`");
    }

    @Test
    void eachColumnOfOneAlterTableIsItsOwnFindingAtThatStatement() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text);\n");
        write("V2__contact.sql", "ALTER TABLE customers ADD COLUMN email text;\n\nALTER TABLE public.customers\n"
                + "  ADD COLUMN phone text,\n  ADD fax text,\n  ADD COLUMN IF NOT EXISTS \"Nick\" text,\n"
                + "  ADD CONSTRAINT full_name_set CHECK (full_name <> '');\n");
        assertThat(lint()).extracting(Finding::location).containsOnly("V2__contact.sql:3").hasSize(3);
        assertThat(messages()).extracting(m -> m.substring(0, m.indexOf(" is not"))).containsExactly(
                "column public.customers.phone", "column public.customers.fax", "column public.customers.Nick");
        assertThat(messages().get(2)).contains("add `Nick: keep`");
    }

    @Test
    void tablesTheRulesCoverFullyOrAsAWholeGiveNoFinding() throws IOException {
        rules(CUSTOMERS + """
                  public.audit_log: {keep_all: true}
                  public.sessions: {truncate: true}
                """);
        write("V1__tables.sql", """
                CREATE TABLE customers (id bigint, email text, full_name text, CHECK (email <> ''));
                CREATE TABLE audit_log (id bigint, what text);
                CREATE UNLOGGED TABLE sessions (token text);
                ALTER TABLE audit_log ADD COLUMN who text;
                ALTER TABLE sessions ADD COLUMN ip inet;
                """);
        assertThat(lint()).isEmpty();
    }

    @Test
    void aRenamedColumnOrTableNeedsTheRuleUnderItsNewName() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text);\n");
        write("V2__rename.sql", "ALTER TABLE customers RENAME COLUMN full_name TO name;\n");
        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("V2__rename.sql:1");
            assertThat(f.message()).isEqualTo("column public.customers.name (renamed from full_name here; the rule for "
                    + "`full_name` no longer matches a column: rename it) is not covered by the masking rules: add "
                    + "`name: keep` (or a transformer) under `public.customers: columns:` in migrations/masking.yaml");
        });
        write("V3__clients.sql", "ALTER TABLE customers RENAME TO clients;\n");
        assertThat(lint()).hasSize(3).allSatisfy(f -> {
            assertThat(f.location()).isEqualTo("V3__clients.sql:1");
            assertThat(f.message()).contains("(renamed from public.customers here; the rule for public.customers no "
                    + "longer matches a table: rename its key to public.clients)", "under `public.clients: columns:`");
        });
    }

    @Test
    void aRenameToANameTheRulesCoverIsFine() throws IOException {
        rules(CUSTOMERS + """
                  sales.clients:
                    columns: {id: keep, email: email, name: name}
                """);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text);\n");
        write("V2__move.sql", "ALTER TABLE customers RENAME full_name TO name;\nALTER TABLE customers SET SCHEMA sales;\n"
                + "ALTER TABLE sales.customers RENAME TO clients;\n");
        assertThat(lint()).isEmpty();
    }

    @Test
    void partitionsAreCoveredByTheirRootsRuleUntilDetached() throws IOException {
        rules("""
                tables:
                  public.events:
                    columns: {id: keep, at: keep}
                """);
        write("V1__events.sql", """
                CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
                CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')
                    PARTITION BY HASH (id);
                CREATE TABLE events_2026_a PARTITION OF events_2026 (id WITH OPTIONS NOT NULL)
                    FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                CREATE TABLE events_old (id bigint, at date);
                ALTER TABLE events ATTACH PARTITION events_old FOR VALUES FROM ('2000-01-01') TO ('2026-01-01');
                """);
        assertThat(lint()).isEmpty();
        write("V2__payload.sql", "ALTER TABLE events ADD COLUMN payload jsonb;\n");
        assertThat(messages()).singleElement().asString()
                .contains("add `payload: keep` (or a transformer) under `public.events: columns:`");
        write("V3__detach.sql", "ALTER TABLE events DETACH PARTITION events_old;\n");
        assertThat(lint()).filteredOn(f -> f.file().equals("V3__detach.sql")).hasSize(3)
                .allSatisfy(f -> assertThat(f.message()).contains("column public.events_old.", "(detached here: as a "
                        + "partition its root's rule covered it, as a table it needs its own)",
                        "`public.events_old: columns:`"));
    }

    @Test
    void quotedNamesKeepTheirCaseAndUnquotedOnesFold() throws IOException {
        rules("""
                tables:
                  Sales.Order Lines:
                    columns: {Line Id: keep}
                  public.Customers: {keep_all: true}
                  '"my.schema".t':
                    columns: {a: keep}
                """);
        write("V1__quoted.sql", """
                CREATE TABLE "Sales"."Order Lines" ("Line Id" bigint, "Note" text);
                CREATE TABLE Customers (id bigint);
                CREATE TABLE "my.schema".t (a int, "b:c" text);
                """);
        assertThat(messages()).containsExactly(
                "column Sales.Order Lines.Note is not covered by the masking rules: add `Note: keep` (or a transformer) "
                        + "under `Sales.Order Lines: columns:` in migrations/masking.yaml",
                "column public.customers.id is not covered by the masking rules (migrations/masking.yaml has no rule for "
                        + "public.customers): add `id: keep` (or a transformer) under `public.customers: columns:` in "
                        + "migrations/masking.yaml, or give the table `keep_all: true`",
                "column \"my.schema\".t.b:c is not covered by the masking rules: add `'b:c': keep` (or a transformer) "
                        + "under `'\"my.schema\".t': columns:` in migrations/masking.yaml");
    }

    @Test
    void unqualifiedNamesArePublicUnlessTheMigrationSetsTheSearchPath() throws IOException {
        rules("""
                tables:
                  billing.invoices:
                    columns: {id: keep}
                """);
        write("V1__billing.sql", """
                CREATE SCHEMA billing;
                CREATE TABLE billing.invoices (id bigint);
                CREATE TABLE invoices (id bigint);
                SET search_path TO "$user", billing, public;
                ALTER TABLE invoices ADD COLUMN total numeric;
                SELECT pg_catalog.set_config('search_path', 'Billing, public', false);
                CREATE TABLE refunds (id bigint);
                RESET search_path;
                CREATE TABLE notes (id bigint);
                """);
        write("V2__next.sql", "CREATE TABLE payments (id bigint);\n");
        assertThat(messages()).extracting(m -> m.substring(0, m.indexOf(" is not"))).containsExactly(
                "column public.invoices.id", "column billing.invoices.total", "column billing.refunds.id",
                "column public.notes.id", "column public.payments.id");
    }

    @Test
    void onlyWhatTheRunLeavesBehindCounts() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text, legacy text);\n"
                + "CREATE TABLE scratch (id bigint);\n");
        write("V2__cleanup.sql", "ALTER TABLE customers DROP COLUMN legacy;\nDROP TABLE IF EXISTS scratch, other CASCADE;\n"
                + "CREATE TABLE tmp_import (id bigint);\nDROP TABLE tmp_import;\n");
        assertThat(lint()).isEmpty();
    }

    @Test
    void generatedColumnsSlipwaysSchemaAndTemporaryTablesNeedNoRule() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", """
                CREATE TABLE customers (id bigint, email text, full_name text,
                    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', full_name)) STORED);
                ALTER TABLE customers ADD COLUMN domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED;
                CREATE TABLE slipway.notes (id bigint);
                CREATE TEMP TABLE staging (id bigint);
                ALTER TABLE staging ADD COLUMN note text;
                CREATE FOREIGN TABLE remote_customers (id bigint) SERVER elsewhere;
                CREATE MATERIALIZED VIEW customer_domains AS SELECT domain FROM customers;
                """);
        assertThat(lint()).isEmpty();
        write("V2__identity.sql", "ALTER TABLE customers ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;\n"
                + "ALTER TABLE customers ALTER COLUMN domain DROP EXPRESSION;\n");
        assertThat(messages()).extracting(m -> m.substring(0, m.indexOf(" is not"))).containsExactly(
                "column public.customers.seq", "column public.customers.domain (its generation expression is dropped "
                        + "here, so its values are copied now)");
    }

    @Test
    void tablesWhoseColumnsTheMigrationsDoNotShowGetOneFindingForTheTable() throws IOException {
        rules(CUSTOMERS);
        write("V1__copies.sql", """
                CREATE TABLE customers (id bigint, email text, full_name text);
                CREATE TABLE customer_copy AS SELECT * FROM customers;
                CREATE TABLE customer_ids (id) AS SELECT id FROM customers;
                CREATE TABLE customers_like (LIKE customers INCLUDING ALL);
                ALTER TABLE legacy_orders RENAME TO orders;
                """);
        assertThat(messages()).containsExactly(
                "table public.customer_copy is not covered by the masking rules, and the migrations do not show all of "
                        + "its columns: add `public.customer_copy:` to migrations/masking.yaml with `columns:` giving "
                        + "each column a transformer or keep (or `keep_all: true`); slipway mask --check lists its columns",
                "column public.customer_ids.id is not covered by the masking rules (migrations/masking.yaml has no rule "
                        + "for public.customer_ids): add `id: keep` (or a transformer) under `public.customer_ids: "
                        + "columns:` in migrations/masking.yaml, or give the table `keep_all: true`",
                "column public.customers_like.id is not covered by the masking rules (migrations/masking.yaml has no "
                        + "rule for public.customers_like): add `id: keep` (or a transformer) under "
                        + "`public.customers_like: columns:` in migrations/masking.yaml, or give the table `keep_all: true`",
                "column public.customers_like.email is not covered by the masking rules (migrations/masking.yaml has no "
                        + "rule for public.customers_like): add `email: keep` (or a transformer) under "
                        + "`public.customers_like: columns:` in migrations/masking.yaml, or give the table `keep_all: true`",
                "column public.customers_like.full_name is not covered by the masking rules (migrations/masking.yaml has "
                        + "no rule for public.customers_like): add `full_name: keep` (or a transformer) under "
                        + "`public.customers_like: columns:` in migrations/masking.yaml, or give the table `keep_all: true`",
                "table public.orders (renamed from public.legacy_orders here) is not covered by the masking rules, and "
                        + "the migrations do not show all of its columns: add `public.orders:` to migrations/masking.yaml "
                        + "with `columns:` giving each column a transformer or keep (or `keep_all: true`); slipway mask "
                        + "--check lists its columns");
    }

    @Test
    void aSuppressionOnTheStatementAcceptsIt() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text);\n"
                + "-- slipway:allow masking-coverage reason: dropped again before the next golden refresh\n"
                + "ALTER TABLE customers ADD COLUMN phone text;\n"
                + "-- slipway:allow masking-coverage\nALTER TABLE customers ADD COLUMN fax text;\n");
        List<LintMigration> migrations = new MigrationSources(dir, 1 << 20).find(EngineKind.FLYWAY, dir, id -> true);
        List<Finding> all = new Linter(Rules.forRun(MaskingRules.load(new MaskingFile(rules, "masking.yaml"))),
                LintSettings.DEFAULT).lint(migrations).findings();
        assertThat(all).extracting(Finding::rule, Finding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("suppression-without-reason", 4),
                org.assertj.core.groups.Tuple.tuple("masking-coverage", 5));
    }

    @Test
    void appliedMigrationsTeachTheSchemaButOnlyReportedOnesGetFindings() throws IOException {
        rules(CUSTOMERS);
        write("V1__customers.sql", "CREATE TABLE customers (id bigint, email text, full_name text, old_note text);\n");
        write("V2__phone.sql", "ALTER TABLE customers ADD COLUMN phone text;\n");
        assertThat(lint(EngineKind.FLYWAY, m -> m.name().startsWith("V2"))).extracting(Finding::location)
                .containsExactly("V2__phone.sql:1");
    }

    @Test
    void liquibaseChangesetsAreCheckedThroughTheirGeneratedSql() throws IOException {
        rules(CUSTOMERS);
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - createTable:
                            tableName: customers
                            columns:
                              - column: { name: id, type: bigint }
                              - column: { name: email, type: text }
                              - column: { name: full_name, type: text }
                  - changeSet:
                      id: 2
                      author: a
                      changes:
                        - addColumn:
                            tableName: customers
                            columns:
                              - column: { name: phone, type: text }
                        - createTable:
                            schemaName: billing
                            tableName: Invoices
                            columns:
                              - column: { name: id, type: bigint }
                """);
        assertThat(lint(EngineKind.LIQUIBASE, m -> true)).extracting(Finding::location, f -> f.message().substring(0,
                f.message().indexOf(" is not"))).containsExactly(
                org.assertj.core.groups.Tuple.tuple("changelog.yaml:13", "column public.customers.phone"),
                org.assertj.core.groups.Tuple.tuple("changelog.yaml:13", "column billing.Invoices.id"));
    }

    @Test
    void withoutMaskingRulesTheRuleDoesNotRun() throws IOException {
        write("V1__invoices.sql", "CREATE TABLE invoices (id bigint, iban text);\n");
        List<LintMigration> migrations = new MigrationSources(dir, 1 << 20).find(EngineKind.FLYWAY, dir, id -> true);
        assertThat(Rules.forRun(null)).extracting(r -> r.info().id()).doesNotContain("masking-coverage")
                .hasSize(Rules.all().size() - 1);
        assertThat(new Linter(Rules.forRun(null), LintSettings.DEFAULT).lint(migrations).findings()).isEmpty();
        assertThat(new Linter(Rules.all(), LintSettings.DEFAULT).lint(migrations).findings()).isEmpty();
        write("V2__phone.sql", "-- slipway:allow masking-coverage reason: classified in the next pull request\n"
                + "ALTER TABLE invoices ADD COLUMN phone text;\n");
        List<LintMigration> more = new MigrationSources(dir, 1 << 20).find(EngineKind.FLYWAY, dir, id -> true);
        assertThat(new Linter(Rules.forRun(null), LintSettings.DEFAULT).lint(more).findings())
                .as("a suppression of masking-coverage is known without masking rules too").isEmpty();
    }

    @Test
    void yamlKeysAreQuotedWhenAPlainKeyWouldReadAsSomethingElse() {
        assertThat(dev.slipway.mask.rules.RulesText.key("phone")).isEqualTo("phone");
        assertThat(dev.slipway.mask.rules.RulesText.key("Sales.Order Lines")).isEqualTo("Sales.Order Lines");
        assertThat(dev.slipway.mask.rules.RulesText.key("on")).isEqualTo("'on'");
        assertThat(dev.slipway.mask.rules.RulesText.key("it's")).isEqualTo("'it''s'");
        assertThat(dev.slipway.mask.rules.RulesText.key("#tag")).isEqualTo("'#tag'");
    }
}
