package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint.queries} (relative to slipway.yaml) and {@code lint.trace.planCostRatio}. */
class PlanCheckConfigTest {

    @TempDir
    Path dir;

    private SlipwayConfig load(String lint) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("slipway.yaml"), "migrations:\n  engine: flyway\n" + lint));
    }

    @Test
    void unsetMeansTheDefaultFileAndATwofoldCost() throws IOException {
        SlipwayConfig c = load("");
        assertThat(c.lint().queries()).isNull();
        assertThat(c.lint().planCostRatio()).isEqualTo(2.0);
    }

    @Test
    void queriesAreRelativeToTheFileAndTheRatioIsRead() throws IOException {
        SlipwayConfig c = load("lint:\n  queries: db/queries.sql\n  trace:\n    planCostRatio: 3.5\n");
        assertThat(c.lint().queries()).isEqualTo(dir.resolve("db/queries.sql").toAbsolutePath().normalize());
        assertThat(c.lint().planCostRatio()).isEqualTo(3.5);
    }

    @Test
    void refusesARatioBelowOne() {
        assertThatThrownBy(() -> load("lint:\n  trace:\n    planCostRatio: 0.5\n"))
                .hasMessageContaining("lint.trace.planCostRatio").hasMessageContaining("expected a ratio of at least 1");
    }
}
