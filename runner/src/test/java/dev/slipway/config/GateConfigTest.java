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

/** The {@code gate:} section of an environment: a full example, defaults, and every bad value named by its key. */
class GateConfigTest {

    @TempDir
    Path dir;

    private static final String ENV = "environments:\n  prod:\n    url: jdbc:postgresql://db/app\n    gate:\n";

    private GateConfig load(String gate) throws IOException {
        Path file = Files.writeString(dir.resolve("slipway.yaml"), ENV + gate.indent(6));
        return ConfigLoader.load(file).environments().get("prod").gate();
    }

    private void refused(String gate, String key, String why) {
        assertThatThrownBy(() -> load(gate)).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("environments.prod.gate" + key).hasMessageContaining(why)
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void readsAFullGate() throws IOException {
        GateConfig g = load("""
                tokenEnv: PROD_GATE_TOKEN
                unknown: pass
                timeout: 2s
                pdb: {namespaces: [shop, payments], selector: "app.kubernetes.io/part-of=shop", minDisruptionsAllowed: 2}
                prometheus: {url: "http://prometheus:9090", tokenEnv: PROM_TOKEN}
                slos:
                  - name: checkout
                    sloth: {service: checkout, slo: availability}
                    minBudgetRemaining: 0.25
                    burnRate: {short: {window: 5m, max: 14.4}, long: {window: 1h, max: 14.4}}
                  - name: search
                    promql: {budgetRemaining: "search:budget", burnRate: "search:errors[$window]"}
                migrations: false
                freeze:
                  - {name: year-end, zone: Europe/Berlin, from: "2026-12-20T00:00", to: "2027-01-04T00:00"}
                  - {name: weekend, days: [FRI], start: "16:00", end: "08:00"}
                """);

        assertThat(g.tokenEnv()).isEqualTo("PROD_GATE_TOKEN");
        assertThat(g.unknownPasses()).isTrue();
        assertThat(g.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(g.pdb().namespaces()).containsExactly("shop", "payments");
        assertThat(g.pdb().minDisruptionsAllowed()).isEqualTo(2);
        assertThat(g.prometheus().url()).hasToString("http://prometheus:9090/");
        assertThat(g.slos()).hasSize(2);
        assertThat(g.slos().get(0).sloth()).isTrue();
        assertThat(g.slos().get(0).shortWindow().window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(g.slos().get(1).burnQuery()).contains("$window");
        assertThat(g.migrations()).isFalse();
        assertThat(g.freeze().get(0).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(((FreezeWindow.Weekly) g.freeze().get(1)).days()).containsExactly(DayOfWeek.FRIDAY);
    }

    @Test
    void defaultsFailUnknownsAndUseTheWorkbookWindows() throws IOException {
        GateConfig g = load("""
                prometheus: {url: "http://prometheus:9090"}
                slos: [{name: checkout, sloth: {service: checkout, slo: availability}}]
                pdb: {}
                """);

        assertThat(g.unknownPasses()).isFalse();
        assertThat(g.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(g.pdb().minDisruptionsAllowed()).isEqualTo(1);
        assertThat(g.pdb().namespaces()).isEmpty();
        assertThat(g.migrations()).isTrue();
        GateConfig.Slo slo = g.slos().get(0);
        assertThat(slo.shortWindow()).isEqualTo(new GateConfig.BurnWindow(Duration.ofHours(1), 14.4));
        assertThat(slo.longWindow()).isEqualTo(new GateConfig.BurnWindow(Duration.ofHours(6), 6));
        assertThat(slo.minBudgetRemaining()).isZero();
    }

    @Test
    void environmentWithoutGateHasNone() throws IOException {
        Path file = Files.writeString(dir.resolve("slipway.yaml"), "environments:\n  dev:\n    url: jdbc:postgresql://h/d\n");

        assertThat(ConfigLoader.load(file).environments().get("dev").gate()).isNull();
    }

    @Test
    void unknownPolicyMustBeFailOrPass() {
        refused("unknown: maybe", ".unknown", "expected fail or pass");
    }

    @Test
    void timeoutMustBePositive() {
        refused("timeout: 0s", ".timeout", "positive duration");
    }

    @Test
    void tokenIsNamedByVariableNeverGiven() {
        refused("tokenEnv: \"s3cr3t-value!\"", ".tokenEnv", "name of an environment variable");
    }

    @Test
    void slosNeedPrometheus() {
        refused("slos: [{name: a, sloth: {service: s, slo: o}}]", ".prometheus", "need a Prometheus");
    }

    @Test
    void prometheusUrlMustBeHttp() {
        refused("prometheus: {url: \"prometheus:9090\"}", ".prometheus.url", "http(s) URL");
    }

    @Test
    void sloNeedsSlothOrPromqlNotBoth() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: s, slo: o}, "
                + "promql: {budgetRemaining: x, burnRate: \"y[$window]\"}}]", ".slos[0]", "either sloth");
    }

    @Test
    void slothNamesCannotBreakOutOfTheSelector() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: 'x\"} or vector(1) #', slo: o}}]",
                ".slos[0].sloth", "service and slo are required");
    }

    @Test
    void rawBurnQueryNeedsTheWindowPlaceholder() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, promql: {budgetRemaining: x, burnRate: y}}]",
                ".slos[0].promql.burnRate", "$window");
    }

    @Test
    void sloNamesAreUnique() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: s, slo: o}}, "
                + "{name: a, sloth: {service: s, slo: p}}]", ".slos[1].name", "used twice");
    }

    @Test
    void budgetMinimumIsAShare() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: s, slo: o}, minBudgetRemaining: 25}]",
                ".slos[0].minBudgetRemaining", "from 0 to 1");
    }

    @Test
    void shortWindowMustBeShorter() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: s, slo: o}, "
                + "burnRate: {short: {window: 6h}, long: {window: 1h}}}]", ".slos[0].burnRate", "shorter than the long");
    }

    @Test
    void burnLimitMustBePositive() {
        refused("prometheus: {url: \"http://p:9090\"}\nslos: [{name: a, sloth: {service: s, slo: o}, "
                + "burnRate: {short: {max: 0}}}]", ".slos[0].burnRate.short.max", "above 0");
    }

    @Test
    void namespacesAreNames() {
        refused("pdb: {namespaces: [Shop_1]}", ".pdb.namespaces", "not a namespace name");
    }

    @Test
    void selectorMustBeALabelSelector() {
        refused("pdb: {selector: \"app in (a b\"}", ".pdb.selector", "label selector");
    }

    @Test
    void minDisruptionsCannotBeNegative() {
        refused("pdb: {minDisruptionsAllowed: -1}", ".pdb.minDisruptionsAllowed", "0 or more");
    }

    @Test
    void freezeZoneMustExist() {
        refused("freeze: [{name: x, zone: Mars/Olympus, days: [SAT]}]", ".freeze[0].zone", "not a time zone");
    }

    @Test
    void freezeNeedsDatesOrDays() {
        refused("freeze: [{name: x}]", ".freeze[0]", "either from and to");
    }

    @Test
    void freezeEndAfterStart() {
        refused("freeze: [{name: x, from: \"2026-12-24T00:00\", to: \"2026-12-23T00:00\"}]", ".freeze[0].to",
                "must be after from");
    }

    @Test
    void freezeDaysAreDays() {
        refused("freeze: [{name: x, days: [FUNDAY]}]", ".freeze[0].days", "not a day");
    }

    @Test
    void unknownGateKeyIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("slipway.yaml"), ENV + "      slo: []\n");

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("unknown key 'environments.prod.gate.slo'")
                .hasMessageContaining("slos");
    }

    @Test
    void heavyReadsThresholdsAndWindows() throws IOException {
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
    void heavyDefaultsToOneSecondAndOneHundredMegabytes() throws IOException {
        GateConfig g = load("heavy: {windows: [{name: sunday, days: [SUN]}]}");

        assertThat(g.heavy().lockHeld()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.heavy().rewriteBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void withoutHeavyHeavyMigrationsGoAnyTime() throws IOException {
        assertThat(load("timeout: 5s").heavy()).isNull();
    }

    @Test
    void heavyNeedsAWindow() {
        refused("heavy: {lockHeld: 2s}", ".heavy.windows", "name at least one performance window");
        refused("heavy: {windows: []}", ".heavy.windows", "name at least one performance window");
    }

    @Test
    void performanceWindowsAreCheckedLikeFreezeWindows() {
        refused("heavy: {windows: [{days: [SUN]}]}", ".heavy.windows[0].name", "every performance window needs a name");
        refused("heavy: {windows: [{name: x, zone: Mars/Olympus, days: [SUN]}]}", ".heavy.windows[0].zone",
                "not a time zone");
        refused("heavy: {windows: [{name: x, days: [SUNNY]}]}", ".heavy.windows[0].days", "is not a day");
        refused("heavy: {windows: [{name: x}]}", ".heavy.windows[0]", "either from and to");
    }

    @Test
    void heavyThresholdsMustBeReadable() {
        refused("heavy: {rewriteSize: lots, windows: [{name: x, days: [SUN]}]}", ".heavy.rewriteSize", "");
        refused("heavy: {lockHeld: soon, windows: [{name: x, days: [SUN]}]}", ".heavy.lockHeld", "");
    }

    @Test
    void heavyNeedsTheMigrationsCheck() {
        refused("migrations: false\nheavy: {windows: [{name: x, days: [SUN]}]}", ".heavy", "remove migrations: false");
    }
}
