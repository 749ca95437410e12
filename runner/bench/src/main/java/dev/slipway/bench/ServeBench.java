package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.camel.ServeApp;
import dev.slipway.git.LocalOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code slipway bench serve}: the three figures of a running {@code serve}, in one run on one server.
 * <ol>
 *   <li>Webhook intake: signed GitHub {@code pull_request} deliveries from a few concurrent senders on loopback
 *       to a serve in this JVM; deliveries/s sustained and answer times, after a warm-up.</li>
 *   <li>Push-to-ready on a masked golden of {@code goldenMb} against the plain tools: see {@link PushToReadyPhase}.</li>
 *   <li>Reconciliation with {@code prs} open pull requests and nothing to do, and serve's resident memory: see
 *       {@link ReconcilePhase}.</li>
 * </ol>
 * Everything it creates (databases, previews, a Git origin, config files) is removed afterwards.
 */
public final class ServeBench {

    /**
     * @param home the repository: its {@code migrations/} (schema, masking rules, demo data) and the GitHub payload
     *             example the deliveries are built from
     */
    public record Options(int prs, int deliveries, int goldenMb, Path home) {
    }

    static final int SENDERS = 8;
    private static final Pattern IGNORED = Pattern.compile(
            "slipway_webhook_deliveries_total\\{forge=\"github\",result=\"ignored\"} ([0-9.E]+)");
    /** Pull request numbers the intake deliveries cycle through. */
    private static final int INTAKE_PRS = 100;

    private final BenchServer server;
    private final Options options;
    private final Consumer<String> progress;

    public ServeBench(BenchServer server, Options options, Consumer<String> progress) {
        this.server = server;
        this.options = options;
        this.progress = progress;
    }

    /** Deliveries sent before the timed ones and not counted: a fifth of them, from 50 to 500. */
    static int warmUp(int deliveries) {
        return Math.max(50, Math.min(500, deliveries / 5));
    }

    /**
     * Runs the three measurements and removes what they created.
     *
     * @throws dev.slipway.SlipwayException when a measurement cannot be made: the repository's files are missing, a
     *                                      preview build fails, serve does not answer
     */
    public ServeBenchReport call() {
        Path migrations = requireHome(options.home());
        Machine machine = Machine.describe(server);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Path work = tempDir();
        try (ScratchDatabase state = server.createDatabase("state");
             ScratchDatabase golden = server.createDatabase("golden");
             LocalOrigin origin = LocalOrigin.create(work, migrations.resolve("flyway"), "Bench Dev")) {
            ServeSetup setup = new ServeSetup(work.resolve("push"), "slipway-bench/shop" + run, origin.url(),
                    server.admin(), state.spec(), golden.name(), 20);
            Watched watched = intakeAndPushToReady(setup, state, golden, origin, work);
            progress.accept(String.format(Locale.ROOT, "reconcile: %d open pull requests with ready previews", options.prs()));
            ServeBenchReport.Reconcile reconcile = new ReconcilePhase(server, state, origin, migrations, work, progress)
                    .call("slipway-bench/many" + run, options.prs());
            return ServeBenchReport.of(machine, parameters(), watched.intake().closed(), watched.intake().paced(),
                    watched.pushToReady(), reconcile);
        } finally {
            deleteTree(work);
        }
    }

    /** What the serve watching the big golden's repository measured. */
    private record Watched(IntakeRuns intake, ServeBenchReport.PushToReady pushToReady) {
    }

    /** Intake and push-to-ready on one serve; its previews are dropped before {@code pg_dump | pg_restore} runs. */
    private Watched intakeAndPushToReady(ServeSetup setup, ScratchDatabase state, ScratchDatabase golden,
                                         LocalOrigin origin, Path work) {
        SignedDeliveries deliveries = SignedDeliveries.load(options.home().resolve(SignedDeliveries.PAYLOAD),
                setup.hookSecret());
        PushToReadyPhase push = new PushToReadyPhase(server, origin, deliveries,
                options.home().resolve("migrations/flyway"), work, progress);
        IntakeRuns intake;
        SlipwayBuild build;
        try (BenchState previews = new BenchState(state.spec(), server.admin())) {
            try (ServeApp app = setup.startHere("bench-push")) {
                intake = intake(app, deliveries);
                build = pushToReady(setup, push, golden);
            } finally {
                previews.dropPreviews(setup.repo(), golden.name());
            }
        }
        return new Watched(intake, withDumpRestore(push, golden, build));
    }

    private ServeBenchReport.Parameters parameters() {
        return new ServeBenchReport.Parameters(options.prs(), options.deliveries(), warmUp(options.deliveries()), SENDERS,
                ServeBenchReport.INTAKE_PER_SECOND, options.goldenMb(), ReconcilePhase.RUNS, ReconcilePhase.SERVE_JVM);
    }

    /** The two timed intake runs: as fast as the senders go, and paced at the target rate. */
    private record IntakeRuns(ServeBenchReport.Intake closed, ServeBenchReport.Intake paced) {
    }

