package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway serve} (the packaged jar) whose state database is left at its default, the preview server's own
 * database, with a preview user that may create databases but not schemas there.
 */
@ExtendWith(PostgresExtension.class)
class ServeStateIT {

    private static final String PREVIEW_USER = "slipway_it_previews";

    @TempDir
    Path dir;

    @Test
    void aStateDatabaseThePreviewUserMayNotCreateTheSchemaInStopsServeWithWhatToGrant(TestDatabase db) throws Exception {
        db.role(PREVIEW_USER, "LOGIN CREATEDB");
        ConnectionSpec server = db.spec().withDatabase("postgres");
        Path config = Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                serve:
                  port: 0
                  repository:
                    name: acme/shop
                    url: %s
                    migrations: migrations/flyway
                    poll: off
                  status:
                    forge: none
                  previews:
                    server:
                      url: %s
                      user: %s
                    golden: golden
                """.formatted(dir.resolve("repo").toUri(), server.url(), PREVIEW_USER));
        Path log = dir.resolve("serve.log");

        Process process = new ProcessBuilder(RepoFolders.packagedSlipway("serve", "--config", config.toString(),
                "--cache-dir", dir.resolve("cache").toString())).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("serve stops").isTrue();
        } finally {
            process.destroyForcibly();
        }

        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("database 'postgres'", "user '" + PREVIEW_USER + "'",
                "42501", "GRANT CREATE ON DATABASE \"postgres\" TO \"" + PREVIEW_USER + "\"", "set state: in slipway.yaml")
                .doesNotContain("\tat ");
        assertThat(db.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'slipway'")).isEqualTo("0");
    }
}
