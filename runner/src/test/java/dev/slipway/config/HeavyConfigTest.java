package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gate.heavy}: thresholds with defaults, performance windows in the freeze windows' form, each error named. */
class HeavyConfigTest {

    @TempDir
    Path dir;

    private GateConfig load(String gate) throws IOException {
        Path file = Files.writeString(dir.resolve("slipway.yaml"),
                "environments:\n  prod:\n    url: jdbc:postgresql://db/app\n    gate:\n" + gate.indent(6));
        return ConfigLoader.load(file).environments().get("prod").gate();
    }

    private void refused(String gate, String key, String why) {
        assertThatThrownBy(() -> load(gate)).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("environments.prod.gate" + key).hasMessageContaining(why)
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void readsThresholdsAndWindows() throws IOException {
        GateConfig g = load("""
                heavy:
                  lockHeld: 2s
                  rewriteSize: 1GB
                  windows:
                    - {name: night, zone: Europe/Berlin, days: [MON, TUE, WED, THU, FRI], start: "01:00", end: "05:00"}
                    - {name: migration-day, zone: UTC, from: "2026-12-12T06:00", to: "2026-12-12T10:00"}
                """);

        assertThat(g.heavy().lockHeld()).isEqualTo(Duration.ofSeconds(2));
        assertThat(g.heavy().rewriteBytes()).isEqualTo(1L << 30);
        assertThat(g.heavy().windows()).extracting(FreezeWindow::name).containsExactly("night", "migration-day");
        assertThat(g.heavy().windows().get(0).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(((FreezeWindow.Weekly) g.heavy().windows().get(0)).days()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
    }

    @Test
    void defaultsToOneSecondAndOneHundredMegabytes() throws IOException {
        GateConfig g = load("heavy: {windows: [{name: sunday, days: [SUN]}]}");

        assertThat(g.heavy().lockHeld()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.heavy().rewriteBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void withoutHeavyAnyTime() throws IOException {
        assertThat(load("timeout: 5s").heavy()).isNull();
    }

    @Test
    void needsAWindow() {
        refused("heavy: {lockHeld: 2s}", ".heavy.windows", "name at least one performance window");
        refused("heavy: {windows: []}", ".heavy.windows", "name at least one performance window");
    }

    @Test
    void windowsAreCheckedLikeFreezeWindows() {
        refused("heavy: {windows: [{days: [SUN]}]}", ".heavy.windows[0].name", "every performance window needs a name");
        refused("heavy: {windows: [{name: x, zone: Mars/Olympus, days: [SUN]}]}", ".heavy.windows[0].zone",
                "not a time zone");
        refused("heavy: {windows: [{name: x, days: [SUNNY]}]}", ".heavy.windows[0].days", "is not a day");
        refused("heavy: {windows: [{name: x}]}", ".heavy.windows[0]", "either from and to");
    }

    @Test
    void thresholdsMustBeReadable() {
        refused("heavy: {rewriteSize: lots, windows: [{name: x, days: [SUN]}]}", ".heavy.rewriteSize", "");
        refused("heavy: {lockHeld: soon, windows: [{name: x, days: [SUN]}]}", ".heavy.lockHeld", "");
    }

    @Test
    void needsTheMigrationsCheck() {
        refused("migrations: false\nheavy: {windows: [{name: x, days: [SUN]}]}", ".heavy", "remove migrations: false");
    }
}