    /**
     * Deliveries for another repository than the one serve watches: serve verifies, parses and records each one as
     * for its own, and answers 202 {@code ignored}: it updates no pull request row and asks for no reconciliation, so
     * that no preview build competes with the intake. Afterwards serve's own counter must show every delivery
     * answered 2xx as ignored, or the figures did not measure the intake.
     */
    private IntakeRuns intake(ServeApp app, SignedDeliveries deliveries) {
        String other = "slipway-bench/elsewhere";
        List<SignedDeliveries.Body> bodies = new ArrayList<>();
        for (int pr = 1; pr <= INTAKE_PRS; pr++) {
            bodies.add(deliveries.pullRequest(other, "synchronize", pr, sha(pr), "feature/" + pr, Instant.now()));
        }
        IntakeLoad load = new IntakeLoad(ServeClient.newHttp(), app.url().resolve("/hooks/github"), bodies, SENDERS);
        int warmUp = warmUp(options.deliveries());
        progress.accept(String.format(Locale.ROOT, "webhook intake: %d warm-up deliveries, then %d as fast as %d senders "
                + "go, then %d paced at %,.0f/s", warmUp, options.deliveries(), SENDERS, options.deliveries(),
                ServeBenchReport.INTAKE_PER_SECOND));
        load.run(warmUp);
        String whose = other + " (not the watched repository: answered 202 ignored, nothing is built)";
        IntakeLoad.Result closedRun = load.run(options.deliveries());
        IntakeLoad.Result pacedRun = load.paced(options.deliveries(), ServeBenchReport.INTAKE_PER_SECOND);
        requireRecorded(app, warmUp + closedRun.deliveries() - closedRun.failed() + pacedRun.deliveries()
                - pacedRun.failed());
        return new IntakeRuns(ServeBenchReport.Intake.of(whose, closedRun), ServeBenchReport.Intake.of(whose, pacedRun));
    }

    /** Throws unless serve counted at least {@code answered} GitHub deliveries as verified, read and ignored. */
    private static void requireRecorded(ServeApp app, int answered) {
        String metrics = new ServeClient(ServeClient.newHttp(), app.url()).text("/metrics");
        Matcher m = IGNORED.matcher(metrics == null ? "" : metrics);
        double ignored = m.find() ? Double.parseDouble(m.group(1)) : 0;
        if (ignored < answered) {
            throw new SlipwayException(ErrorCode.INTERNAL, String.format(Locale.ROOT, "benchmark: serve answered %d "
                    + "intake deliveries but counted %.0f as verified and ignored; the intake figures would not measure "
                    + "verifying, reading and recording them", answered, ignored));
        }
    }

    /** The golden the previews were built from, and the timed rounds. */
    private record SlipwayBuild(BenchGolden.Made golden, List<PushToReadyPhase.Round> rounds) {
    }

    private SlipwayBuild pushToReady(ServeSetup setup, PushToReadyPhase push, ScratchDatabase golden) {
        progress.accept(String.format(Locale.ROOT, "push-to-ready: masking a golden of about %d MB", options.goldenMb()));
        BenchGolden.Made made = new BenchGolden(server, options.home().resolve("migrations"), progress)
                .sized(golden, options.goldenMb() * 1_000_000L);
        progress.accept(String.format(Locale.ROOT, "  golden: %.1f MB, %,d customers, %,d orders", made.bytes() / 1e6,
                made.customers(), made.orders()));
        return new SlipwayBuild(made, push.rounds(setup, new ServeClient(ServeClient.newHttp(), setup.url()),
                golden.name(), push.changes()));
    }

    /** {@code pg_dump | pg_restore} of the same golden, with serve stopped. */
    private ServeBenchReport.PushToReady withDumpRestore(PushToReadyPhase push, ScratchDatabase golden,
                                                        SlipwayBuild slipway) {
        progress.accept("  by hand: pg_dump | pg_restore");
        PushToReadyPhase.DumpRestore dump = push.dumpRestore(golden);
        return ServeBenchReport.PushToReady.of(slipway.golden(), push.changes().size(), slipway.rounds(), dump.millis(),
                dump.note());
    }

    /** A head commit for intake deliveries: never fetched, since nothing is built for another repository. */
    private static String sha(int pr) {
        return String.format(Locale.ROOT, "%040x", 0xbe00L + pr);
    }

    private static Path requireHome(Path home) {
        Path migrations = home.resolve("migrations");
        if (!Files.isDirectory(migrations.resolve("flyway")) || !Files.isRegularFile(migrations.resolve("masking.yaml"))
                || !Files.isRegularFile(home.resolve(SignedDeliveries.PAYLOAD))) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "the serve bench needs the repository: "
                    + "migrations/flyway, migrations/masking.yaml and " + SignedDeliveries.PAYLOAD + ", and "
                    + home.toAbsolutePath() + " does not hold them; run it as ./slipway bench serve from the repository");
        }
        return migrations;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("slipway-bench-serve-");
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
