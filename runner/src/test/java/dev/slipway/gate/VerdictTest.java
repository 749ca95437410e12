package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final CheckResult PASS = CheckResult.pass("a", "1", "≥ 1", "fine");
    private static final CheckResult FAIL = CheckResult.fail("b", "0", "≥ 1", "too few");
    private static final CheckResult UNKNOWN = CheckResult.unknown("c", "≥ 1", "no data");

    @Test
    void passesWhenEveryCheckPasses() {
        assertThat(Verdict.decide(List.of(PASS, PASS), false)).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void oneFailedCheckFailsTheVerdictWhateverThePolicy() {
        assertThat(Verdict.decide(List.of(PASS, FAIL), true)).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void unknownFailsUnlessTheEnvironmentLetsItPass() {
        assertThat(Verdict.decide(List.of(PASS, UNKNOWN), false)).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(Verdict.decide(List.of(PASS, UNKNOWN), true)).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void blockingListsWhatFailedTheVerdict() {
        Verdict v = new Verdict(java.util.UUID.randomUUID(), "prod", "abc", java.time.Instant.EPOCH,
                Verdict.Outcome.FAIL, false, List.of(PASS, FAIL, UNKNOWN), 3);

        assertThat(v.blocking()).containsExactly(FAIL, UNKNOWN);
        assertThat(v.exitCode()).isEqualTo(1);
    }

    @Test
    void reasonIsKeptOnOneLine() {
        CheckResult c = CheckResult.fail("x", null, null, "first line\n  - second\nthird");

        assertThat(c.reason()).isEqualTo("first line - second third");
        assertThat(c.observed()).isEqualTo("-");
    }
}
