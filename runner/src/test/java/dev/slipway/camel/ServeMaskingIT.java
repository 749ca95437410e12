package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * serve lints each pull request against the masking rules of the pull request's own head
 * ({@code serve.repository.masking}): a column they do not cover fails the commit status naming the rule, and the
 * same pull request adding the column's rule passes; rules that do not load fail the build naming the file.
 */
class ServeMaskingIT extends ServeTestBase {

    private static final String PHONE = "ALTER TABLE customers ADD COLUMN phone text;\n";

    @Test
    void aColumnTheHeadsMaskingRulesDoNotCoverFailsAndAddingItsRuleInThePullRequestPasses(TestDatabase source,
                                                                                         TestDatabase state)
            throws IOException {
        String rules = Files.readString(RepoFolders.path("migrations/masking.yaml"));
        serve = ServeFixture.create(source, state, forge, dir, "").edit(c -> c.replace("    migrations: migrations/flyway\n",
                "    migrations: migrations/flyway\n    masking: migrations/masking.yaml\n"));
        serve.git.pushToMain(Map.of("migrations/masking.yaml", rules), "masking rules");
        serve.start();
        String bad = serve.git.openPullRequest(7, "phone", Map.of("migrations/flyway/V5__phone.sql", PHONE));
        serve.pullRequest("opened", 7, bad, "phone", false, "2026-11-24T10:00:00Z");

        JsonNode failed = serve.awaitPreview(7, "failed", bad);
        String covered = rules.replace("      status: keep\n",
                "      status: keep\n      phone: {transformer: phone, keep_prefix: 2}\n");
        String fix = serve.git.pushToPullRequest(7, Map.of("migrations/masking.yaml", covered), "mask phone");
        serve.pullRequest("synchronize", 7, fix, "phone", false, "2026-11-24T10:05:00Z");
        JsonNode ready = serve.awaitPreview(7, "ready", fix);

        assertThat(failed.at("/lastRun/summary").asText())
                .isEqualTo("1 migration applied; lint: 1 error, 0 warnings (errors: masking-coverage)");
        JsonNode finding = serve.api("/api/v1/runs/" + failed.at("/lastRun/id").asText()).at("/detail/lint/findings/0");
        assertThat(finding.path("rule").asText()).isEqualTo("masking-coverage");
        assertThat(finding.path("file").asText()).endsWith("V5__phone.sql");
        assertThat(finding.path("message").asText()).isEqualTo("column public.customers.phone is not covered by the "
                + "masking rules: add `phone: keep` (or a transformer) under `public.customers: columns:` in "
                + "migrations/masking.yaml");
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.requests().stream()
                .anyMatch(r -> r.path().endsWith("/statuses/" + fix) && r.body().contains("\"state\":\"success\"")));
        assertThat(forge.requests()).anySatisfy(r -> {
            assertThat(r.path()).endsWith("/statuses/" + bad);
            assertThat(r.body()).contains("\"state\":\"failure\"", "masking-coverage");
        });
        assertThat(ready.at("/lastRun/summary").asText()).isEqualTo("1 migration applied; lint: 0 errors, 0 warnings");

        String broken = serve.git.pushToPullRequest(7, Map.of("migrations/masking.yaml",
                covered.replace("{transformer: phone, keep_prefix: 2}", "phon")), "typo");
        serve.pullRequest("synchronize", 7, broken, "phone", false, "2026-11-24T10:10:00Z");
        JsonNode error = serve.awaitPreview(7, "failed", broken);
        assertThat(error.at("/lastRun/state").asText()).isEqualTo("error");
        assertThat(error.at("/lastRun/summary").asText()).startsWith("error: migrations/masking.yaml has 1 problem:")
                .contains("tables.public.customers.columns.phone: unknown transformer 'phon'", "did you mean phone");
    }
}
