package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.camel.ServeApp;
import dev.slipway.cli.Json;
import dev.slipway.config.ConfigLoader;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.git.LocalOrigin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One {@code serve} of the bench: its {@code slipway.yaml} (webhooks only, no polling, no commit statuses, the
 * state database and previews on the bench's server), started in this JVM or in a JVM of its own. Secrets
 * (the webhook secret, the server's password) go through environment variables, as in production.
 */
final class ServeSetup {

    static final String HOOK_SECRET_ENV = "SLIPWAY_BENCH_HOOK_SECRET";
    static final String PASSWORD_ENV = "SLIPWAY_BENCH_PASSWORD";
    /** How often serve checks its leadership (and changes other replicas recorded), as {@code slipway serve} does. */
    private static final Duration LEADERSHIP = Duration.ofSeconds(2);

    private final Path dir;
    private final String repo;
    private final Path config;
    private final int port;
    private final String hookSecret = "bench-" + UUID.randomUUID();
    private final String password;

    /**
     * @param server the connection previews are created through (a maintenance database), also the state's user
     * @param state  Slipway's state database
     */
    ServeSetup(Path dir, String repo, String originUrl, ConnectionSpec server, ConnectionSpec state, String golden,
               int maxPreviews) {
        this.dir = dir;
        this.repo = repo;
        this.config = dir.resolve("slipway.yaml");
        this.port = freePort();
        this.password = server.password();
        write(dir, config, """
                migrations:
                  engine: flyway
                state:
                  url: %s
                  user: %s
                %s
                serve:
                  port: %d
                  resync: 1h
                  repository:
                    name: %s
                    url: %s
                    refs: github
                    baseBranch: main
                    migrations: %s
                    poll: "off"
                  webhooks:
                    githubSecretEnv: %s
                  previews:
                    server:
                      url: %s
                      user: %s
                %s
                    golden: %s
                    max: %d
                """.formatted(q(state.url()), q(state.user()), passwordKey("  "), port, q(repo), q(originUrl),
                LocalOrigin.MIGRATIONS, HOOK_SECRET_ENV, q(server.url()), q(server.user()), passwordKey("      "),
                q(golden), maxPreviews));
    }

    String repo() {
        return repo;
    }

    String hookSecret() {
        return hookSecret;
    }

    /** Where serve answers: {@code http://127.0.0.1:PORT/}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The environment serve reads its secrets from. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(HOOK_SECRET_ENV, hookSecret);
        if (password != null) {
            env.put(PASSWORD_ENV, password);
        }
        return env;
    }

    /** Starts serve in this JVM, with the routes from the jar, as {@code slipway serve} would. */
    ServeApp startHere(String instance) {
        return ServeApp.start(new ServeApp.Options(ConfigLoader.load(config), env(), null, instance,
                dir.resolve("cache-" + instance), LEADERSHIP));
    }

    /** Starts {@code slipway serve --config …} in a JVM of its own with {@code jvmOptions}. */
    ServeProcess startProcess(String instance, List<String> jvmOptions) {
        return ServeProcess.start(config, instance, dir, env(), jvmOptions);
    }

    private String passwordKey(String indent) {
        return password == null ? "" : indent + "passwordEnv: " + PASSWORD_ENV;
    }

    /** A YAML double-quoted scalar (JSON strings are YAML). */
    private static String q(String value) {
        return value == null ? "null" : Json.MAPPER.valueToTree(value).toString();
    }

    private static void write(Path dir, Path file, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot find a free port: " + e.getMessage(), e);
        }
    }
}
