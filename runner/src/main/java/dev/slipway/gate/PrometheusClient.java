package dev.slipway.gate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}), each with a time limit that is also
 * passed to Prometheus as the query's own {@code timeout}. Never throws for what Prometheus answers or fails to
 * answer: that is a {@link PromResult.Failed}. The bearer token, when given, is sent and never printed. Thread-safe.
 */
public final class PrometheusClient {

    private final URI base;
    private final String bearer;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the server's root, ending in {@code /}
     * @param bearer  a token for {@code Authorization: Bearer}, or {@code null}
     * @param timeout the most one query may take
     */
    public PrometheusClient(URI base, String bearer, Duration timeout, HttpClient http) {
        this.base = base;
        this.bearer = bearer;
        this.timeout = timeout;
        this.http = http;
    }

    /** A client with a connection pool of its own that connects within {@code timeout}. */
    public static HttpClient httpClient(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    /** Starts {@code promql} as an instant query at the server's current time. */
    public CompletableFuture<PromResult> query(String promql) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(promql)).timeout(timeout).GET()
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> PromResult.parse(r.statusCode(), r.body()))
                .exceptionally(this::unreachable);
    }

    private URI uri(String promql) {
        return base.resolve("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&timeout=" + timeout.toMillis() + "ms");
    }

    private PromResult unreachable(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return new PromResult.Failed("Prometheus at " + base + " did not answer within "
                    + dev.slipway.config.Durations.format(timeout));
        }
        String why = cause instanceof IOException && cause.getMessage() == null ? cause.getClass().getSimpleName()
                : String.valueOf(cause.getMessage());
        return new PromResult.Failed("Prometheus at " + base + " is unreachable: " + why);
    }
}
