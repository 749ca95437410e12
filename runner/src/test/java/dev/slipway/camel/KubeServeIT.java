package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole loop with provider {@code kubernetes}: webhook → preview namespace restored from the golden snapshot on the
 * mock API server → the pull request's migrations linted and applied on a real PostgreSQL → commit status → merge →
 * namespace and snapshot content deleted.
 */
class KubeServeIT extends ServeTestBase {

    private KubeFixture kube;

    @AfterEach
    void stopKube() {
        if (serve != null) {
            serve.close();
            serve = null;
        }
        if (kube != null) {
            kube.close();
        }
    }

    @Test
    void buildsAPreviewNamespaceMigratesItAndDeletesItOnMerge(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "");
        kube = KubeFixture.start(serve.admin(), serve.golden);
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", true);
        serve.edit(text -> text.substring(0, text.indexOf("  previews:")) + """
                  previews:
                    provider: kubernetes
                    kubernetes:
                      goldenNamespace: %s
                      user: %s
                      storageClass: fast-ssd
                      readyTimeout: 20s
                      pollInterval: 20ms
                """.formatted(KubeFixture.GOLDEN_NAMESPACE, serve.admin().user())).start(kube.access());
        String sha = serve.git.openPullRequest(1, "feature/nickname", Map.of("migrations/flyway/V5__nickname.sql",
                ServeIT.SAFE));

        serve.pullRequest("opened", 1, sha, "feature/nickname", false, "2026-11-24T10:00:00Z");
        JsonNode p = serve.awaitPreview(1, "ready", sha);

        String ns = p.get("preview").asText();
        assertThat(ns).isEqualTo("preview-" + serve.repo.substring(serve.repo.indexOf('/') + 1) + "-pr-1");
        Namespace namespace = kube.cluster().admin().namespaces().withName(ns).get();
        assertThat(namespace.getMetadata().getAnnotations()).containsEntry("slipway.dev/state", "ready")
                .containsEntry("slipway.dev/head-commit", sha).containsEntry("slipway.dev/repo", serve.repo);
        assertThat(p.get("lastRun").get("summary").asText()).startsWith("1 migration applied; lint: 0 errors");
        assertThat(p.toString()).doesNotContainIgnoringCase("password");
        Lease lease = kube.cluster().admin().leases().inNamespace("slipway")
                .withName("slipway-serve-" + Long.toHexString(ServeApp.lockKey(serve.repo))).get();
        assertThat(lease.getSpec().getHolderIdentity()).as("leadership is a Lease in Slipway's namespace")
                .isEqualTo(serve.app().leadership().identity());
        assertThat(ServeFixture.query(serve.admin().withDatabase(ns), "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'customers' AND column_name = 'nickname'")).isEqualTo("1");

        serve.pullRequest("closed", 1, sha, "feature/nickname", true, "2026-11-24T10:10:00Z");

        await().atMost(Duration.ofSeconds(30)).until(() -> kube.cluster().admin().namespaces().withName(ns).get() == null);
        assertThat(kube.cluster().admin().resources(VolumeSnapshotContent.class).withName("slipway-" + ns).get()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> !kube.running(ns));
    }
}
