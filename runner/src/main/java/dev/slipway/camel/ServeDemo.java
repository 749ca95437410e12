package dev.slipway.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConfigLoader;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.git.LocalOrigin;
import dev.slipway.webhook.GitHubSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The serve part of {@code slipway demo}: a local Git repository, {@code serve} on the demo's golden, and a pull
 * request story told through signed GitHub-shaped webhooks: a safe migration (ready), an unsafe one (lint
 * failure), a fix pushed (rebuilt), a merge (dropped). A local stand-in for the forge prints the commit statuses
 * and the pull requests' comments (created on the first build, edited on the next).
 */
public final class ServeDemo implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "demo/shop";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    /** The shop's key queries, explained on each preview before and after the pull request's migrations. */
    private static final String KEY_QUERIES = """
            -- name: customer_by_email
            SELECT id, full_name FROM customers WHERE email = $1;

            -- name: orders_of_customer
            SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC LIMIT 20;
            """;

    private final Consumer<String> say;
    private final LocalOrigin git;
    private final HttpServer forge;
    private final byte[] secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).getBytes(StandardCharsets.UTF_8);
    private final HttpClient http = HttpClient.newHttpClient();
    private final java.util.List<Map<String, String>> steps = new java.util.ArrayList<>();
    private final Map<Integer, String> comments;
    private ServeApp app;

    private ServeDemo(Consumer<String> say, LocalOrigin git, HttpServer forge, Map<Integer, String> comments) {
        this.comments = comments;
        this.say = say;
        this.git = git;
        this.forge = forge;
    }

    /**
     * Runs the story on {@code server} (a maintenance connection) with the masked {@code golden}; leaves serve
     * running (close it) so {@code --keep-running} can keep it up.
     */
    public static ServeDemo run(ConnectionSpec server, String golden, Path migrations, Path work, Consumer<String> say) {
        String rules = read(migrations.resolve("masking.yaml"));
        LocalOrigin git = LocalOrigin.create(work.resolve("repo"), migrations.resolve("flyway"), Map.of(
                "migrations/masking.yaml", rules,
                "migrations/queries.sql", KEY_QUERIES), "Slipway demo");
        Map<Integer, String> comments = new java.util.concurrent.ConcurrentHashMap<>();
        ServeDemo demo = new ServeDemo(say, git, forge(say, comments), comments);
        demo.start(server, golden, work);
        demo.story(rules);
        return demo;
    }

    public URI url() {
        return app.url();
    }

    /** What each step ended with: title, pull request, state, build summary, preview. */
    public java.util.List<Map<String, String>> steps() {
        return java.util.List.copyOf(steps);
    }

    private void start(ConnectionSpec server, String golden, Path work) {
        Path config = work.resolve("slipway.yaml");
        write(config, """
                migrations:
                  engine: flyway
                state:
                  url: %s
                  user: %s
                serve:
                  port: 0
                  bindAddress: 127.0.0.1
                  repository: {name: %s, url: "%s", refs: github, baseBranch: main, migrations: migrations/flyway, masking: migrations/masking.yaml, poll: 30s}
                  webhooks: {githubSecretEnv: DEMO_HOOK_SECRET}
                  status: {forge: github, apiUrl: "http://127.0.0.1:%d", tokenEnv: DEMO_FORGE_TOKEN}
                  previews:
                    server: {url: "%s", user: %s}
                    golden: %s
                    trace: true
                """.formatted(server.url(), server.user(), REPO, git.url(), forge.getAddress().getPort(), server.url(),
                server.user(), golden));
        say.accept("\n== serve: watching " + git.url() + " (a local Git repository this demo made)");
        app = ServeApp.start(new ServeApp.Options(ConfigLoader.load(config), Map.of("DEMO_HOOK_SECRET",
                new String(secret, StandardCharsets.UTF_8), "DEMO_FORGE_TOKEN", "demo-token"), null, "demo",
                work.resolve("git-cache"), Duration.ofMillis(500)));
        say.accept("status page: " + app.url() + "   API: " + app.url().resolve("/api/v1/previews"));
    }

    private void story(String maskingRules) {
        String rules = maskingRules.replace("      full_name: name", "      full_name: name\n"
                + "      nickname: name                                        # a made-up name too");
        String safe = git.openPullRequest(1, Map.of("migrations/flyway/V5__add_customers_nickname.sql",
                "ALTER TABLE customers ADD COLUMN nickname text;\n", "migrations/masking.yaml", rules));
        step("PR 1 opened (a safe migration: a nullable column, and its masking rule)", 1, "opened", safe,
                "add-nickname", false, "ready");
        String unsafe = git.openPullRequest(2, Map.of("migrations/flyway/V5__index_customers_email.sql",
                "CREATE INDEX customers_full_name_idx ON customers (full_name);\n"));
        step("PR 2 opened (an unsafe migration: CREATE INDEX without CONCURRENTLY)", 2, "opened", unsafe,
                "index-emails", false, "failed");
        String fixed = git.pushToPullRequest(2, Map.of("migrations/flyway/V5__index_customers_email.sql",
                "-- slipway:allow non-transactional-mixed reason: the only statement of this migration\n"
                        + "CREATE INDEX CONCURRENTLY customers_full_name_idx ON customers (full_name);\n"));
        step("PR 2: a fix pushed (CREATE INDEX CONCURRENTLY)", 2, "synchronize", fixed, "index-emails", false, "ready");
        git.merge(1);
        step("PR 1 merged", 1, "closed", safe, "add-nickname", true, "dropped");
        say.accept("\n== PR 2's comment, as the forge stand-in holds it (Markdown; GitHub hides the first line):");
        comments.get(2).lines().forEach(l -> say.accept("   " + l));
    }

    private void step(String title, int pr, String action, String sha, String branch, boolean merged, String expect) {
        say.accept("\n-- " + title + ": head " + sha.substring(0, 10));
        deliver(pr, action, sha, branch, merged);
        JsonNode[] view = new JsonNode[1];
        await(() -> {
            view[0] = preview(pr);
            return expect.equals("dropped") ? view[0].path("preview").isNull() && "merged".equals(view[0].path("prState").asText())
                    : expect.equals(view[0].path("state").asText()) && sha.equals(view[0].path("lastRun").path("headSha").asText())
                    && !"running".equals(view[0].path("lastRun").path("state").asText());
        }, title);
        if (!expect.equals("dropped")) {
            await(() -> comments.getOrDefault(pr, "").contains("`" + sha.substring(0, 10) + "`"), title + ": its PR comment");
        }
        JsonNode run = view[0].path("lastRun");
        steps.add(Map.of("step", title, "pr", String.valueOf(pr), "state", expect,
                "summary", run.path("summary").asText(""), "preview", view[0].path("preview").asText(""),
                "comment", comments.getOrDefault(pr, "")));
        if (expect.equals("dropped")) {
            say.accept("   preview dropped; the pull request is " + view[0].path("prState").asText());
        } else {
            firstError(run).ifPresent(f -> say.accept("   lint: " + f));
            say.accept("   preview " + view[0].path("preview").asText() + ": " + view[0].path("state").asText() + " — "
                    + run.path("summary").asText());
            say.accept("   connect: " + view[0].path("connection").path("jdbcUrl").asText() + " (user "
                    + view[0].path("connection").path("user").asText() + ")");
        }
    }

    private static java.util.Optional<String> firstError(JsonNode run) {
        try {
            JsonNode detail = JSON.readTree(run.path("detail").asText("{}"));
            for (JsonNode f : detail.path("lint").path("findings")) {
                if (f.path("severity").asText().equalsIgnoreCase("error")) {
                    return java.util.Optional.of(f.path("rule").asText() + " at " + f.path("file").asText() + ":"
                            + f.path("line").asText() + ": " + f.path("message").asText());
                }
            }
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    private void deliver(int pr, String action, String sha, String branch, boolean merged) {
        ObjectNode body = JSON.createObjectNode().put("action", action).put("number", pr);
        ObjectNode p = body.putObject("pull_request").put("number", pr).put("state", action.equals("closed") ? "closed" : "open")
                .put("merged", merged).put("updated_at", Instant.now().toString());
        p.putObject("head").put("sha", sha).put("ref", branch);
        p.putObject("base").put("ref", "main");
        p.putArray("labels");
        body.putObject("repository").put("full_name", REPO);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(app.url().resolve("/hooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", GitHubSignature.of(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
        say.accept("   webhook pull_request " + action + " -> " + r.statusCode());
    }

    private JsonNode preview(int pr) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(app.url().resolve("/api/v1/previews/" + REPO + "/" + pr)).build());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new SlipwayException(ErrorCode.INTERNAL, "the demo step '" + what + "' did not finish within "
                        + STEP_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stand-in for GitHub's API that prints what serve reports: commit statuses, and the pull request's one comment
     * (issue comments: listed, created, edited), keeping each pull request's comment in {@code comments}.
     */
    private static HttpServer forge(Consumer<String> say, Map<Integer, String> comments) {
        Map<Long, Integer> commentPr = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/", ex -> {
                String path = ex.getRequestURI().getPath();
                byte[] in = ex.getRequestBody().readAllBytes();
                java.util.regex.Matcher list = java.util.regex.Pattern.compile(".*/issues/(\\d+)/comments").matcher(path);
                java.util.regex.Matcher one = java.util.regex.Pattern.compile(".*/issues/comments/(\\d+)").matcher(path);
                String answer = "{}";
                int code = 201;
                if (list.matches() && ex.getRequestMethod().equals("GET")) {
                    int pr = Integer.parseInt(list.group(1));
                    com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
                    commentPr.forEach((id, n) -> {
                        if (n == pr) {
                            out.addObject().put("id", id).put("body", comments.get(pr));
                        }
                    });
                    answer = out.toString();
                    code = 200;
                } else if (list.matches() || one.matches()) {
                    String body = JSON.readTree(in).path("body").asText();
                    long id = list.matches() ? ids.incrementAndGet() : Long.parseLong(one.group(1));
                    int pr = list.matches() ? Integer.parseInt(list.group(1)) : commentPr.getOrDefault(id, 0);
                    commentPr.put(id, pr);
                    comments.put(pr, body);
                    say.accept("   PR comment " + (list.matches() ? id + " created" : id + " edited") + " on PR " + pr
                            + ": " + body.lines().filter(l -> l.startsWith("### ")).findFirst().orElse("### ").substring(4));
                    answer = JSON.createObjectNode().put("id", id).put("body", body).toString();
                    code = list.matches() ? 201 : 200;
                } else {
                    JsonNode status = JSON.readTree(in);
                    say.accept("   commit status " + status.path("state").asText() + " on "
                            + path.substring(path.lastIndexOf('/') + 1, path.lastIndexOf('/') + 11) + ": "
                            + status.path("description").asText());
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(code, bytes.length);
                ex.getResponseBody().write(bytes);
                ex.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        forge.stop(0);
        git.close();
    }
}
