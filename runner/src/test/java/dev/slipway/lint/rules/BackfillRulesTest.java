package dev.slipway.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.slipway.config.LintConfig;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.MigrationSources;
import dev.slipway.lint.Severity;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backfill-shape and batch-large-update: what a declared backfill is told, and which whole-table writes should be one. */
class BackfillRulesTest {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, plan text, legacy boolean);\n";

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<Finding> lint(EngineKind engine, LintSettings settings) {
        List<LintMigration> migrations = new MigrationSources(dir, 1 << 20).find(engine, dir, id -> true);
        return new Linter(Rules.all(), settings).lint(migrations).findings();
    }

    private List<Finding> lint() {
        return lint(EngineKind.FLYWAY, LintSettings.DEFAULT);
    }

    private List<Finding> findingsOf(String rule) {
        return lint().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    // backfill-shape

    @Test
    void aBackfillThatCanRunIsOnlyAnInfoNoteSayingHowItWillRun() throws IOException {
        write("V1__accounts.sql", ACCOUNTS);
        write("V2__plan.sql", "-- slipway:backfill batch-time=500ms max-lag=2s\nUPDATE accounts SET plan = 'free'\nWHERE plan IS NULL;\n");
        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("backfill-shape");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.migration()).isEqualTo("V2__plan.sql");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).startsWith("runs in batches over accounts's key").contains(
                    "each batch its own transaction under lock_timeout/statement_timeout", "tuned to batch-time=500ms",
                    "pausing while replica lag exceeds max-lag=2s", "recorded as applied after its last batch",
                    "max-pause=10m", "max-batch=100000");
        });
    }

    @Test
    void theNoteStaysInfoWhenTheRuleIsConfiguredAsAWarningAndGoesWhenItIsOff() throws IOException {
        write("V1__plan.sql", "-- slipway:backfill\nUPDATE accounts SET plan = 'free';\n");
        assertThat(lint(EngineKind.FLYWAY, settings(Map.of("backfill-shape", "warning")))).extracting(Finding::rule,
                Finding::severity).containsExactly(tuple("backfill-shape", Severity.INFO));
        assertThat(lint(EngineKind.FLYWAY, settings(Map.of("backfill-shape", "off")))).isEmpty();
    }

    @Test
    void everyProblemOfTheScriptIsAnErrorAtItsOwnLine() throws IOException {
        write("V1__plan.sql", """
                -- slipway:backfill
                UPDATE accounts a
                SET plan = o.plan
                FROM old_accounts o
                WHERE o.id = a.id
                RETURNING a.id;
                """);
        assertThat(findingsOf("backfill-shape")).extracting(Finding::severity, Finding::line).containsExactly(
                tuple(Severity.ERROR, 4), tuple(Severity.ERROR, 6));
        assertThat(findingsOf("backfill-shape").get(0).message()).startsWith("UPDATE … FROM joins another table");
        assertThat(findingsOf("backfill-shape").get(1).message()).startsWith("RETURNING has no one to return to");
    }

    @Test
    void moreThanOneStatementOrADeleteIsRefusedAndNoBatchLargeUpdateOnTop() throws IOException {
        write("V1__two.sql", "-- slipway:backfill\nUPDATE accounts SET plan = 'free';\nUPDATE accounts SET legacy = false;\n");
        write("V2__delete.sql", "-- slipway:backfill\nDELETE FROM accounts;\n");
        assertThat(lint()).extracting(Finding::rule, Finding::migration, Finding::line).containsExactly(
                tuple("backfill-shape", "V1__two.sql", 3), tuple("backfill-shape", "V2__delete.sql", 2));
        assertThat(findingsOf("backfill-shape")).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).startsWith("a backfill holds exactly one UPDATE; found 2 statements (UPDATE, UPDATE)"),
                m -> assertThat(m).startsWith("a backfill is one UPDATE; this is a DELETE"));
    }

    @Test
    void badSettingsAreOneErrorAtTheMarkerLineNamingEach() throws IOException {
        write("V1__plan.sql", "\n-- slipway:backfill batch-time=fast sleepy=yes\nUPDATE accounts SET plan = 'free';\n");
        assertThat(findingsOf("backfill-shape")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).startsWith("V1__plan.sql: the slipway:backfill line has 2 bad settings")
                    .contains("batch-time", "'sleepy' is not a backfill setting");
        });
    }

    @Test
    void aRepeatableMigrationThatDeclaresABackfillIsAnError() throws IOException {
        write("R__plans.sql", "-- slipway:backfill\nUPDATE accounts SET plan = 'free';\n");
        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("backfill-shape");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).contains("repeatable migration", "a backfill runs once", "V<version>__plans.sql");
        });
    }

    @Test
    void aTableTheMigrationsCreatedWithoutAKeyIsAnError() throws IOException {
        write("V1__events.sql", "CREATE TABLE events (happened_at timestamptz, kind text);\n");
        write("V2__kind.sql", "-- slipway:backfill\nUPDATE events SET kind = 'click' WHERE kind IS NULL;\n");
        assertThat(lint()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("backfill-shape");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).startsWith("events has no primary key and no unique index as far as the migrations show");
        });
    }

    @Test
    void aKeyAddedLaterOrATableTheMigrationsDoNotShowIsNotGuessedAbout() throws IOException {
        write("V1__events.sql", "CREATE TABLE events (id bigint NOT NULL, kind text);\n"
                + "CREATE TABLE clicks (LIKE events);\n");
        write("V2__key.sql", "-- slipway:allow create-index-not-concurrent reason: new table\n"
                + "CREATE UNIQUE INDEX events_id ON events (id);\n");
        write("V3__kind.sql", "-- slipway:backfill\nUPDATE events SET kind = 'click';\n");
        write("V4__kind.sql", "-- slipway:backfill\nUPDATE clicks SET kind = 'click';\n");
        write("V5__kind.sql", "-- slipway:backfill\nUPDATE elsewhere SET kind = 'click';\n");
        assertThat(lint()).extracting(Finding::rule, Finding::severity).containsOnly(tuple("backfill-shape", Severity.INFO))
                .hasSize(3);
    }

    @Test
    void aSuppressionOnTheBackfillStatementSilencesTheRule() throws IOException {
        write("V1__plan.sql", "-- slipway:backfill\n-- slipway:allow backfill-shape reason: a cursor here, on purpose\n"
                + "UPDATE accounts SET plan = 'free' WHERE CURRENT OF c;\n");
        assertThat(lint()).isEmpty();
    }

    @Test
    void aMarkerAnywhereButTheFirstLineDeclaresNothing() throws IOException {
        write("V1__accounts.sql", ACCOUNTS);
        write("V2__plan.sql", "UPDATE accounts SET plan = 'free' WHERE id = 1;\n-- slipway:backfill\n");
        assertThat(lint()).isEmpty();
    }

    @Test
    void aLiquibaseBackfillChangesetInATransactionIsToldToSayRunInTransactionFalse() throws IOException {
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - sql: { sql: "-- slipway:backfill\\nUPDATE accounts SET plan = 'free'" }
                """);
        assertThat(lint(EngineKind.LIQUIBASE, LintSettings.DEFAULT)).as("a backfill, so no batch-large-update")
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("backfill-shape");
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.message()).contains("runs in a transaction", "add runInTransaction: false");
                });
    }

    @Test
    void aLiquibaseBackfillChangesetIsCheckedAndToldHowItWillRunLikeAFlywayOne() throws IOException {
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: plan
                      author: a
                      runInTransaction: false
                      changes:
                        - sql: { sql: "-- slipway:backfill max-lag=2s\\nUPDATE accounts SET plan = 'free'" }
                  - changeSet:
                      id: purge
                      author: a
                      runInTransaction: false
                      changes:
                        - sql: { sql: "-- slipway:backfill\\nDELETE FROM accounts" }
                """);
        assertThat(lint(EngineKind.LIQUIBASE, LintSettings.DEFAULT)).extracting(Finding::migration, Finding::rule,
                Finding::severity).containsExactly(tuple("plan::a", "backfill-shape", Severity.INFO),
                tuple("purge::a", "backfill-shape", Severity.ERROR));
        assertThat(lint(EngineKind.LIQUIBASE, LintSettings.DEFAULT)).extracting(Finding::message).satisfiesExactly(
                plan -> assertThat(plan).startsWith("runs in batches over accounts's key").contains("max-lag=2s"),
                purge -> assertThat(purge).contains("a backfill is one UPDATE; this is a DELETE"));
    }

    @Test
    void aLiquibaseBackfillChangesetWithACommentIsStillABackfill() throws IOException {
        write("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: plan
                      author: a
                      runInTransaction: false
                      comment: every account starts on the free plan
                      changes:
                        - sql: { sql: "-- slipway:backfill\\nUPDATE accounts SET plan = 'free'" }
                """);
        assertThat(lint(EngineKind.LIQUIBASE, LintSettings.DEFAULT)).as("read as a backfill: no batch-large-update")
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("backfill-shape");
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                });
    }

    // batch-large-update

    @Test
    void anUpdateOfEveryRowOfAnExistingTableSuggestsABackfill() throws IOException {
        write("V1__plan.sql", "UPDATE public.accounts SET plan = 'free';\n");
        assertThat(findingsOf("batch-large-update")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).isEqualTo("UPDATE of every row of public.accounts runs as one transaction: one long "
                    + "row-lock hold and a burst of WAL replicas must replay. Make it a backfill: put `-- slipway:backfill` "
                    + "as the first line of a migration of its own");
        });
    }

    @Test
    void aDeleteOfEveryRowSaysSlipwayDoesNotBatchDeletes() throws IOException {
        write("V1__purge.sql", "DELETE FROM ONLY audit_log;\n");
        assertThat(findingsOf("batch-large-update")).singleElement().extracting(Finding::message).asString()
                .startsWith("DELETE of every row of audit_log runs as one transaction")
                .contains("Slipway does not batch DELETEs", "in batches by key in separate migrations", "partition");
    }

    @Test
    void aWhereClauseANewTableOrABackfillMigrationIsFine() throws IOException {
        write("V1__one.sql", "UPDATE accounts SET plan = 'free' WHERE id = 1;\nDELETE FROM accounts WHERE id = 2;\n");
        write("V2__new.sql", "CREATE TABLE plans (id bigint PRIMARY KEY, name text);\nUPDATE plans SET name = 'x';\n"
                + "DELETE FROM plans;\n");
        write("V3__backfill.sql", "-- slipway:backfill\nUPDATE accounts SET plan = 'free';\n");
        assertThat(findingsOf("batch-large-update")).isEmpty();
    }

    @Test
    void aWhereOnlyInsideASubqueryStillUpdatesEveryRow() throws IOException {
        write("V1__plan.sql", "UPDATE accounts SET plan = (SELECT name FROM plans WHERE plans.id = 1);\n");
        assertThat(findingsOf("batch-large-update")).singleElement().extracting(Finding::line).isEqualTo(1);
    }

    private static LintSettings settings(Map<String, String> severities) {
        return LintSettings.from(new LintConfig(severities, 1 << 20, 1, Duration.ofSeconds(1), 1), Path.of("slipway.yaml"),
                Linter.ids(Rules.all()));
    }
}
