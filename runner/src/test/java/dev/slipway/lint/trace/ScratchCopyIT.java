package dev.slipway.lint.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.env.CloneStrategy;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The traced run's copy is made the way previews are cloned, on a real PostgreSQL (15, and 18 in the pg18 run). */
@ExtendWith(PostgresExtension.class)
class ScratchCopyIT {

    @Test
    void aSmallDatabaseIsCopiedThroughTheWalLikeASmallPreviewAndDroppedAfter(TestDatabase db) {
        db.execute("CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 1000)");
        String name;
        try (ScratchCopy copy = ScratchCopy.of(db.spec())) {
            name = copy.name();
            assertThat(copy.strategy().strategy()).isEqualTo(CloneStrategy.WAL_LOG);
            assertThat(copy.strategy().clause()).isEqualTo(" STRATEGY WAL_LOG");
            assertThat(copy.strategy().reason()).contains("is under 128 MB");
            assertThat(count(copy.connection())).isEqualTo(1000);
        }
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")).isEqualTo("0");
    }

    private static long count(dev.slipway.db.ConnectionSpec copy) {
        try (java.sql.Connection c = copy.open("scratch-it", null); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
