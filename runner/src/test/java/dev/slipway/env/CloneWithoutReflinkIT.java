package dev.slipway.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL 18 server set to {@code file_copy_method = clone} whose data directory is on a file system without
 * reflink (the temporary folder's: ext4 or overlay here): PostgreSQL's clone quietly copies every byte, and the
 * preview records {@code file_copy} and why, not {@code file_copy_clone}. Runs in the pg18 Failsafe execution.
 */
class CloneWithoutReflinkIT {

    private static final List<String> NO_REFLINK = List.of("ext2/ext3", "ext3", "ext4", "overlay", "tmpfs");

    @TempDir
    Path dir;

    private EmbeddedServer server;

    @BeforeEach
    void startAServerThatClonesOnAFileSystemWithoutReflink() throws IOException {
        assertThat(Files.getFileStore(dir).type()).as("the file system of %s must have no reflink", dir)
                .isIn(NO_REFLINK);
        server = EmbeddedServer.start(dir.resolve("data"), Map.of("file_copy_method", "clone"), null);
        assertThat(server.majorVersion()).as("the server must be PostgreSQL 18 (file_copy_method)").isEqualTo(18);
        server.execute("CREATE DATABASE golden");
        sql(server.spec("golden"), "CREATE TABLE orders AS SELECT g AS id, 'order ' || g AS note "
                + "FROM generate_series(1, 1000) g");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCloneThatPostgresCopiedIsRecordedAsAFileCopyAndSaysWhy() throws Exception {
        String data = value(server.spec("postgres"), "SHOW data_directory");

        PreviewTarget.Clone clone = new TemplateClone(server.spec("postgres"), "golden", ClonePreference.AUTO)
                .into("preview_1");

        assertThat(clone.strategy()).isEqualTo("file_copy");
        assertThat(clone.reason()).isEqualTo("file_copy_method = clone, but " + data + "'s file system has no reflink: "
                + "PostgreSQL copied every file");
        assertThat(value(server.spec("preview_1"), "SELECT count(*) FROM orders")).isEqualTo("1000");
        try (Stream<Path> files = Files.list(Path.of(data))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the probe files are gone")
                    .noneMatch(n -> n.startsWith("slipway-reflink-probe"));
        }
    }

    @Test
    void aForcedFileCopyOnAServerSetToCloneSaysItCopiedToo() {
        PreviewTarget.Clone forced = new TemplateClone(server.spec("postgres"), "golden", ClonePreference.FILE_COPY)
                .into("preview_2");

        assertThat(forced.strategy()).isEqualTo("file_copy");
        assertThat(forced.reason()).startsWith("forced by serve.previews.cloneStrategy; file_copy_method = clone, but ")
                .endsWith("has no reflink: PostgreSQL copied every file");
    }

    private static void sql(ConnectionSpec spec, String sql) {
        try (Connection c = spec.open("slipway-test", null); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String value(ConnectionSpec spec, String sql) {
        try (Connection c = spec.open("slipway-test", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
