package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.bench.cli.BenchCli;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code slipway bench serve} run tiny, through the CLI: the shape and sanity of its report, never its speed targets. */
@ExtendWith(PostgresExtension.class)
class ServeBenchIT {

    @Test
    void benchServeMeasuresIntakePushToReadyAndReconcileAndCleansUp(TestDatabase db) throws Exception {
        StringWriter out = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("SLIPWAY_HOME", RepoFolders.path("").toString()));
        if (db.spec().password() != null) {
            env.put("SLIPWAY_PASSWORD", db.spec().password());
        }

        int exit = BenchCli.run(env, new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "serve",
                "--url", db.url(), "--user", db.user(), "--prs", "5", "--deliveries", "200", "--golden-mb", "2", "--json");

        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertThat(exit).as(out.toString()).isEqualTo(r.at("/checks").findValues("passed").stream()
                .allMatch(JsonNode::asBoolean) ? 0 : 1);
        assertIntake(r.get("intake"));
        assertIntake(r.get("paced"));
        assertPushToReady(r.get("pushToReady"));
        assertReconcile(r.get("reconcile"));
        assertThat(r.get("checks").size()).isBetween(6, 7);
        assertThat(r.at("/machine/postgres").asText()).startsWith("PostgreSQL ");
        assertThat(db.column("SELECT datname FROM pg_database WHERE datname LIKE 'slipway\\_bench\\_%' "
                + "OR shobj_description(oid, 'pg_database') LIKE '%slipway-bench/%'")).isEmpty();
    }

    private static void assertIntake(JsonNode intake) {
        assertThat(intake.get("deliveries").asInt()).isEqualTo(200);
        assertThat(intake.get("failed").asInt()).isZero();
        assertThat(intake.get("perSecond").asDouble()).isPositive();
        assertThat(intake.at("/answers/queries").asInt()).isEqualTo(200);
        assertThat(intake.at("/answers/p99Ms").asDouble()).isPositive()
                .isGreaterThanOrEqualTo(intake.at("/answers/p50Ms").asDouble());
        assertThat(intake.get("deliveriesFor").asText()).contains("not the watched repository");
    }

    private static void assertPushToReady(JsonNode p) {
        assertThat(p.get("goldenBytes").asLong()).isGreaterThanOrEqualTo(2_000_000);
        assertThat(p.get("customers").asLong()).isPositive();
        assertThat(p.get("migrations").asInt()).isEqualTo(5);
        assertThat(p.get("pushToReadyMs").asLong()).isPositive();
        assertThat(p.get("cloneMs").asLong()).isPositive();
        assertThat(p.get("flywayMs").asLong()).isPositive();
        assertThat(p.get("toBuildStartMs").asLong()).isNotNegative();
        assertThat(p.get("buildMs").asLong()).isPositive().isLessThanOrEqualTo(p.get("pushToReadyMs").asLong());
        assertThat(p.get("slipwayMigrateMs").asLong()).isPositive().isLessThanOrEqualTo(p.get("buildMs").asLong());
        assertThat(p.get("overheadMs").asLong()).isEqualTo(p.get("pushToReadyMs").asLong() - p.get("cloneMs").asLong()
                - p.get("flywayMs").asLong());
        assertThat(p.get("rounds")).hasSize(3);
        assertThat(p.get("slipwayStepsMs")).hasSize(5);
        assertThat(p.get("flywayStepsMs")).hasSize(5);
        if (!p.get("dumpRestoreMs").isNull()) {
            double ratio = p.get("dumpRestoreMs").asDouble() / p.get("pushToReadyMs").asDouble();
            assertThat(p.get("dumpRestoreRatio").asDouble()).isCloseTo(ratio, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    private static void assertReconcile(JsonNode r) {
        assertThat(r.get("previews").asInt()).isEqualTo(5);
        assertThat(r.get("runsMs")).hasSize(10);
        assertThat(r.get("maxMs").asDouble()).isGreaterThanOrEqualTo(r.get("medianMs").asDouble());
        assertThat(r.at("/memory/rssKb").asLong()).isPositive();
        assertThat(r.at("/memory/peakKb").asLong()).isGreaterThanOrEqualTo(r.at("/memory/rssKb").asLong());
    }
}
