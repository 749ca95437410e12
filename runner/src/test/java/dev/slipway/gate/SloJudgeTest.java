package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.GateConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloJudgeTest {

    private static final GateConfig.Slo SLO = new GateConfig.Slo("checkout", "checkout", "availability", null, null,
            0.25, new GateConfig.BurnWindow(Duration.ofHours(1), 14.4), new GateConfig.BurnWindow(Duration.ofHours(6), 6));

    private static PromResult value(double v) {
        return new PromResult.Sample(v, Map.of());
    }

    @Test
    void healthyBudgetPasses() {
        CheckResult c = SloJudge.budget(SLO, value(0.62));

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.name()).isEqualTo("slo-budget:checkout");
        assertThat(c.observed()).isEqualTo("62.0% left");
        assertThat(c.threshold()).isEqualTo("≥ 25.0% left");
    }

    @Test
    void burnedBudgetFailsWithTheShareLeft() {
        CheckResult c = SloJudge.budget(SLO, value(0.1));

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.reason()).contains("error budget burned", "10.0% left", "25.0%");
    }

    @Test
    void overspentBudgetIsNegativeAndFails() {
        assertThat(SloJudge.budget(SLO, value(-0.3)).result()).isEqualTo(CheckResult.Result.FAIL);
    }

    @Test
    void budgetExactlyAtTheMinimumPasses() {
        assertThat(SloJudge.budget(SLO, value(0.25)).result()).isEqualTo(CheckResult.Result.PASS);
    }

    @Test
    void nanIsUnknown() {
        CheckResult c = SloJudge.budget(SLO, value(Double.NaN));

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(c.reason()).contains("NaN");
    }

    @Test
    void emptyResultIsUnknown() {
        CheckResult c = SloJudge.budget(SLO, new PromResult.Empty());

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(c.reason()).contains("matched no series");
    }

    @Test
    void severalSeriesAreUnknown() {
        assertThat(SloJudge.budget(SLO, new PromResult.Many(3)).reason()).contains("3 series");
    }

    @Test
    void failedQueryIsUnknownWithPrometheusText() {
        CheckResult c = SloJudge.burn(SLO, new PromResult.Failed("1:3: parse error (bad_data)"), value(1));

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(c.reason()).contains("1h burn-rate query of SLO checkout", "parse error");
    }

    @Test
    void fastBurnInBothWindowsFails() {
        CheckResult c = SloJudge.burn(SLO, value(20), value(8));

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.observed()).isEqualTo("1h 20.00×, 6h 8.00×");
        assertThat(c.threshold()).isEqualTo("1h ≤ 14.40× or 6h ≤ 6.00×");
        assertThat(c.reason()).contains("fast burn");
    }

    @Test
    void aShortSpikeAlonePasses() {
        CheckResult c = SloJudge.burn(SLO, value(20), value(2));

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.reason()).contains("short spike");
    }

    @Test
    void aLongBurnThatStoppedPassesAsRecovering() {
        CheckResult c = SloJudge.burn(SLO, value(1), value(7));

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.reason()).contains("recovering");
    }

    @Test
    void infiniteBurnCountsAsOver() {
        assertThat(SloJudge.burn(SLO, value(Double.POSITIVE_INFINITY), value(Double.POSITIVE_INFINITY)).result())
                .isEqualTo(CheckResult.Result.FAIL);
    }

    @Test
    void burnAtTheLimitPasses() {
        assertThat(SloJudge.burn(SLO, value(14.4), value(6)).result()).isEqualTo(CheckResult.Result.PASS);
    }

    @Test
    void unknownInTheLongWindowIsUnknown() {
        CheckResult c = SloJudge.burn(SLO, value(20), value(Double.NaN));

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(c.reason()).contains("6h burn-rate query", "NaN");
    }
}
