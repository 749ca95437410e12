package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads serve's HTTP API as a person or a script would, and waits on it in short paced polls. Thread-safe. */
final class ServeClient {

    /** The pause between two polls: short enough not to blur a timing, long enough not to load serve. */
    static final Duration POLL = Duration.ofMillis(20);

    private final HttpClient http;
    private final URI base;

    ServeClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /** An HTTP/1.1 client, as forges and scripts use. */
    static HttpClient newHttp() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI resolve(String path) {
        return base.resolve(path);
    }

    /** GET {@code path}: the body, or {@code null} when serve does not answer (yet). */
    String text(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark interrupted", e);
        }
    }

    /** Sends {@code request}; the status serve answered. */
    int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: serve did not answer " + request.uri() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark interrupted", e);
        }
    }

    /** GET {@code path} as JSON; a missing node when serve does not answer 200. */
    JsonNode json(String path) {
        String body = text(path);
        try {
            return body == null ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: " + path + " did not answer JSON: " + e.getMessage(), e);
        }
    }

    /** Polls {@code path} every {@link #POLL} until its JSON satisfies {@code done}; returns that JSON. */
    JsonNode await(String path, Predicate<JsonNode> done, Duration timeout, String what) {
        return awaitFor(() -> json(path), done, timeout, what + " (" + path + ")");
    }

    /** Polls {@code path} every {@link #POLL} until its text satisfies {@code done}; returns that text. */
    String awaitText(String path, Predicate<String> done, Duration timeout, String what) {
        return awaitFor(() -> text(path), t -> t != null && done.test(t), timeout, what + " (" + path + ")");
    }

    private static <T> T awaitFor(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (T value = read.get(); ; value = read.get()) {
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                String last = String.valueOf(value);
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: " + what + " did not happen within "
                        + timeout.toSeconds() + " s; serve last answered: " + last.substring(0, Math.min(500, last.length())));
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }
}
