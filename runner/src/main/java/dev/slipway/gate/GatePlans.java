package dev.slipway.gate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.GateConfig;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.migrate.backfill.ReplicaLag;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns an environment's {@code gate:} section into the checks to run, with their adapters: the CLI and serve build
 * their gates the same way, so both give the same verdict.
 */
public final class GatePlans {

    /**
     * What the checks talk to.
     *
     * @param env        environment variables, for the tokens the config names
     * @param kubernetes the API client for the PDB check, asked for only when an environment has one
     * @param state      Slipway's state database: holds and the audit log's preview runs
     */
    public record Sources(Map<String, String> env, Supplier<KubernetesClient> kubernetes, HttpClient http, Clock clock,
                          VerdictStore store, ConnectionPool state) {
    }

    private GatePlans() {
    }

    /**
     * The checks of {@code environment}.
     *
     * @param migrations where the environment's migrations are; {@code null} when they cannot be found (the
     *                   migration check is then unknown)
     * @throws SlipwayException when the environment has no gate or a token the config names is not set
     */
    public static GateEvaluator.Plan plan(EnvironmentConfig environment, MigrationCheck.Source migrations, Sources s) {
        GateConfig g = require(environment);
        List<GateCheck> checks = new ArrayList<>();
        if (!g.freeze().isEmpty()) {
            checks.add(new FreezeCheck(g.freeze(), s.clock()));
        }
        checks.add(new HoldCheck(s.store(), environment.name()));
        if (g.pdb() != null) {
            checks.add(new PdbCheck(s.kubernetes().get(), g.pdb()));
        }
        if (!g.slos().isEmpty()) {
            PrometheusClient prometheus = new PrometheusClient(g.prometheus().url(),
                    secret(g.prometheus().tokenEnv(), s.env(), "prometheus.tokenEnv of " + environment.name()),
                    g.timeout(), s.http());
            g.slos().forEach(slo -> checks.add(new SloCheck(slo, prometheus)));
        }
        if (g.replicaLag() != null) {
            checks.add(replicaLag(environment, g, s.env()));
        }
        if (g.migrations()) {
            checks.add(migrations == null ? new Unavailable("migrations", "no migration location: set "
                    + "migrations.location in slipway.yaml or SLIPWAY_LOCATION") : new MigrationCheck(migrations,
                    new PreviewEvidence(s.state()), g.heavy(), s.clock()));
        }
        return new GateEvaluator.Plan(environment.name(), checks, g.timeout(), g.unknownPasses());
    }

    /** The replica-lag check of {@code environment}: its primary's standbys and the replicas it names. */
    private static GateCheck replicaLag(EnvironmentConfig environment, GateConfig g, Map<String, String> env) {
        String key = "environments." + environment.name();
        ConnectionSpec primary = new ConnectionSpec(environment.connection().url(), environment.connection().user(),
                secret(environment.connection().passwordEnv(), env, key + ".passwordEnv"), g.timeout());
        List<ReplicaLag.Replica> replicas = replicas(environment, env, g.timeout());
        SessionTimeouts timeouts = new SessionTimeouts(g.timeout(), g.timeout());
        return new ReplicaLagCheck(new ReplicaLag(() -> primary.open("slipway-gate", timeouts), replicas), g.replicaLag(),
                environment.replicas().stream().map(EnvironmentConfig.Replica::name).toList());
    }

    /**
     * The replicas {@code environment} names, to watch besides its primary's own standbys (gate and backfills alike),
     * each with its password from {@code env}.
     */
    public static List<ReplicaLag.Replica> replicas(EnvironmentConfig environment, Map<String, String> env,
                                                    Duration connectTimeout) {
        List<ReplicaLag.Replica> replicas = new ArrayList<>();
        for (EnvironmentConfig.Replica r : environment.replicas()) {
            String password = secret(r.connection().passwordEnv(), env, "environments." + environment.name()
                    + ".replicas " + r.name() + " passwordEnv");
            replicas.add(new ReplicaLag.Replica(r.name(), new ConnectionSpec(r.connection().url(), r.connection().user(),
                    password, connectTimeout)));
        }
        return replicas;
    }

    /** The environment's gate, or an error saying how to add one. */
    public static GateConfig require(EnvironmentConfig environment) {
        if (environment.gate() == null) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "environment '" + environment.name()
                    + "' has no gate: section in slipway.yaml; see docs/gates.md");
        }
        return environment.gate();
    }

    /** The value of {@code variable}, {@code null} when none is named. */
    public static String secret(String variable, Map<String, String> env, String key) {
        if (variable == null) {
            return null;
        }
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + variable + " (" + key
                    + ") is not set");
        }
        return value;
    }

    /**
     * A client from KUBECONFIG or the pod's service account, whose requests give up after {@code timeout} and are not
     * retried: an unreachable API server makes the check unknown within the gate's time limit.
     */
    public static KubernetesClient kubernetesClient(Duration timeout) {
        int ms = (int) timeout.toMillis();
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestTimeout(ms).withConnectionTimeout(ms)
                .withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A check that cannot run here, always unknown with its reason. */
    private record Unavailable(String name, String reason) implements GateCheck {
        @Override
        public Object inputs() {
            return Map.of();
        }

        @Override
        public List<CheckResult> run() {
            return List.of(CheckResult.unknown(name, null, reason));
        }
    }
}
