package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "15m, 900000", "15min, 900000", "1h, 3600000", "1d, 86400000",
            "' 3 s ', 3000", "0s, 0"})
    void parsesAWholeNumberWithAUnit(String text, long millis) {
        assertThat(Durations.parse(text, "lockTimeout")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "5", "1.5s", "-1s", "2 seconds", "s", "10 ms x", "PT2S"})
    void badInputNamesTheSubjectAndShowsTheForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "migrate.lockTimeout"))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessageStartingWith("migrate.lockTimeout: '" + text + "' is not a duration")
                .hasMessageContaining("500ms, 2s, 15m, 1h");
    }

    @ParameterizedTest
    @CsvSource({"250, 250ms", "0, 0ms", "2000, 2s", "1500, 1.5s", "59900, 59.9s", "60000, 1m", "900000, 15m",
            "3600000, 1h", "90000, 1m30s", "61000, 1m01s", "7200000, 2h"})
    void formatsTheWayAPersonReadsIt(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"300ms", "2s", "15m", "1h"})
    void formatReadsBackAsTheSameDuration(String text) {
        Duration d = Durations.parse(text, "x");

        assertThat(Durations.parse(Durations.format(d), "x")).isEqualTo(d);
    }
}
