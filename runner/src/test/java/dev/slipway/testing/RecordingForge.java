package dev.slipway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A loopback HTTP server standing in for a forge's API: records each request and answers with a set status and
 * body, or not at all. Register with {@code @RegisterExtension}; it runs for one test.
 */
public final class RecordingForge implements BeforeEachCallback, AfterEachCallback {

    /** One request as the server saw it; header names are case-insensitive, path is raw (still percent-encoded). */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 201;
    private volatile String body = "{}";
    private volatile boolean silent;
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** The next answers: {@code status} with JSON {@code body}. */
    public RecordingForge answer(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    /** Accept requests but never answer them (until the test ends). */
    public RecordingForge silent() {
        silent = true;
        return this;
    }

    /** The API base, with {@code path} (e.g. {@code /api/v4}) appended. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public List<Request> requests() {
        return requests;
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        if (silent) {
            awaitRelease();
        }
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
