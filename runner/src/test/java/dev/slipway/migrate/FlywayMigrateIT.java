package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class FlywayMigrateIT {

    @TempDir
    Path dir;

    @Test
    void appliesTheShippedMigrationsAndRecordsTheRun(TestDatabase db) {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir);
        MigrateFixture fx = new MigrateFixture();

        MigrationReport report = fx.flyway(db, files.dir());

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).extracting(StepReport::migration).containsExactly(
                "V1__create_customers.sql", "V2__create_orders.sql", "V3__index_orders_customer_id.sql",
                "V4__add_customers_status.sql");
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_id_idx'::regclass"))
                .isEqualTo("t");
        assertThat(db.value("SELECT outcome FROM slipway.runs WHERE id = '" + report.runId() + "'")).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FROM slipway.run_steps WHERE run_id = '" + report.runId() + "'")).isEqualTo("4");
    }
}
