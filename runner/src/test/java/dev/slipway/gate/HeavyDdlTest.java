package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.config.FreezeWindow;
import dev.slipway.config.GateConfig;
import dev.slipway.lint.LockMode;
import dev.slipway.lint.MigrationTrace;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code migrations:window} on measurements as serve stores them (MigrationTrace through Json.MAPPER). */
class HeavyDdlTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final FreezeWindow NIGHT = new FreezeWindow.Weekly("night", BERLIN,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.parse("01:00"), LocalTime.parse("05:00"));
    private static final GateConfig.Heavy HEAVY = new GateConfig.Heavy(Duration.ofSeconds(1), 100L * 1024 * 1024,
            List.of(NIGHT));
    /** Monday 2026-12-07 15:00 in Berlin (CET). */
    private static final Instant MONDAY_AFTERNOON = Instant.parse("2026-12-07T14:00:00Z");

    private static final PreviewEvidence.Step RETYPE = new PreviewEvidence.Step("V7__retype_total.sql", "-12");
    private static final PreviewEvidence.Step NOTE = new PreviewEvidence.Step("V8__add_note.sql", "77");

    @Test
    void aLongAccessExclusiveLockAndABigRewriteAreHeavy() {
        List<String> why = HeavyDdl.reasons(trace(RETYPE, LockMode.ACCESS_EXCLUSIVE, 4200, 1_400_000_000L), HEAVY);

        assertThat(why).containsExactly("ACCESS EXCLUSIVE on public.orders held 4.2 s", "rewrote public.orders (1.3 GB)");
    }

    @Test
    void weakerOrShortLocksAndSmallRewritesAreLight() {
        assertThat(HeavyDdl.reasons(trace(NOTE, LockMode.ACCESS_EXCLUSIVE, 3, -1), HEAVY)).isEmpty();
        assertThat(HeavyDdl.reasons(trace(NOTE, LockMode.SHARE, 60_000, -1), HEAVY)).as("SHARE blocks writes only").isEmpty();
        assertThat(HeavyDdl.reasons(trace(NOTE, LockMode.ACCESS_EXCLUSIVE, 10, 8192), HEAVY)).isEmpty();
    }

    @Test
    void aHeavyMigrationOutsideTheWindowsFailsNamingItAndTheNextOpening() {
        CheckResult c = HeavyDdl.decide(HEAVY, List.of(RETYPE, NOTE), Map.of(
                RETYPE, trace(RETYPE, LockMode.ACCESS_EXCLUSIVE, 4200, 1_400_000_000L),
                NOTE, trace(NOTE, LockMode.ACCESS_EXCLUSIVE, 3, -1)), MONDAY_AFTERNOON);

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.name()).isEqualTo("migrations:window");
        assertThat(c.observed()).isEqualTo("1 heavy, 0 not traced, of 2 pending");
        assertThat(c.reason()).isEqualTo("needs a performance window: V7__retype_total.sql: ACCESS EXCLUSIVE on "
                + "public.orders held 4.2 s; rewrote public.orders (1.3 GB); the next window, 'night', opens "
                + "Tue 2026-12-08 01:00 Europe/Berlin (in 10 h 0 min)");
    }

    @Test
    void insideAWindowHeavyMigrationsGo() {
        CheckResult c = HeavyDdl.decide(HEAVY, List.of(RETYPE), Map.of(RETYPE,
                trace(RETYPE, LockMode.ACCESS_EXCLUSIVE, 4200, -1)), Instant.parse("2026-12-08T01:30:00Z"));

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.reason()).startsWith("inside performance window 'night'").contains("V7__retype_total.sql");
    }

    @Test
    void lightMigrationsGoAnyTime() {
        CheckResult c = HeavyDdl.decide(HEAVY, List.of(NOTE), Map.of(NOTE, trace(NOTE, LockMode.ACCESS_EXCLUSIVE, 3, -1)),
                MONDAY_AFTERNOON);

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.reason()).isEqualTo("no pending migration is heavy on its preview's traced run");
    }

    @Test
    void aMigrationNoPreviewTracedIsUnknownOutsideTheWindows() {
        CheckResult c = HeavyDdl.decide(HEAVY, List.of(NOTE), Map.of(), MONDAY_AFTERNOON);

        assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(c.reason()).contains("V8__add_note.sql is heavy", "serve.previews.trace", "'night', opens Tue");
    }

    @Test
    void weeklyWindowsOpenOnTheirNextDayInLocalTime() {
        assertThat(NIGHT.nextStart(Instant.parse("2026-12-11T14:00:00Z"))).as("Friday afternoon: next is Monday")
                .contains(Instant.parse("2026-12-14T00:00:00Z"));
        assertThat(NIGHT.nextStart(Instant.parse("2026-12-08T00:00:00Z"))).as("at the start: the next one")
                .contains(Instant.parse("2026-12-09T00:00:00Z"));
        assertThat(NIGHT.nextStart(Instant.parse("2026-06-08T12:00:00Z"))).as("summer time: 01:00 CEST")
                .contains(Instant.parse("2026-06-08T23:00:00Z"));
    }

    @Test
    void aWindowStartingInTheSpringGapOpensWhenTheClocksHaveMoved() {
        FreezeWindow twoThirty = new FreezeWindow.Weekly("w", BERLIN, Set.of(DayOfWeek.SUNDAY),
                LocalTime.parse("02:30"), LocalTime.parse("04:00"));

        assertThat(twoThirty.nextStart(Instant.parse("2026-03-28T12:00:00Z"))).as("29 March 2026: 02:00 → 03:00")
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aOneOffWindowOpensOnceAndNotAgain() {
        FreezeWindow once = new FreezeWindow.Once("day", ZoneId.of("UTC"), LocalDateTime.parse("2026-12-12T06:00"),
                LocalDateTime.parse("2026-12-12T10:00"));

        assertThat(once.nextStart(MONDAY_AFTERNOON)).contains(Instant.parse("2026-12-12T06:00:00Z"));
        assertThat(once.nextStart(Instant.parse("2026-12-12T07:00:00Z"))).isEmpty();
        assertThat(HeavyDdl.next(new GateConfig.Heavy(Duration.ofSeconds(1), 0, List.of(once)),
                Instant.parse("2026-12-13T00:00:00Z"))).contains("no performance window opens again");
    }

    /** One migration's trace as serve stores it: one lock, and a rewrite of that table when {@code rewritten >= 0}. */
    private static JsonNode trace(PreviewEvidence.Step step, LockMode mode, long heldMillis, long rewritten) {
        MigrationTrace t = new MigrationTrace(step.migration(), step.migration(), true, heldMillis + 5, 100,
                List.of(new MigrationTrace.ObservedLock("public.orders", mode, heldMillis, Math.max(rewritten, 8192), 2)),
                rewritten < 0 ? List.of() : List.of(new MigrationTrace.TableRewrite("public.orders", rewritten, 2)),
                List.of());
        return Json.MAPPER.valueToTree(t);
    }
}
