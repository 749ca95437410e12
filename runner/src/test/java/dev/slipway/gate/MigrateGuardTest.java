package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MigrateGuardTest {

    private static Optional<Verdict> verdict(Verdict.Outcome outcome) {
        return Optional.of(new Verdict(UUID.randomUUID(), "prod", "abc", Instant.EPOCH, outcome, false, List.of(), 1));
    }

    @Test
    void noVerdictLetsTheRunGoWhereNoGateIsConfigured() {
        assertThat(MigrateGuard.decide(Optional.empty(), false, false)).isEqualTo(MigrateGuard.Decision.NO_VERDICT);
    }

    @Test
    void noVerdictRefusesTheRunWhereAGateIsConfiguredUnlessForced() {
        assertThat(MigrateGuard.decide(Optional.empty(), true, false)).isEqualTo(MigrateGuard.Decision.REFUSED);
        assertThat(MigrateGuard.decide(Optional.empty(), true, true)).isEqualTo(MigrateGuard.Decision.FORCED);
    }

    @Test
    void passedVerdictLetsTheRunGo() {
        assertThat(MigrateGuard.decide(verdict(Verdict.Outcome.PASS), true, false)).isEqualTo(MigrateGuard.Decision.PASSED);
    }

    @Test
    void failedVerdictRefusesUnlessForced() {
        for (boolean gated : new boolean[] {false, true}) {
            assertThat(MigrateGuard.decide(verdict(Verdict.Outcome.FAIL), gated, false)).isEqualTo(MigrateGuard.Decision.REFUSED);
            assertThat(MigrateGuard.decide(verdict(Verdict.Outcome.FAIL), gated, true)).isEqualTo(MigrateGuard.Decision.FORCED);
        }
    }
}
