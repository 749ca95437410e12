package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.ReflinkVolume;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import dev.slipway.env.TemplateClone;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thin previews: serve's previews on a PostgreSQL 18 server whose data directory is on a reflink XFS volume with
 * {@code file_copy_method = clone}. The local provider picks {@code STRATEGY FILE_COPY}, says so in the build record,
 * the API and the status page, and the preview's files share the golden's blocks. Runs as root (it loop-mounts the
 * volume) in the pg18 Failsafe execution; it fails, saying why, where it cannot mount.
 */
class ThinCloneIT extends ServeTestBase {

    private Path volumeDir;
    private ReflinkVolume volume;
    private EmbeddedServer previews;

    @BeforeEach
    void startPreviewServerOnAReflinkVolume() throws IOException {
        volumeDir = Files.createTempDirectory("slipway-thin-");
        volume = ReflinkVolume.create(volumeDir, 1L << 30);
        previews = EmbeddedServer.start(volume.root().resolve("data"), Map.of("file_copy_method", "clone"), null);
        assertThat(previews.majorVersion()).as("the preview server must be PostgreSQL 18 (file_copy_method)").isEqualTo(18);
    }

    @AfterEach
    void stopAndUnmount() throws IOException {
        if (serve != null) {
            serve.close();
            serve = null;
        }
        if (previews != null) {
            previews.close();
        }
        if (volume != null) {
            volume.close();
        }
        Files.deleteIfExists(volumeDir);
    }

    @Test
    void aPreviewIsAReflinkCloneThatSharesTheGoldensBlocks(TestDatabase source, TestDatabase state) throws Exception {
        ConnectionSpec admin = previews.spec("postgres");
        serve = ServeFixture.create(source, state, admin, forge, dir, "");
        grow(admin.withDatabase(serve.golden));
        serve.start();
        String sha = serve.git.openPullRequest(1, "feature/nickname", Map.of("migrations/flyway/V5__nickname.sql",
                ServeIT.SAFE));

        serve.pullRequest("opened", 1, sha, "feature/nickname", false, "2026-11-24T10:00:00Z");
        JsonNode p = serve.awaitPreview(1, "ready", sha);

        assertThat(p.at("/lastRun/cloneStrategy").asText()).isEqualTo("file_copy_clone");
        assertThat(p.at("/lastRun/cloneMillis").isNumber()).isTrue();
        assertThat(serve.get("/").body()).contains("cloned with file_copy_clone in ");
        Path orders = relationFile(admin.withDatabase(p.get("preview").asText()), "orders");
        assertThat(ReflinkVolume.sharedBytes(orders)).as("bytes of %s in shared extents", orders)
                .isGreaterThan(Files.size(orders) * 9 / 10);
    }

    @Test
    void moreClonesOfTheGoldenTakeAlmostNoSpace(TestDatabase source, TestDatabase state) {
        ConnectionSpec admin = previews.spec("postgres");
        serve = ServeFixture.create(source, state, admin, forge, dir, "");
        long golden = grow(admin.withDatabase(serve.golden));
        TemplateClone clone = new TemplateClone(admin, serve.golden, ClonePreference.AUTO);
        ServeFixture.sql(admin, "CHECKPOINT");
        long before = volume.usedBytes();

        for (int i = 1; i <= 4; i++) {
            assertThat(clone.into("preview_thin_" + i).strategy()).isEqualTo("file_copy_clone");
        }

        assertThat(volume.usedBytes() - before).as("space used by 4 clones of a %d-byte golden", golden)
                .isLessThan(golden / 2);
    }

    /** Adds about 40 MB of generated orders (no personal data) to the masked golden; returns its size. */
    private static long grow(ConnectionSpec golden) {
        ServeFixture.sql(golden, "INSERT INTO orders (customer_id, total, placed_at) SELECT c.id, 10 + g % 90, now() "
                + "FROM generate_series(1, 10000) g, (SELECT id FROM customers LIMIT 50) c");
        return Long.parseLong(ServeFixture.query(golden, "SELECT pg_database_size(current_database())"));
    }

    private static Path relationFile(ConnectionSpec db, String table) {
        return Path.of(ServeFixture.query(db, "SELECT current_setting('data_directory') || '/' || pg_relation_filepath('"
                + table + "')"));
    }
}
