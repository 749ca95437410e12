package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.audit.RunLog;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.GateConfig;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.gate.CheckResult;
import dev.slipway.gate.GateEvaluator;
import dev.slipway.gate.GatePlans;
import dev.slipway.gate.GateRunner;
import dev.slipway.gate.MigrationCheck;
import dev.slipway.gate.PrometheusClient;
import dev.slipway.gate.Verdict;
import dev.slipway.gate.VerdictStore;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.rules.Rules;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway gate}: may this commit be promoted to this environment? For Argo CD PreSync hooks. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Evaluate an environment's promotion gate (PodDisruptionBudgets, SLO error budgets, migration "
                + "health, freeze calendar, manual hold), store the verdict, print every check.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the gate passes", "1:the gate fails", "2:the gate could not be evaluated"})
final class GateCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    /** The environment (--env) and the database of its migration-health check. */
    @Mixin
    ConnectionFlags connection;

    /** The migrations of the migration-health check; without them the check is skipped. */
    @Mixin
    SourceFlags source;

    @Option(names = "--json", description = "print the verdict as one JSON document (an error too)")
    boolean json;

    @Option(names = "--commit", paramLabel = "SHA", description = "the commit being promoted ($SLIPWAY_COMMIT)")
    String commit;

    @Override
    public boolean json() {
        return json;
    }

    /** The environment whose gate it is. */
    @Override
    public String subject() {
        return connection.environment != null ? connection.environment : parent.env().get("SLIPWAY_ENV");
    }

    @Override
    public Integer call() {
        try {
            return evaluate();
        } catch (SlipwayException e) {
            throw new SlipwayException(ErrorCode.GATE_NOT_EVALUATED, "the gate could not be evaluated: " + e.getMessage(), e);
        }
    }

    private int evaluate() {
        if (connection.environment == null && parent.env().get("SLIPWAY_ENV") == null) {
            throw new SlipwayException(ErrorCode.USAGE, "slipway gate needs an environment: pass --env ENV");
        }
        TargetResolver resolver = new TargetResolver(connection, source, null, null, parent.env());
        EnvironmentConfig environment = resolver.environment();
        GateConfig gate = GatePlans.require(environment);
        ResolvedTarget t = resolver.resolveWithoutMigrations();
        ConnectionSpec stateDb = t.state() != null ? t.state() : t.target();
        RunLog.ensureSchema(stateDb);
        String sha = commit != null ? commit : parent.env().get("SLIPWAY_COMMIT");
        Clock clock = Clock.systemUTC();
        try (ConnectionPool pool = new ConnectionPool(stateDb, "slipway-gate", 2);
             Kubernetes kube = new Kubernetes(gate);
             GateEvaluator evaluator = new GateEvaluator(8, clock)) {
            VerdictStore store = new VerdictStore(pool);
            GatePlans.Sources sources = new GatePlans.Sources(parent.env(), kube::client,
                    PrometheusClient.httpClient(gate.timeout()), clock, store, pool);
            GateEvaluator.Plan plan = GatePlans.plan(environment, migrations(resolver, t), sources);
            GateEvaluator.Evaluation e = new GateRunner(evaluator, store).evaluate(plan, sha, "cli");
            print(e, apiUrl(resolver.config()));
            return e.verdict().exitCode();
        }
    }

    private static MigrationCheck.Source migrations(TargetResolver resolver, ResolvedTarget t) {
        if (t.engine() == null) {
            return null;
        }
        SlipwayConfig c = resolver.config();
        return new MigrationCheck.Source(t.target(), t.engine(), t.location(), t.settings(),
                LintSettings.from(c.lint(), c.file(), Linter.ids(Rules.all())));
    }

    private static URI apiUrl(SlipwayConfig config) {
        return config.serve() == null ? null : config.serve().publicUrl();
    }

    private void print(GateEvaluator.Evaluation e, URI api) {
        PrintWriter out = spec.commandLine().getOut();
        Verdict v = e.verdict();
        if (json) {
            out.println(Json.write(GateRunner.view(v, e.inputs(), api)));
        } else {
            out.printf(Locale.ROOT, "gate %s for %s%n", v.environment(), v.commit() == null ? "(no commit given)" : v.commit());
            v.checks().forEach(c -> out.println(line(c)));
            out.printf(Locale.ROOT, "verdict %s: %s (%d checks, %d ms)%s%n", v.id(), v.outcome(), v.checks().size(),
                    v.durationMs(), api == null ? "" : " " + GateRunner.link(api, v));
        }
        out.flush();
    }

    /** One check on one line: result, name, observed, threshold, reason. */
    static String line(CheckResult c) {
        return String.format(Locale.ROOT, "%-7s %-30s %s [%s] %s", c.result(), c.name(), c.observed(), c.threshold(),
                c.reason());
    }

    /** The Kubernetes client, made only when a PDB check asks for it, closed with the command. */
    private static final class Kubernetes implements AutoCloseable {
        private final GateConfig gate;
        private KubernetesClient client;

        Kubernetes(GateConfig gate) {
            this.gate = gate;
        }

        synchronized KubernetesClient client() {
            if (client == null) {
                client = GatePlans.kubernetesClient(gate.timeout());
            }
            return client;
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
            }
        }
    }
}
