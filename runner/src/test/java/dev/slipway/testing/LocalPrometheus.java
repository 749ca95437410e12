package dev.slipway.testing;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's {@code prometheus} binary (Debian's package) on a free loopback port, with its data in a folder of
 * the caller's and the remote-write receiver on, so that series can be pushed with {@link #push}; samples older than
 * ones already stored are accepted for a day ({@code out_of_order_time_window}). For benchmarks and tests.
 * {@link #close()} stops it.
 */
public final class LocalPrometheus implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String CONFIG = """
            global:
              scrape_interval: 1m
            storage:
              tsdb:
                out_of_order_time_window: 1d
            """;

    private final Process process;
    private final URI url;
    private final Path log;

    private LocalPrometheus(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts Prometheus with its data and log under {@code dir}; it may not be ready yet ({@link #ready()}).
     *
     * @throws SlipwayException when there is no {@code prometheus} binary: install Debian's {@code prometheus} package
     */
    public static LocalPrometheus start(Path dir) {
        Path binary = binary();
        int port = freePort();
        try {
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("prometheus.yml"), CONFIG);
            Path log = dir.resolve("prometheus.log");
            Process p = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--config.file=" + config,
                    "--web.enable-remote-write-receiver", "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new LocalPrometheus(p, URI.create("http://127.0.0.1:" + port + "/"), log);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot start " + binary + ": " + e.getMessage(), e);
        }
    }

    /** Starts Prometheus and waits until it answers {@code /-/ready}, for at most {@code wait}. */
    public static LocalPrometheus startReady(Path dir, Duration wait) {
        LocalPrometheus p = start(dir);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!p.ready()) {
            if (System.nanoTime() > deadline || !p.process.isAlive()) {
                p.close();
                throw new SlipwayException(ErrorCode.INTERNAL, "Prometheus did not get ready within "
                        + wait.toSeconds() + " s; see " + p.log);
            }
            Pause.of(Duration.ofMillis(50));
        }
        return p;
    }

    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SlipwayException(ErrorCode.USAGE, "no prometheus binary on PATH: install Debian's prometheus package "
                + "(apt-get install --no-install-recommends prometheus); .ci/run does");
    }

    /** Whether it answers {@code GET /-/ready} with 200. */
    public boolean ready() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes {@code series} through the remote-write receiver; they are queryable when this returns. */
    public void push(List<RemoteWrite.Series> series) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v1/write")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(RemoteWrite.body(series))).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new SlipwayException(ErrorCode.INTERNAL, "Prometheus refused the remote write: HTTP "
                        + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot push series to Prometheus at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "interrupted while pushing series", e);
        }
    }

    /** The server's root, ending in {@code /}. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot find a free loopback port: " + e.getMessage(), e);
        }
    }
}
