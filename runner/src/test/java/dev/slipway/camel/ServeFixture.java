package dev.slipway.camel;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.MaskRequest;
import dev.slipway.mask.MaskStep;
import dev.slipway.mask.copy.MaskProgress;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.RunProgress;
import dev.slipway.testing.RecordingForge;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import dev.slipway.webhook.GitHubSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code serve} under test: a masked golden built from the repository's own migrations and demo data, a Git
 * origin holding those migrations, a recording forge for commit statuses, and helpers to send signed GitHub
 * deliveries (the real example payloads, with this test's numbers and commits) and read the API.
 */
final class ServeFixture implements AutoCloseable {

    static final String HOOK_SECRET = "hook-secret-for-tests";
    static final String FORGE_TOKEN = "ghp_testtoken0123456789";
    static final String GATE_TOKEN = "gate-token-for-tests-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String repo;
    final GitRemote git;
    final String golden;
    final RecordingForge forge;
    private final ConnectionSpec admin;
    private final Path config;
    private final Path dir;
    private ServeApp app;

    private ServeFixture(String repo, GitRemote git, String golden, RecordingForge forge, ConnectionSpec admin,
                         Path config, Path dir) {
        this.repo = repo;
        this.git = git;
        this.golden = golden;
        this.forge = forge;
        this.admin = admin;
        this.config = config;
        this.dir = dir;
    }

    /**
     * @param source a fresh database: it becomes "production" (migrated, with fake personal data)
     * @param state  a fresh database for Slipway's state
     * @param extra  more lines for the serve: section's previews: block (e.g. "    max: 1")
     */
    static ServeFixture create(TestDatabase source, TestDatabase state, RecordingForge forge, Path dir, String extra) {
        return create(source, state, source.spec().withDatabase("postgres"), forge, dir, extra);
    }

    /** As {@link #create(TestDatabase, TestDatabase, RecordingForge, Path, String)}, previews on another server. */
    static ServeFixture create(TestDatabase source, TestDatabase state, ConnectionSpec admin, RecordingForge forge,
                               Path dir, String extra) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String repo = "acme/shop" + suffix;
        String golden = "golden_" + suffix;
        buildGolden(source, admin, golden);
        createDirectories(dir);
        GitRemote git = GitRemote.withMigrations(dir, RepoFolders.path("migrations").resolve("flyway"));
        Path config = dir.resolve("slipway.yaml");
        write(config, """
                migrations:
                  engine: flyway
                defaults:
                  lockTimeout: 2s
                  statementTimeout: 30s
                state:
                  url: %s
                  user: %s
                serve:
                  port: 0
                  resync: 1h
                  repository:
                    name: %s
                    url: %s
                    refs: github
                    baseBranch: main
                    migrations: migrations/flyway
                    poll: off
                  webhooks:
                    githubSecretEnv: HOOK_SECRET
                  status:
                    forge: github
                    apiUrl: %s
                    tokenEnv: GH_TOKEN
                  previews:
                    server:
                      url: %s
                      user: %s
                    golden: %s
                %s
                """.formatted(state.url(), state.user(), repo, git.url(), forge.uri(""), admin.url(), admin.user(),
                golden, extra));
        return new ServeFixture(repo, git, golden, forge, admin, config, dir);
    }

    private static void buildGolden(TestDatabase source, ConnectionSpec admin, String golden) {
        Path migrations = RepoFolders.path("migrations");
        new MigrateStep(new MigrateRequest(source.spec(), EngineKind.FLYWAY, migrations.resolve("flyway"),
                MigrationSettings.DEFAULT, false, null, null), RunProgress.NONE).call();
        try {
            source.execute(Files.readString(migrations.resolve("demo/personal-data.sql")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql(admin, "CREATE DATABASE " + golden);
        new MaskStep(new MaskRequest(source.spec(), admin.withDatabase(golden), migrations.resolve("masking.yaml"),
                Keyring.of("serve-it-mask-secret-0123".getBytes(StandardCharsets.UTF_8)), 2, false),
                MaskProgress.lines(line -> { })).call();
    }

    ServeFixture start() {
        return start("it-" + UUID.randomUUID().toString().substring(0, 4));
    }

    ServeFixture start(String instance) {
        app = ServeApp.start(new ServeApp.Options(ConfigLoader.load(config), env(), RepoFolders.path("routes"), instance,
                dir.resolve("cache-" + instance), Duration.ofMillis(200)));
        return this;
    }

    /** Starts serve with provider kubernetes on {@code kube} (the config must say so: see {@link #edit}). */
    ServeFixture start(dev.slipway.env.kube.KubeAccess kube) {
        String instance = "it-" + UUID.randomUUID().toString().substring(0, 4);
        app = ServeApp.start(new ServeApp.Options(ConfigLoader.load(config), env(), RepoFolders.path("routes"), instance,
                dir.resolve("cache-" + instance), Duration.ofMillis(200), kube));
        return this;
    }

    /** Another replica on the same state database and config; the caller closes it. */
    ServeApp replica(String instance) {
        return ServeApp.start(new ServeApp.Options(ConfigLoader.load(config), env(), RepoFolders.path("routes"), instance,
                dir.resolve("cache-" + instance), Duration.ofMillis(200)));
    }

    /** Rewrites the config before {@link #start()}, e.g. to turn polling on. */
    ServeFixture edit(java.util.function.UnaryOperator<String> change) {
        try {
            Files.writeString(config, change.apply(Files.readString(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Map<String, String> env() {
        return Map.of("HOOK_SECRET", HOOK_SECRET, "GH_TOKEN", FORGE_TOKEN, "GATE_TOKEN", GATE_TOKEN);
    }

    ServeApp app() {
        return app;
    }

    ConnectionSpec admin() {
        return admin;
    }

    Path configFile() {
        return config;
    }

    /** Sends a signed {@code pull_request} delivery built from GitHub's example payload. */
    HttpResponse<String> pullRequest(String action, int n, String sha, String branch, boolean merged, String updatedAt) {
        return deliver("pull_request", pullRequestBody(action, n, sha, branch, merged, updatedAt),
                UUID.randomUUID().toString(), true);
    }

    /** GitHub's example {@code pull_request} payload with this test's repository, number, head and time. */
    byte[] pullRequestBody(String action, int n, String sha, String branch, boolean merged, String updatedAt) {
        ObjectNode body = (ObjectNode) fixture("pull_request-" + ("synchronize".equals(action) ? "synchronize" : "opened"));
        body.put("action", action);
        body.put("number", n);
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("number", n);
        pr.put("state", action.equals("closed") ? "closed" : "open");
        pr.put("merged", merged);
        pr.put("updated_at", updatedAt);
        ((ObjectNode) pr.get("head")).put("sha", sha).put("ref", branch);
        ((ObjectNode) pr.get("base")).put("ref", "main");
        ((ObjectNode) body.get("repository")).put("full_name", repo);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a signed {@code opened} delivery for pull request {@code n} to a serve at {@code url}. */
    void deliverTo(String url, int n, String sha) {
        byte[] bytes = pullRequestBody("opened", n, sha, "pr-" + n, false, "2026-11-24T10:00:00Z");
        HttpResponse<String> r = post(java.net.URI.create(url).resolve("/hooks/github"), "pull_request", bytes,
                UUID.randomUUID().toString(), signature(bytes));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("delivery refused: " + r.statusCode() + " " + r.body());
        }
    }

    /** Posts {@code body} to {@code /hooks/github} as {@code event}, signed with the right secret when {@code sign}. */
    HttpResponse<String> deliver(String event, byte[] body, String deliveryId, boolean sign) {
        return post(app.url().resolve("/hooks/github"), event, body, deliveryId, sign ? signature(body) : null);
    }

    /** Posts a delivery with {@code signature} as {@code X-Hub-Signature-256} (none when null). */
    static HttpResponse<String> post(java.net.URI hook, String event, byte[] body, String deliveryId, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return send(b.build());
    }

    static String signature(byte[] body) {
        return GitHubSignature.of(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), body);
    }

    static JsonNode fixture(String name) {
        try {
            return JSON.readTree(RepoFolders.path("runner/src/test/resources/webhook/github").resolve(name + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode api(String path) {
        HttpResponse<String> r = get(path);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.statusCode() + " " + r.body(), e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(app.url().resolve(path)).GET().build());
    }

    /** The preview of pull request {@code n} as the API shows it. */
    JsonNode preview(int n) {
        String[] parts = repo.split("/");
        return api("/api/v1/previews/" + parts[0] + "/" + parts[1] + "/" + n);
    }

    /** Waits until pull request {@code n}'s preview is in {@code state} at {@code sha}; returns its view. */
    JsonNode awaitPreview(int n, String state, String sha) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode p = preview(n);
            return state.equals(p.path("state").asText()) && sha.equals(p.path("head").asText())
                    && p.path("lastRun").path("headSha").asText().equals(sha)
                    && !p.path("lastRun").path("state").asText().equals("running");
        });
        return preview(n);
    }

    boolean databaseExists(String name) {
        return !query(admin, "SELECT 1 FROM pg_database WHERE datname = '" + name + "'").isEmpty();
    }

    static String query(ConnectionSpec db, String sql) {
        try (Connection c = db.open("slipway-test", null); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sql(ConnectionSpec db, String sql) {
        try (Connection c = db.open("slipway-test", null); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops serve; drops previews and the golden this fixture made. */
    @Override
    public void close() {
        if (app != null) {
            app.close();
            app = null;
        }
        String names = query(admin, "SELECT string_agg(datname, ',') FROM pg_database WHERE datname LIKE 'preview\\_%' "
                + "AND shobj_description(oid, 'pg_database') LIKE '%\"" + repo + "\"%'");
        for (String name : names.isEmpty() ? new String[0] : names.split(",")) {
            sql(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        sql(admin, "DROP DATABASE IF EXISTS " + golden + " WITH (FORCE)");
    }


}
