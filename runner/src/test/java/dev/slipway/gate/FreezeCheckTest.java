package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.FreezeWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreezeCheckTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final FreezeWindow YEAR_END = new FreezeWindow.Once("year-end", BERLIN,
            LocalDateTime.parse("2026-12-20T00:00"), LocalDateTime.parse("2027-01-04T00:00"));

    private static final FreezeWindow WEEKEND = new FreezeWindow.Weekly("weekend", BERLIN,
            Set.of(DayOfWeek.FRIDAY), LocalTime.parse("16:00"), LocalTime.parse("08:00"));

    @Test
    void insideAOneOffWindowFailsNamingIt() {
        CheckResult c = FreezeCheck.decide(List.of(YEAR_END), Instant.parse("2026-12-24T10:00:00Z"));

        assertThat(c.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(c.reason()).contains("'year-end'");
    }

    @Test
    void oneOffWindowIsReadInItsZone() {
        assertThat(YEAR_END.covers(Instant.parse("2026-12-19T23:30:00Z"))).as("00:30 in Berlin").isTrue();
        assertThat(YEAR_END.covers(Instant.parse("2026-12-19T22:30:00Z"))).as("23:30 in Berlin").isFalse();
        assertThat(YEAR_END.covers(Instant.parse("2027-01-03T23:00:00Z"))).as("end excluded").isFalse();
    }

    @Test
    void weeklyWindowRunsPastMidnight() {
        assertThat(WEEKEND.covers(Instant.parse("2026-06-05T14:00:00Z"))).as("Fri 16:00 CEST").isTrue();
        assertThat(WEEKEND.covers(Instant.parse("2026-06-06T05:59:00Z"))).as("Sat 07:59 CEST").isTrue();
        assertThat(WEEKEND.covers(Instant.parse("2026-06-06T06:00:00Z"))).as("Sat 08:00 CEST").isFalse();
        assertThat(WEEKEND.covers(Instant.parse("2026-06-05T13:59:00Z"))).as("Fri 15:59 CEST").isFalse();
    }

    @Test
    void weeklyWindowKeepsLocalTimeAcrossDaylightSaving() {
        assertThat(WEEKEND.covers(Instant.parse("2026-01-09T15:00:00Z"))).as("Fri 16:00 CET (winter)").isTrue();
        assertThat(WEEKEND.covers(Instant.parse("2026-01-09T14:30:00Z"))).as("Fri 15:30 CET").isFalse();
        assertThat(WEEKEND.covers(Instant.parse("2026-06-05T14:30:00Z"))).as("Fri 16:30 CEST (summer)").isTrue();
    }

    @Test
    void wholeDaysWhenNoTimesAreGiven() {
        FreezeWindow sunday = new FreezeWindow.Weekly("sunday", ZoneId.of("UTC"), Set.of(DayOfWeek.SUNDAY),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

        assertThat(sunday.covers(Instant.parse("2026-06-07T00:00:00Z"))).isTrue();
        assertThat(sunday.covers(Instant.parse("2026-06-07T23:59:59Z"))).isTrue();
        assertThat(sunday.covers(Instant.parse("2026-06-08T00:00:00Z"))).isFalse();
    }

    @Test
    void outsideEveryWindowPasses() {
        CheckResult c = FreezeCheck.decide(List.of(YEAR_END, WEEKEND), Instant.parse("2026-06-03T10:00:00Z"));

        assertThat(c.result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(c.threshold()).isEqualTo("outside 2 freeze windows");
    }
}
