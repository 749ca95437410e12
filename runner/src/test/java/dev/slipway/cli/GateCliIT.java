package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.PrometheusServer;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway gate} and {@code slipway migrate --env} as a release engineer (or an Argo CD hook) runs them:
 * slipway.yaml in, exit code and one line per check out, the verdict kept in the state database.
 */
@ExtendWith(PostgresExtension.class)
class GateCliIT extends CliHarness {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final String SHA = "9a8b7c6d5e4f";

    @TempDir
    Path dir;

    @BeforeAll
    static void series() {
        PROMETHEUS.slothSlo("cli-healthy", "availability", 0.7, 0.5, 0.5);
        PROMETHEUS.slothSlo("cli-burned", "availability", 0.02, 3, 2);
    }

    private void config(TestDatabase target, TestDatabase state, String service, String extraGate) throws IOException {
        MigrationFiles.copyOf("migrations/flyway", dir.resolve("m"));
        Path file = Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                  location: %s
                state:
                  url: %s
                  user: %s
                environments:
                  staging:
                    url: %s
                    user: %s
                    gate:
                      migrations: false
                      prometheus: {url: "%s"}
                      slos:
                        - {name: checkout, sloth: {service: %s, slo: availability}, minBudgetRemaining: 0.25}
                %s
                  nogate:
                    url: %s
                    user: %s
                """.formatted(dir.resolve("m"), state.url(), state.user(), target.url(), target.user(), PROMETHEUS.url(),
                service, extraGate.indent(6).stripTrailing(), target.url(), target.user()));
        env.put("SLIPWAY_CONFIG", file.toString());
    }

    @Test
    void passingGateExitsZeroPrintsEachCheckAndKeepsTheVerdict(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        int code = slipway("gate", "--env", "staging", "--commit", SHA);

        assertThat(code).as(out + err).isZero();
        assertThat(out).contains("gate staging for " + SHA)
                .containsPattern("PASS +hold +none \\[no manual hold\\]")
                .containsPattern("PASS +slo-budget:checkout +70\\.0% left \\[≥ 25\\.0% left\\]")
                .containsPattern("PASS +slo-burn:checkout +1h 0\\.50×, 6h 0\\.50×")
                .containsPattern("verdict [0-9a-f-]{36}: PASS \\(3 checks");
        assertThat(state.value("SELECT outcome || ' ' || commit_sha || ' ' || source FROM slipway.gate_verdicts"))
                .isEqualTo("PASS " + SHA + " cli");
    }

    @Test
    void failingGateExitsOneWithTheReason(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-burned", "");

        int code = slipway("gate", "--env", "staging", "--commit", SHA);

        assertThat(code).as(out + err).isEqualTo(1);
        assertThat(out).containsPattern("FAIL +slo-budget:checkout +2\\.0% left .*error budget burned")
                .containsPattern("verdict [0-9a-f-]{36}: FAIL");
    }

    @Test
    void jsonVerdictIsTheStoredOne(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        assertThat(slipway("gate", "--env", "staging", "--commit", SHA, "--json")).as(out + err).isZero();

        JsonNode v = Json.MAPPER.readTree(out);
        assertThat(v.get("outcome").asText()).isEqualTo("PASS");
        assertThat(v.get("checks")).hasSize(3);
        assertThat(v.at("/inputs/slo:checkout/budgetQuery").asText()).contains("slo:period_error_budget_remaining:ratio");
        JsonNode stored = Json.MAPPER.readTree(state.value("SELECT checks::text FROM slipway.gate_verdicts WHERE id = '"
                + v.get("id").asText() + "'"));
        assertThat(stored).isEqualTo(v.get("checks"));
    }

    @Test
    void unknownEnvironmentExitsTwoListingTheKnownOnes(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        int code = slipway("gate", "--env", "prdo");

        assertThat(code).isEqualTo(2);
        assertThat(err).contains("environment 'prdo' is not in", "known environments: [nogate, staging]");
    }

    @Test
    void environmentWithoutGateExitsTwo(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        assertThat(slipway("gate", "--env", "nogate")).isEqualTo(2);
        assertThat(err).contains("'nogate' has no gate: section");
    }

    @Test
    void freezeWindowFailsTheGate(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "freeze: [{name: always, days: [MON, TUE, WED, THU, FRI, SAT, SUN]}]");

        assertThat(slipway("gate", "--env", "staging")).as(out + err).isEqualTo(1);
        assertThat(out).containsPattern("FAIL +freeze +in 'always'.*promotion is frozen");
    }

    @Test
    void migrateRefusesAfterAFailedVerdictAndForceRecordsTheReason(TestDatabase target, TestDatabase state)
            throws IOException {
        config(target, state, "cli-burned", "");
        assertThat(slipway("gate", "--env", "staging", "--commit", SHA)).isEqualTo(1);

        assertThat(slipway("migrate", "--env", "staging", "--commit", SHA)).as(out + err).isEqualTo(1);
        assertThat(err).contains("refusing to migrate staging to commit " + SHA, "slo-budget:checkout", "--force --reason");
        assertThat(target.tableExists("customers")).isFalse();

        assertThat(slipway("migrate", "--env", "staging", "--commit", SHA, "--force", "--reason", "hotfix for INC-4711"))
                .as(out + err).isZero();
        assertThat(out).contains("forced past the gate of staging for " + SHA, "succeeded: 4 migrations applied");
        assertThat(state.column("SELECT kind || ': ' || coalesce(reason, '') FROM slipway.gate_events ORDER BY at"))
                .containsExactly("migrate-refused: ", "migrate-forced: hotfix for INC-4711");
    }

    @Test
    void migrateRunsAfterAPassingVerdictAndASecondRunAppliesNothing(TestDatabase target, TestDatabase state)
            throws IOException {
        config(target, state, "cli-healthy", "");
        assertThat(slipway("gate", "--env", "staging", "--commit", SHA)).isZero();

        assertThat(slipway("migrate", "--env", "staging", "--commit", SHA)).as(out + err).isZero();
        assertThat(out).contains("succeeded: 4 migrations applied");
        assertThat(slipway("migrate", "--env", "staging", "--commit", SHA)).as(out + err).isZero();
        assertThat(out).contains("up to date: 0 migrations applied");
        assertThat(target.value("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo("4");
    }

    @Test
    void migrateOfAGatedEnvironmentWithoutACommitIsRefusedUnlessForced(TestDatabase target, TestDatabase state)
            throws IOException {
        config(target, state, "cli-healthy", "");

        assertThat(slipway("migrate", "--env", "staging")).as(out + err).isEqualTo(1);
        assertThat(err).contains("refusing to migrate staging: it has a gate", "no commit was given", "--commit SHA",
                "SLIPWAY_COMMIT", "--force --reason");
        assertThat(target.tableExists("customers")).isFalse();

        assertThat(slipway("migrate", "--env", "staging", "--force", "--reason", "first install")).as(out + err).isZero();
        assertThat(out).contains("forced without a commit or a gate verdict for staging: first install",
                "succeeded: 4 migrations applied");
        assertThat(state.column("SELECT kind || ': ' || coalesce(commit_sha, '-') || ': ' || coalesce(reason, '') "
                + "FROM slipway.gate_events ORDER BY at"))
                .containsExactly("migrate-refused: -: ", "migrate-forced: -: first install");
    }

    @Test
    void migrateOfACommitTheGateHasNotJudgedIsRefused(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");
        env.put("SLIPWAY_COMMIT", SHA);

        assertThat(slipway("migrate", "--env", "staging")).as(out + err).isEqualTo(1);
        assertThat(err).contains("refusing to migrate staging", "no gate verdict was found for commit " + SHA,
                "slipway gate --env staging --commit " + SHA);
        assertThat(target.tableExists("customers")).isFalse();

        assertThat(slipway("gate", "--env", "staging")).as("a passing verdict for that commit").isZero();
        assertThat(slipway("migrate", "--env", "staging")).as(out + err).isZero();
        assertThat(target.tableExists("customers")).isTrue();
    }

    @Test
    void migrateOfAnEnvironmentWithoutAGateNeedsNoVerdict(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        assertThat(slipway("migrate", "--env", "nogate", "--commit", SHA)).as(out + err).isZero();
        assertThat(slipway("migrate", "--env", "nogate")).as(out + err).isZero();
        assertThat(out).contains("up to date: 0 migrations applied");
    }

    @Test
    void forceWithoutReasonIsRefused(TestDatabase target, TestDatabase state) throws IOException {
        config(target, state, "cli-healthy", "");

        assertThat(slipway("migrate", "--env", "staging", "--force")).isEqualTo(2);
        assertThat(err).contains("--force and --reason go together");
    }
}
