package dev.slipway.gate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConnectionRef;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The gates of every configured environment, for {@code serve}'s HTTP API: evaluates them the way
 * {@code slipway gate} does (same plans, same store) and holds the API's bearer tokens. The Kubernetes client is made
 * on the first PDB check and closed with the service. Thread-safe.
 */
public final class GateService implements AutoCloseable {

    private final SlipwayConfig config;
    private final Map<String, String> env;
    private final GateTokens tokens;
    private final VerdictStore store;
    private final ConnectionPool state;
    private final GateRunner runner;
    private final GateEvaluator evaluator;
    private final HttpClient http = PrometheusClient.httpClient(Duration.ofSeconds(10));
    private final Supplier<KubernetesClient> kubernetes;
    private KubernetesClient client;

    /**
     * @param state      Slipway's state database, schema current
     * @param kubernetes makes the client for PDB checks, e.g. {@link GatePlans#kubernetesClient}
     * @throws SlipwayException when a token variable the config names is not set
     */
    public GateService(SlipwayConfig config, Map<String, String> env, ConnectionPool state,
                       Supplier<KubernetesClient> kubernetes) {
        this.config = config;
        this.env = env;
        this.tokens = GateTokens.of(config, env);
        this.state = state;
        this.store = new VerdictStore(state);
        this.evaluator = new GateEvaluator(8, Clock.systemUTC());
        this.runner = new GateRunner(evaluator, store);
        this.kubernetes = kubernetes;
    }

    /** Environments that have a gate, by name. */
    public Set<String> environments() {
        Set<String> names = new TreeSet<>();
        config.environments().values().stream().filter(e -> e.gate() != null).forEach(e -> names.add(e.name()));
        return names;
    }

    public Optional<EnvironmentConfig> environment(String name) {
        return Optional.ofNullable(config.environments().get(name)).filter(e -> e.gate() != null);
    }

    public GateTokens tokens() {
        return tokens;
    }

    public VerdictStore store() {
        return store;
    }

    /** Evaluates the gate of {@code environment} for {@code commit} and stores the verdict. */
    public GateEvaluator.Evaluation evaluate(EnvironmentConfig environment, String commit) {
        GatePlans.Sources s = new GatePlans.Sources(env, this::kubernetes, http, Clock.systemUTC(), store, state);
        return runner.evaluate(GatePlans.plan(environment, migrations(environment), s), commit, "api");
    }

    private MigrationCheck.Source migrations(EnvironmentConfig e) {
        if (config.engine() == null || config.location() == null) {
            return null;
        }
        return new MigrationCheck.Source(connection(e), EngineKind.parse(config.engine()), config.location(),
                e.settings(), LintSettings.from(config.lint(), config.file(), Linter.ids(Rules.all())));
    }

    private ConnectionSpec connection(EnvironmentConfig e) {
        ConnectionRef c = e.connection();
        String password = c.passwordEnv() == null ? null : env.get(c.passwordEnv());
        if (c.passwordEnv() != null && password == null) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + c.passwordEnv()
                    + " (environments." + e.name() + ".passwordEnv) is not set");
        }
        return new ConnectionSpec(c.url(), c.user(), password, e.settings().connectTimeout());
    }

    private synchronized KubernetesClient kubernetes() {
        if (client == null) {
            client = kubernetes.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        evaluator.close();
        if (client != null) {
            client.close();
        }
    }
}
