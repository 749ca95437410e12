package dev.slipway.testing;

import static org.awaitility.Awaitility.await;

import dev.slipway.testing.LocalPrometheus;
import dev.slipway.testing.RemoteWrite;
import dev.slipway.testing.SlothSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus (the machine's {@code prometheus} binary) for one test class: a temporary folder, a free loopback
 * port, the remote-write receiver on; ready before the first test. Register it as a static field with
 * {@code @RegisterExtension}. A missing binary fails the tests: install Debian's {@code prometheus} package.
 */
public final class PrometheusServer implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private LocalPrometheus prometheus;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("slipway-prometheus-");
        prometheus = LocalPrometheus.start(dir);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(prometheus::ready);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (prometheus != null) {
            prometheus.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return prometheus.url();
    }

    public void push(List<RemoteWrite.Series> series) {
        prometheus.push(series);
    }

    /** Sloth's series for one SLO at the current time; burn rates as multiples of the budget (1h, 6h). */
    public void slothSlo(String service, String slo, double budgetLeft, double burn1h, double burn6h) {
        push(SlothSeries.slo(service, slo, budgetLeft, burn1h, burn6h, System.currentTimeMillis()));
    }
}
