package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.GateConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SloQueriesTest {

    private static final GateConfig.BurnWindow SHORT = new GateConfig.BurnWindow(Duration.ofHours(1), 14.4);
    private static final GateConfig.BurnWindow LONG = new GateConfig.BurnWindow(Duration.ofHours(6), 6);

    @Test
    void slothReadsItsRecordingRules() {
        GateConfig.Slo slo = new GateConfig.Slo("c", "checkout", "availability", null, null, 0, SHORT, LONG);

        assertThat(SloQueries.budget(slo))
                .isEqualTo("slo:period_error_budget_remaining:ratio{sloth_service=\"checkout\", sloth_slo=\"availability\"}");
        assertThat(SloQueries.burn(slo, Duration.ofHours(6))).isEqualTo(
                "slo:sli_error:ratio_rate6h{sloth_service=\"checkout\", sloth_slo=\"availability\"}"
                        + " / ignoring(sloth_window) slo:error_budget:ratio{sloth_service=\"checkout\", sloth_slo=\"availability\"}");
    }

    @Test
    void rawQueriesGetTheWindow() {
        GateConfig.Slo slo = new GateConfig.Slo("c", null, null, "budget_left", "errors[$window] / ok[$window]", 0,
                SHORT, LONG);

        assertThat(SloQueries.budget(slo)).isEqualTo("budget_left");
        assertThat(SloQueries.burn(slo, Duration.ofMinutes(30))).isEqualTo("errors[30m] / ok[30m]");
    }

    @Test
    void windowsAreNamedTheWaySlothNamesThem() {
        assertThat(SloQueries.window(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(SloQueries.window(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(SloQueries.window(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(SloQueries.window(Duration.ofMinutes(90))).isEqualTo("90m");
    }
}
