package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PdbJudgeTest {

    private static PdbStatus pdb(long generation, long observed, int allowed, String condition) {
        return new PdbStatus("shop", "web", generation, observed, allowed, 3, 2, condition,
                "True".equals(condition) ? "SufficientPods" : "InsufficientPods");
    }

    @Test
    void healthyBudgetPassesAndReportsHealthyCounts() {
        CheckResult c = PdbJudge.judge(pdb(2, 2, 1, "True"), 1);

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.name()).isEqualTo("pdb:shop/web");
        assertThat(c.observed()).contains("disruptionsAllowed 1", "healthy 3/2", "generation 2/2");
    }

    @Test
    void zeroDisruptionsAllowedFails() {
        CheckResult c = PdbJudge.judge(pdb(2, 2, 0, "False"), 1);

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.reason()).contains("only 0 disruptions allowed", "rollout would block");
    }

    @Test
    void staleObservedGenerationFailsFirst() {
        CheckResult c = PdbJudge.judge(pdb(3, 2, 1, "True"), 1);

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.reason()).contains("stale status", "observedGeneration 2 is behind generation 3");
    }

    @Test
    void conditionNotTrueFailsWithItsReason() {
        CheckResult c = PdbJudge.judge(pdb(2, 2, 1, "False"), 1);

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.reason()).contains("DisruptionAllowed is False", "InsufficientPods");
    }

    @Test
    void higherMinimumIsHonoured() {
        assertThat(PdbJudge.judge(pdb(2, 2, 1, "True"), 2).result()).isEqualTo(CheckResult.Result.FAIL);
    }

    @Test
    void noStatusYetIsUnknown() {
        CheckResult c = PdbJudge.judge(new PdbStatus("shop", "web", 1L, null, null, null, null, null, null), 1);

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
    }
}
