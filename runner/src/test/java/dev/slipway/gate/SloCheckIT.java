package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.GateConfig;
import dev.slipway.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error-budget checks against a real Prometheus holding Sloth's series, pushed through its remote-write receiver. */
class SloCheckIT {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final GateConfig.BurnWindow SHORT = new GateConfig.BurnWindow(Duration.ofHours(1), 14.4);
    private static final GateConfig.BurnWindow LONG = new GateConfig.BurnWindow(Duration.ofHours(6), 6);
    private static GateEvaluator evaluator;

    @BeforeAll
    static void series() {
        evaluator = new GateEvaluator(4, Clock.systemUTC());
        PROMETHEUS.slothSlo("healthy", "availability", 0.8, 1.0, 1.2);
        PROMETHEUS.slothSlo("burned", "availability", 0.05, 1.0, 1.0);
        PROMETHEUS.slothSlo("fast", "availability", 0.9, 20, 8);
        PROMETHEUS.slothSlo("nan", "availability", Double.NaN, 1, 1);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static GateConfig.Slo sloth(String service) {
        return new GateConfig.Slo(service, service, "availability", null, null, 0.25, SHORT, LONG);
    }

    private static GateConfig.Slo raw(String name, String budget, String burn) {
        return new GateConfig.Slo(name, null, null, budget, burn, 0.25, SHORT, LONG);
    }

    private static Verdict evaluate(URI prometheus, Duration timeout, boolean unknownPasses, GateConfig.Slo... slos) {
        PrometheusClient client = new PrometheusClient(prometheus, null, timeout, PrometheusClient.httpClient(timeout));
        List<GateCheck> checks = new ArrayList<>();
        for (GateConfig.Slo slo : slos) {
            checks.add(new SloCheck(slo, client));
        }
        return evaluator.evaluate(new GateEvaluator.Plan("staging", checks, timeout, unknownPasses), "abc123").verdict();
    }

    private static Verdict evaluate(GateConfig.Slo... slos) {
        return evaluate(PROMETHEUS.url(), Duration.ofSeconds(5), false, slos);
    }

    private static CheckResult check(Verdict v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void healthyBudgetPasses() {
        Verdict v = evaluate(sloth("healthy"));

        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(check(v, "slo-budget:healthy").observed()).isEqualTo("80.0% left");
        assertThat(check(v, "slo-burn:healthy").observed()).isEqualTo("1h 1.00×, 6h 1.20×");
    }

    @Test
    void burnedBudgetFailsWithTheReason() {
        Verdict v = evaluate(sloth("burned"));

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        CheckResult budget = check(v, "slo-budget:burned");
        assertThat(budget.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(budget.reason()).contains("error budget burned", "5.0% left");
        assertThat(check(v, "slo-burn:burned").result()).isEqualTo(CheckResult.Result.PASS);
    }

    @Test
    void fastBurnInBothWindowsFails() {
        Verdict v = evaluate(sloth("fast"));

        CheckResult burn = check(v, "slo-burn:fast");
        assertThat(burn.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(burn.observed()).isEqualTo("1h 20.00×, 6h 8.00×");
        assertThat(burn.reason()).contains("fast burn");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void emptyResultIsUnknownAndFails() {
        Verdict v = evaluate(sloth("absent"));

        CheckResult budget = check(v, "slo-budget:absent");
        assertThat(budget.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(budget.reason()).contains("matched no series");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void nanIsUnknown() {
        Verdict v = evaluate(sloth("nan"));

        CheckResult budget = check(v, "slo-budget:nan");
        assertThat(budget.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(budget.reason()).contains("NaN");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void unknownPassesWhereTheEnvironmentSaysSo() {
        Verdict v = evaluate(PROMETHEUS.url(), Duration.ofSeconds(5), true, sloth("nan"));

        assertThat(check(v, "slo-budget:nan").result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void rawPromqlGetsEachWindow() {
        Verdict v = evaluate(raw("raw", "vector(0.5)", "max_over_time(vector(3)[$window:5m])"));

        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(check(v, "slo-burn:raw").observed()).isEqualTo("1h 3.00×, 6h 3.00×");
    }

    @Test
    void malformedPromqlPassesPrometheusErrorThroughWithTheCheckName() {
        Verdict v = evaluate(raw("broken", "sum(rate(http_errors_total[5m])", "vector(1) + 0 * vector($window)"));

        CheckResult budget = check(v, "slo-budget:broken");
        assertThat(budget.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(budget.reason()).contains("budget query of SLO broken", "parse error", "bad_data");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void slowPrometheusIsUnknownAfterThePerCheckTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/");
            long start = System.nanoTime();

            Verdict v = evaluate(url, Duration.ofMillis(500), false, sloth("healthy"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(v.checks()).allSatisfy(c -> {
                assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
                assertThat(c.reason()).contains("500ms");
            });
            assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        }
    }

    @Test
    void unreachablePrometheusIsUnknown() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Verdict v = evaluate(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(2), false, sloth("healthy"));

        assertThat(check(v, "slo-budget:healthy").result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(check(v, "slo-budget:healthy").reason()).contains("unreachable");
    }
}
