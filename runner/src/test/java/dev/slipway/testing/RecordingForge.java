package dev.slipway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *
 * <p>Pull request comments are kept the way each forge keeps them, on the forge's own paths: GitHub's and Gitea's
 * issue comments ({@code /repos/o/r/issues/N/comments}, edited at {@code /repos/o/r/issues/comments/ID}), GitLab's
 * merge request notes ({@code /projects/P/merge_requests/N/notes[/ID]}); GitHub and GitLab page their lists
 * ({@code per_page}, {@code page}), Gitea answers all at once. Those requests are recorded apart from the rest:
 * {@link #requests()} holds the commit statuses, {@link #commentRequests()} the comment calls.
 */
public final class RecordingForge implements BeforeEachCallback, AfterEachCallback {

    /** One request as the server saw it; header names are case-insensitive, path is raw (still percent-encoded). */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /** A comment as the forge stores it. */
    public record Comment(long id, String thread, String body, boolean system) {
    }

    private static final Pattern ISSUE_COMMENTS = Pattern.compile(".*/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern ISSUE_COMMENT = Pattern.compile(".*/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
    private static final Pattern NOTES = Pattern.compile(".*/projects/([^/]+)/merge_requests/(\\d+)/notes(?:/(\\d+))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> commentRequests = new CopyOnWriteArrayList<>();
    private final Map<Long, Comment> comments = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicInteger commentFailures = new AtomicInteger();
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

    /** The requests other than comment calls: the commit statuses. */
    public List<Request> requests() {
        return requests;
    }

    /** The comment calls: lists, creations, edits. */
    public List<Request> commentRequests() {
        return commentRequests;
    }

    /** The comments stored on one pull request: {@code owner/name#N}, or GitLab's {@code group%2Fname!N}. */
    public List<Comment> comments(String thread) {
        return comments.values().stream().filter(c -> c.thread().equals(thread)).toList();
    }

    /** Every comment, on any pull request. */
    public List<Comment> comments() {
        return List.copyOf(comments.values());
    }

    /** Adds someone else's comment (or, with {@code system}, a GitLab system note) to {@code thread}. */
    public Comment seed(String thread, String body, boolean system) {
        Comment c = new Comment(ids.incrementAndGet(), thread, body, system);
        comments.put(c.id(), c);
        return c;
    }

    /** Deletes a comment, as a person on the forge might. */
    public void delete(long id) {
        comments.remove(id);
    }

    /** The next {@code n} comment calls answer 503, as a forge that is down. */
    public RecordingForge failComments(int n) {
        commentFailures.set(n);
        return this;
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
        String path = exchange.getRequestURI().getRawPath();
        Request request = new Request(exchange.getRequestMethod(), path, headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        boolean comment = ISSUE_COMMENTS.matcher(path).matches() || ISSUE_COMMENT.matcher(path).matches()
                || NOTES.matcher(path).matches();
        (comment ? commentRequests : requests).add(request);
        if (silent) {
            awaitRelease();
        }
        if (comment && status / 100 == 2 && commentFailures.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            answerComment(exchange, request, exchange.getRequestURI().getRawQuery());
            return;
        }
        send(exchange, comment && status / 100 == 2 ? 503 : status, comment && status / 100 == 2
                ? "{\"message\":\"Service Unavailable\"}" : body);
    }

    private void answerComment(HttpExchange exchange, Request r, String query) throws IOException {
        Matcher list = ISSUE_COMMENTS.matcher(r.path());
        Matcher one = ISSUE_COMMENT.matcher(r.path());
        Matcher notes = NOTES.matcher(r.path());
        String thread;
        Long id = null;
        if (list.matches()) {
            thread = list.group(1) + "#" + list.group(2);
        } else if (one.matches()) {
            thread = null;
            id = Long.parseLong(one.group(2));
        } else {
            notes.matches();
            thread = notes.group(1) + "!" + notes.group(2);
            id = notes.group(3) == null ? null : Long.parseLong(notes.group(3));
        }
        if (id == null && r.method().equals("GET")) {
            Map<String, String> q = query(query);
            int perPage = Integer.parseInt(q.getOrDefault("per_page", q.getOrDefault("limit", "30")));
            int page = Integer.parseInt(q.getOrDefault("page", "1"));
            List<Comment> all = comments(thread);
            List<Comment> shown = list.matches() && !q.containsKey("per_page") ? all
                    : all.subList(Math.min(all.size(), (page - 1) * perPage), Math.min(all.size(), page * perPage));
            ArrayNode out = JSON.createArrayNode();
            shown.forEach(c -> out.add(json(c)));
            send(exchange, 200, out.toString());
        } else if (id == null && r.method().equals("POST")) {
            Comment c = seed(thread, JSON.readTree(r.body()).path("body").asText(), false);
            send(exchange, 201, json(c).toString());
        } else if (id != null && (r.method().equals("PATCH") || r.method().equals("PUT"))) {
            Comment old = comments.get(id);
            if (old == null) {
                send(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            Comment c = new Comment(id, old.thread(), JSON.readTree(r.body()).path("body").asText(), false);
            comments.put(id, c);
            send(exchange, 200, json(c).toString());
        } else {
            send(exchange, 405, "{\"message\":\"Method Not Allowed\"}");
        }
    }

    private static ObjectNode json(Comment c) {
        ObjectNode n = JSON.createObjectNode().put("id", c.id()).put("body", c.body());
        if (c.system()) {
            n.put("system", true);
        }
        return n;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> q = new TreeMap<>();
        if (query != null) {
            for (String part : query.split("&")) {
                int eq = part.indexOf('=');
                q.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
            }
        }
        return q;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
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
