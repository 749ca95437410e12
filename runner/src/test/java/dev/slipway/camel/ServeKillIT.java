package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code slipway serve} as its own process (the packaged jar), killed with SIGKILL while a migration runs, then
 * restarted: the build is recorded as interrupted, the preview is rebuilt from a fresh clone, nothing is applied
 * twice.
 */
class ServeKillIT extends ServeTestBase {

    /** Sleeps while a session named {@value #HOLD} is connected anywhere on the server, else returns at once. */
    private static final String HOLD = "slipway-test-hold";
    private static final String SLOW = "SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM pg_stat_activity "
            + "WHERE application_name = '" + HOLD + "') THEN 25 ELSE 0 END);\nALTER TABLE customers ADD COLUMN note text;\n";

    private static final String SLEEPING =
            "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' AND state = 'active'";

    private Process process;

    @AfterEach
    void stopProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aServeKilledMidMigrationIsCaughtUpByTheNextOne(TestDatabase source, TestDatabase state) throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "");
        String sha = serve.git.openPullRequest(1, "slow", Map.of("migrations/flyway/V5__slow.sql", SLOW));
        try (Connection hold = serve.admin().open(HOLD, null)) {
            String url = startProcess();
            serve.deliverTo(url, 1, sha);
            await().atMost(Duration.ofSeconds(60)).until(() -> !ServeFixture.query(serve.admin(),
                    "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' AND state = 'active'").isEmpty());

            process.destroyForcibly().waitFor();
            assertThat(process.exitValue()).isEqualTo(137);
        }
        serve.start();

        JsonNode ready = serve.awaitPreview(1, "ready", sha);
        assertThat(ready.get("runs")).extracting(r -> r.get("state").asText() + "/" + r.get("reason").asText())
                .containsExactly("succeeded/interrupted", "interrupted/create");
        assertThat(ServeFixture.query(serve.admin().withDatabase(ready.get("preview").asText()),
                "SELECT count(*) || ':' || bool_and(success) FROM flyway_schema_history WHERE script = 'V5__slow.sql'"))
                .isEqualTo("1:true");
    }

    @Test
    void aLeaderCutOffMidBuildRecordsItInterruptedReportsNothingAndTheNextLeaderRebuilds(TestDatabase source,
                                                                                       TestDatabase state) throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "").start("cut");
        await().atMost(Duration.ofSeconds(10)).until(() -> serve.app().leadership().isLeader());
        String sha = serve.git.openPullRequest(1, "slow", Map.of("migrations/flyway/V5__slow.sql", SLOW));
        ConnectionSpec stateDb = serve.admin().withDatabase(state.name());
        try (Connection rival = stateDb.open("slipway-test-rival", null)) {
            try (Connection hold = serve.admin().open(HOLD, null)) {
                serve.pullRequest("opened", 1, sha, "slow", false, "2026-11-24T10:00:00Z");
                await().atMost(Duration.ofSeconds(60)).until(() -> !ServeFixture.query(serve.admin(), SLEEPING).isEmpty());

                // the leader's lock session dies and another replica holds the lock before it can come back
                ServeFixture.sql(stateDb, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = 'slipway-leader/cut'");
                try (var st = rival.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + ServeApp.lockKey(serve.repo) + ")");
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> !serve.app().leadership().isLeader());
                ServeFixture.sql(serve.admin(), "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE "
                        + "query LIKE 'SELECT pg_sleep(CASE%' AND state = 'active'");
                await().atMost(Duration.ofSeconds(30)).until(() -> ServeFixture.query(stateDb,
                        "SELECT state FROM slipway.preview_runs").equals("interrupted"));
            }
            assertThat(ServeFixture.query(stateDb, "SELECT summary FROM slipway.preview_runs"))
                    .contains("lost leadership");
            assertThat(forge.requests()).allSatisfy(r -> assertThat(r.body()).contains("\"state\":\"pending\""));
        }

        JsonNode ready = serve.awaitPreview(1, "ready", sha);
        assertThat(ready.get("runs")).extracting(r -> r.get("state").asText() + "/" + r.get("reason").asText())
                .containsExactly("succeeded/interrupted", "interrupted/create");
        assertThat(forge.requests()).extracting(r -> r.body().replaceAll(".*\"state\":\"(\\w+)\".*", "$1"))
                .containsExactly("pending", "pending", "success");
    }

    private String startProcess() throws IOException {
        Path log = dir.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(RepoFolders.packagedSlipway("serve",
                "--config", serve.configFile().toString(), "--routes", RepoFolders.path("routes").toString(),
                "--instance", "doomed", "--cache-dir", dir.resolve("cache-doomed").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(serve.env());
        process = pb.start();
        Pattern up = Pattern.compile("\"url\":\"(http://[^\"]+)\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> up.matcher(Files.readString(log)).find() || !process.isAlive());
        Matcher m = up.matcher(Files.readString(log));
        assertThat(m.find()).as("serve started; its log:%n%s", Files.readString(log)).isTrue();
        return m.group(1);
    }
}
