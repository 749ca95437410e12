package dev.slipway.cli;

import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.GateConfig;
import dev.slipway.gate.GatePlans;
import dev.slipway.gate.PrometheusClient;
import dev.slipway.gate.SloBurnThrottle;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillSettings;
import dev.slipway.migrate.backfill.ReplicaLag;
import dev.slipway.migrate.backfill.Throttle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What backfills run with in one command: the environment's defaults ({@code backfill:}), its named replicas, the
 * burn rates of its gate's SLOs, and a progress line on stderr.
 */
final class BackfillSetup {

    private BackfillSetup() {
    }

    /** @param environment the {@code --env} given, or {@code null} for the built-in defaults and no SLOs */
    static BackfillRuntime of(EnvironmentConfig environment, Map<String, String> env, Duration connectTimeout,
                              BackfillListener listener) {
        if (environment == null) {
            return BackfillRuntime.DEFAULT.withListener(listener);
        }
        String key = "environments." + environment.name();
        BackfillSettings defaults = environment.backfill().isBlank() ? BackfillSettings.DEFAULT
                : BackfillSettings.parse(environment.backfill(), BackfillSettings.DEFAULT, "slipway.yaml " + key + ".backfill");
        List<ReplicaLag.Replica> replicas = GatePlans.replicas(environment, env, connectTimeout);
        List<Throttle> throttles = new ArrayList<>();
        GateConfig gate = environment.gate();
        if (gate != null && !gate.slos().isEmpty()) {
            PrometheusClient prometheus = new PrometheusClient(gate.prometheus().url(), GatePlans.secret(
                    gate.prometheus().tokenEnv(), env, "prometheus.tokenEnv of " + environment.name()), gate.timeout(),
                    PrometheusClient.httpClient(gate.timeout()));
            throttles.add(new SloBurnThrottle(gate, prometheus, System::nanoTime));
        }
        return new BackfillRuntime(defaults, replicas, throttles, listener);
    }
}
