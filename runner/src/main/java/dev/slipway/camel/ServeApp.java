package dev.slipway.camel;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.api.ApiEndpoint;
import dev.slipway.api.GateEndpoint;
import dev.slipway.api.PreviewViews;
import dev.slipway.api.StatusPage;
import dev.slipway.audit.RunLog;
import dev.slipway.config.ServeConfig;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.env.LocalProvider;
import dev.slipway.env.kube.GoldenRefresh;
import dev.slipway.env.kube.KubeAccess;
import dev.slipway.env.kube.KubernetesProvider;
import dev.slipway.env.kube.ManifestTemplates;
import dev.slipway.gate.GatePlans;
import dev.slipway.gate.GateService;
import dev.slipway.git.GitMirror;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewNames;
import dev.slipway.plan.ReconcilePolicy;
import dev.slipway.plan.Reconciler;
import dev.slipway.serve.ChangeWatch;
import dev.slipway.serve.GoldenSchedule;
import dev.slipway.serve.Leadership;
import dev.slipway.serve.LeaseLeadership;
import dev.slipway.serve.LockLeadership;
import dev.slipway.serve.PreviewBuilder;
import dev.slipway.serve.ReconcileLoop;
import dev.slipway.serve.RunStore;
import dev.slipway.serve.BackfillBoard;
import dev.slipway.serve.ServeMetrics;
import dev.slipway.serve.StateStore;
import dev.slipway.serve.StatusPublisher;
import dev.slipway.serve.CommentPublisher;
import dev.slipway.serve.PullRequestReport;
import dev.slipway.webhook.WebhookIntake;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slipway serve} in one object: builds the adapters from the config, binds them as the beans the
 * routes name, and runs Camel Main with the routes from the jar (or a folder). {@link #close()} stops the
 * routes, gives up leadership and closes the connections.
 */
public final class ServeApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServeApp.class);

    /**
     * How to start.
     *
     * @param routes     a folder of {@code *.camel.yaml}, or {@code null} for the routes in the jar
     * @param instance   this replica's name in logs, leadership and build records
     * @param cacheDir   where the Git mirror lives
     * @param leadership how often leadership (and changes other replicas recorded) is checked
     * @param kube       the cluster for provider {@code kubernetes}; {@code null} for fabric8's own discovery
     */
    public record Options(SlipwayConfig config, Map<String, String> env, Path routes, String instance, Path cacheDir,
                          Duration leadership, KubeAccess kube) {

        public Options(SlipwayConfig config, Map<String, String> env, Path routes, String instance, Path cacheDir,
                       Duration leadership) {
            this(config, env, routes, instance, cacheDir, leadership, null);
        }
    }

    private final Main main;
    private final HttpFront http;
    private final int port;
    private final URI url;
    private final ReconcileLoop loop;
    private final Leadership leadership;
    private final KubeAccess ownedKube;
    private final ConnectionPool pool;
    private final GitMirror mirror;
    private final GitPoller poller;
    private final GateService gates;
    private final CommentPublisher comments;
    private boolean closed;

    private ServeApp(Main main, HttpFront http, int port, URI url, ReconcileLoop loop, Leadership leadership,
                     KubeAccess ownedKube, ConnectionPool pool, GitMirror mirror, GitPoller poller, GateService gates,
                     CommentPublisher comments) {
        this.comments = comments;
        this.main = main;
        this.http = http;
        this.port = port;
        this.url = url;
        this.loop = loop;
        this.leadership = leadership;
        this.ownedKube = ownedKube;
        this.pool = pool;
        this.mirror = mirror;
        this.poller = poller;
        this.gates = gates;
    }

    /** Starts serve and returns once the HTTP port answers; routes keep running on Camel's threads. */
    public static ServeApp start(Options o) {
        ServeWiring w = new ServeWiring(o.config(), o.env());
        ServeConfig serve = w.serve();
        HttpFront http = Listen.open(serve, o.config().file());
        try {
            return start(o, w, http);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * Starts the rest behind {@code http}, which listens already: the port is bound once, and the port reported
     * (and put in links) is the one it holds, so nothing else can take it in between.
     */
    private static ServeApp start(Options o, ServeWiring w, HttpFront http) {
        ServeConfig serve = w.serve();
        String repo = serve.repository().name();
        Clock clock = Clock.systemUTC();
        int port = http.port();
        URI url = serve.publicUrl() != null ? serve.publicUrl() : Listen.localUrl(serve.bindAddress(), port);
        ConnectionSpec stateDb = w.stateDb();
        RunLog.ensureSchema(stateDb);

        ConnectionPool pool = new ConnectionPool(stateDb, "slipway-serve/" + o.instance(), 8);
        StateStore state = new StateStore(pool);
        RunStore runs = new RunStore(state);
        ServeMetrics metrics = new ServeMetrics();
        KubeAccess kube = kubeAccess(serve, o);
        EnvironmentProvider provider = provider(w, runs, kube);
        Leadership leadership = leadership(serve, stateDb, repo, o.instance(), kube, () -> {
            int n = runs.interruptRunning();
            if (n > 0) {
                LOG.warn("{} builds were running when the previous leader stopped: recorded as interrupted", n);
            }
        });
        GitMirror mirror = GitMirror.open(w.gitSource(o.cacheDir()));
        GitPoller poller = new GitPoller(mirror, state, repo, leadership, clock);
        StatusPublisher status = new StatusPublisher(w.statusReporter(), url, serve.status().context());
        BackfillBoard backfills = new BackfillBoard(metrics);
        CommentPublisher comments = new CommentPublisher(w.commenter(), PullRequestReport.marker(serve.status().context()),
                CommentPublisher.Retry.DEFAULT);
        PreviewBuilder builder = new PreviewBuilder(provider, poller, runs, status, comments,
                builderSettings(w, stateDb, o.instance()), backfills);
        ReconcileLoop loop = new ReconcileLoop(repo, state, provider, new Reconciler(new ReconcilePolicy(
                serve.previews().ttl(), serve.previews().max()), naming(provider)), builder, status, leadership, metrics,
                clock);
        PreviewViews views = new PreviewViews(repo, state, runs, provider, loop);

        Main main = new Main();
        WebhookEndpoint webhooks = new WebhookEndpoint(new WebhookIntake(w.webhookSecrets(),
                serve.webhooks().maxBodyBytes()), state, metrics, repo, clock);
        main.bind("webhooks", webhooks);
        main.bind("reconciler", loop);
        main.bind("leadership", leadership);
        main.bind("changes", new ChangeWatch(state, repo, leadership));
        main.bind("gitPoller", poller);
        main.bind("goldens", new GoldenSchedule(goldenRefresh(serve, kube), leadership));
        main.bind("api", new ApiEndpoint(views, runs, state, leadership, metrics, new StatusPage(repo), backfills));
        GateService gates = new GateService(o.config(), o.env(), pool, () -> GatePlans.kubernetesClient(Duration.ofSeconds(10)));
        main.bind("gates", new GateEndpoint(gates, url));
        configure(main, o, serve);
        try {
            http.accept(webhooks);
            http.bindInto(main);
            main.start();
        } catch (Exception e) {
            gates.close();
            comments.close();
            pool.close();
            mirror.close();
            if (kube != null && o.kube() == null) {
                kube.client().close();
            }
            throw new SlipwayException(ErrorCode.INTERNAL, "serve could not start its routes: " + e.getMessage(), e);
        }
        LOG.info("serve {} for {} listening on {} port {} ({})", o.instance(), repo, serve.bindAddress(), port, url);
        return new ServeApp(main, http, port, url, loop, leadership, o.kube() == null ? kube : null, pool, mirror,
                poller, gates, comments);
    }

    /** The cluster for the kubernetes provider: the test's, or fabric8's own discovery; none for local. */
    private static KubeAccess kubeAccess(ServeConfig serve, Options o) {
        if (!serve.previews().provider().equals("kubernetes")) {
            return null;
        }
        return o.kube() != null ? o.kube() : KubeAccess.fromEnvironment();
    }

    private static EnvironmentProvider provider(ServeWiring w, RunStore runs, KubeAccess access) {
        ServeConfig.Previews p = w.serve().previews();
        if (access == null) {
            return new LocalProvider(w.previewServer(), p.golden(), runs, p.cloneStrategy());
        }
        return new KubernetesProvider(access.client(), new KubernetesProvider.Settings(p.kubernetes(), p.ttl(),
                w.config().defaults().connectTimeout(), access.address(), ManifestTemplates.fromClasspath()));
    }

    /** The golden refresh, with the kubernetes provider when {@code serve.previews.kubernetes.refresh} is set. */
    private static GoldenRefresh goldenRefresh(ServeConfig serve, KubeAccess kube) {
        ServeConfig.GoldenRefresh r = serve.previews().refresh();
        return kube == null || r == null ? null
                : new GoldenRefresh(kube.client(), serve.previews().kubernetes(), r, Clock.systemUTC());
    }

    /**
     * With the kubernetes provider, a coordination.k8s.io Lease in Slipway's namespace, one per repository; in local
     * mode, a PostgreSQL advisory lock on the state database.
     */
    private static Leadership leadership(ServeConfig serve, ConnectionSpec stateDb, String repo, String instance,
                                         KubeAccess kube, Runnable onElected) {
        if (kube == null) {
            return new LockLeadership(stateDb, lockKey(repo), instance, onElected);
        }
        return new LeaseLeadership(kube.client(), serve.previews().kubernetes().slipwayNamespace(),
                "slipway-serve-" + Long.toHexString(lockKey(repo)), instance, LeaseLeadership.Timing.DEFAULT, onElected);
    }

    private static Function<PreviewKey, String> naming(EnvironmentProvider provider) {
        return provider.kind().equals("kubernetes") ? NamespaceNames::of : PreviewNames::of;
    }

    private static PreviewBuilder.Settings builderSettings(ServeWiring w, ConnectionSpec stateDb, String instance) {
        SlipwayConfigView c = new SlipwayConfigView(w);
        return new PreviewBuilder.Settings(c.engine(), w.serve().repository().migrations(), c.defaults(),
                c.lint().withMasking(null), w.serve().previews().trace(), stateDb, instance,
                w.serve().repository().masking());
    }

    private static void configure(Main main, Options o, ServeConfig serve) {
        main.configure().withRoutesIncludePattern(o.routes() == null ? "classpath:routes/*.camel.yaml"
                : "file:" + o.routes().toAbsolutePath() + "/*.camel.yaml");
        main.configure().withName("slipway-serve");
        main.addInitialProperty("camel.main.shutdownTimeout", "10");
        main.addInitialProperty("slipway.resync.ms", String.valueOf(serve.resync().toMillis()));
        main.addInitialProperty("slipway.leadership.ms", String.valueOf(o.leadership().toMillis()));
        ServeConfig.GoldenRefresh refresh = serve.previews().refresh();
        long golden = refresh == null ? 3_600_000 : Math.min(refresh.every().toMillis(), 900_000);
        main.addInitialProperty("slipway.golden.ms", String.valueOf(golden));
        boolean poll = !serve.repository().poll().isZero();
        main.addInitialProperty("slipway.poll.enabled", String.valueOf(poll));
        main.addInitialProperty("slipway.poll.ms", String.valueOf(poll ? serve.repository().poll().toMillis() : 60_000));
    }

    /** The advisory lock key replicas of one repository share. */
    static long lockKey(String repo) {
        long h = 1125899906842597L;
        for (byte b : ("slipway-serve:" + repo).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return url;
    }

    public ReconcileLoop loop() {
        return loop;
    }

    public Leadership leadership() {
        return leadership;
    }

    public GitPoller poller() {
        return poller;
    }

    /** Blocks until the process is asked to stop (SIGTERM, Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "slipway-shutdown"));
        Thread.currentThread().join();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            main.stop();
        } catch (RuntimeException e) {
            LOG.warn("stopping the routes: {}", e.getMessage());
        }
        try {
            http.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the HTTP server: {}", e.getMessage());
        }
        leadership.close();
        gates.close();
        comments.close();
        pool.close();
        mirror.close();
        if (ownedKube != null) {
            ownedKube.client().close();
        }
    }

    /** The parts of the whole config the builder needs. */
    private record SlipwayConfigView(ServeWiring w) {
        EngineKind engine() {
            return EngineKind.valueOf(w.config().engine().toUpperCase(java.util.Locale.ROOT));
        }

        dev.slipway.config.MigrationSettings defaults() {
            return w.config().defaults();
        }

        LintSettings lint() {
            return LintSettings.from(w.config().lint(), w.config().file(), Linter.ids(Rules.all()));
        }
    }
}
