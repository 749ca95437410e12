package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.RepoFolders;
import dev.slipway.webhook.Delivery;
import dev.slipway.webhook.Forge;
import dev.slipway.webhook.PullRequestEvent;
import dev.slipway.webhook.WebhookIntake;
import dev.slipway.webhook.WebhookRequest;
import dev.slipway.webhook.WebhookSecrets;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic and the inputs behind {@code slipway bench serve}: rates, medians, overhead, ratios, targets. */
class ServeBenchFiguresTest {

    private static final Machine MACHINE = new Machine(2, "cpu", "jvm", "os", "PostgreSQL 15.18", "embedded", 3.0);
    private static final ServeBenchReport.Parameters PARAMETERS = new ServeBenchReport.Parameters(200, 3000, 500, 8, 300,
            100, 10, List.of());
    private static final BenchGolden.Made GOLDEN = new BenchGolden.Made(101_000_000, 200_000, 550_000, 9_000);

    @Test
    void medianOfAnOddCountIsTheMiddleAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(ServeBenchReport.median(new long[] {40, 10, 30})).isEqualTo(30.0);
        assertThat(ServeBenchReport.median(new long[] {40, 10, 30, 15})).isEqualTo(22.5);
        assertThat(ServeBenchReport.median(new long[0])).isZero();
    }

    @Test
    void intakeRateIsDeliveriesOverTheWholeRun() {
        IntakeLoad.Result run = new IntakeLoad.Result(3000, 0, 7_500_000_000L, new LatencyStats(3000, 8.0, 31.5, 60.2));

        ServeBenchReport.Intake intake = ServeBenchReport.Intake.of("other", run);

        assertThat(intake.perSecond()).isEqualTo(400.0);
        assertThat(intake.seconds()).isEqualTo(7.5);
        assertThat(intake.answers().p99Ms()).isEqualTo(31.5);
    }

    @Test
    void overheadIsTheMedianPushToReadyLessTheMedianCloneAndFlywayAndTheRatioIsDumpRestoreOverPushToReady() {
        List<PushToReadyPhase.Round> rounds = List.of(round(2_500, 900, 500), round(1_800, 700, 400),
                round(1_700, 600, 450));

        ServeBenchReport.PushToReady p = ServeBenchReport.PushToReady.of(GOLDEN, 5, rounds, 9_500L, "pg_dump");

        assertThat(p.pushToReadyMs()).isEqualTo(1_800);
        assertThat(p.cloneMs()).isEqualTo(700);
        assertThat(p.flywayMs()).isEqualTo(450);
        assertThat(p.overheadMs()).isEqualTo(1_800 - 700 - 450);
        assertThat(p.restMs()).as("breakdown of the median round").isEqualTo(1_800 - 150 - 1_600);
        assertThat(p.rounds()).extracting(ServeBenchReport.RoundMs::pushToReadyMs).containsExactly(2_500L, 1_800L, 1_700L);
        assertThat(p.dumpRestoreRatio()).isEqualTo(5.28);
        assertThat(ServeBenchReport.PushToReady.of(GOLDEN, 5, rounds, null, "missing").dumpRestoreRatio()).isNull();
    }

    @Test
    void everyTargetIsMetJustInsideItsLimit() {
        ServeBenchReport report = report(300.0, 49.9, 0, 999, 5_000L, 999, 399);

        assertThat(report.checks()).hasSize(7).allMatch(Check::passed);
        assertThat(report.targetsMet()).isTrue();
    }

    @Test
    void eachTargetIsMissedAtItsLimit() {
        ServeBenchReport report = report(299.9, 50.0, 1, 1_000, 4_990L, 1_000, 400);

        assertThat(report.checks()).noneMatch(Check::passed);
        assertThat(report.targetsMet()).isFalse();
    }

    @Test
    void withoutPgDumpThereIsNoRatioTargetAndUnknownMemoryMissesItsTarget() {
        ServeBenchReport.PushToReady push = ServeBenchReport.PushToReady.of(GOLDEN, 5, List.of(round(1_000, 500, 300)),
                null, "missing");
        ServeBenchReport.Reconcile reconcile = ServeBenchReport.Reconcile.of(200, new long[] {30}, new ProcessMemory(-1, -1));

        ServeBenchReport report = ServeBenchReport.of(MACHINE, PARAMETERS, intake(400, 10), intake(300, 10), push,
                reconcile);

        assertThat(report.checks()).extracting(Check::name).noneMatch(n -> n.contains("dump"));
        assertThat(report.checks()).filteredOn(c -> c.name().contains("memory")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isFalse());
    }

    @Test
    void readsResidentAndPeakMemoryFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  300000 kB\nVmRSS:\t  250000 kB\nThreads:\t40\n";

        ProcessMemory m = ProcessMemory.parse(status);

        assertThat(m).isEqualTo(new ProcessMemory(250_000, 300_000));
        assertThat(m.rssMb()).isEqualTo(256);
        assertThat(ProcessMemory.parse("Name:\tjava\n")).isEqualTo(new ProcessMemory(-1, -1));
        assertThat(ProcessMemory.of(ProcessHandle.current().pid()).rssKb()).isPositive();
    }

    @Test
    void warmUpIsAFifthOfTheDeliveriesBetweenFiftyAndFiveHundred() {
        assertThat(ServeBench.warmUp(200)).isEqualTo(50);
        assertThat(ServeBench.warmUp(1500)).isEqualTo(300);
        assertThat(ServeBench.warmUp(3000)).isEqualTo(500);
    }

    @Test
    void pullRequestNumbersFollowTheHighestVersionInTheFolder(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"V1__a.sql", "V12__b.sql", "R__view.sql", "V3__c.sql.txt"}) {
            Files.writeString(dir.resolve(f), "SELECT 1;\n");
        }

        assertThat(PushToReadyPhase.highestVersion(dir)).isEqualTo(12);
        assertThat(PushToReadyPhase.highestVersion(RepoFolders.path("migrations/flyway"))).isPositive();
    }

    @Test
    void signedDeliveriesPassServesOwnIntakeAndCarryTheBenchPullRequest() {
        SignedDeliveries deliveries = SignedDeliveries.load(RepoFolders.path(SignedDeliveries.PAYLOAD), "s3cret-for-bench");
        SignedDeliveries.Body body = deliveries.pullRequest("acme/bench", "opened", 7, "a".repeat(40), "feature/x",
                Instant.parse("2026-11-24T10:00:00Z"));
        HttpRequest request = SignedDeliveries.request(java.net.URI.create("http://127.0.0.1:1/hooks/github"), body, "d-1");

        Delivery ok = intake("s3cret-for-bench").receive(asReceived(request, body));
        Delivery forged = intake("another-secret").receive(asReceived(request, body));

        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.repoEvent()).get().isInstanceOfSatisfying(PullRequestEvent.class, pr -> {
            assertThat(pr.repo()).isEqualTo("acme/bench");
            assertThat(pr.number()).isEqualTo(7);
            assertThat(pr.headSha()).isEqualTo("a".repeat(40));
        });
        assertThat(forged.status()).isEqualTo(401);
    }

    private static WebhookIntake intake(String secret) {
        return new WebhookIntake(WebhookSecrets.none().with(Forge.GITHUB, secret));
    }

    private static WebhookRequest asReceived(HttpRequest request, SignedDeliveries.Body body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().map().forEach((k, v) -> headers.put(k, v.get(0)));
        return new WebhookRequest(Forge.GITHUB, headers, body.bytes());
    }

    /** The closed-loop run's rate, the paced run's p99, failures split over both runs, and the other figures. */
    private static ServeBenchReport report(double perSecond, double p99, int failed, long pushMs, Long dumpMs,
                                           long reconcileMs, long rssMb) {
        ServeBenchReport.PushToReady push = ServeBenchReport.PushToReady.of(GOLDEN, 5, List.of(round(pushMs, 0, 0)),
                dumpMs, "pg_dump");
        ProcessMemory memory = new ProcessMemory(rssMb * 1_000_000 / 1024, rssMb * 1_000_000 / 1024);
        ServeBenchReport.Reconcile reconcile = ServeBenchReport.Reconcile.of(200, new long[] {reconcileMs, 10}, memory);
        ServeBenchReport.Intake closed = new ServeBenchReport.Intake("other", 3000, 0, 10, perSecond,
                new LatencyStats(3000, 5, 500, 900));
        ServeBenchReport.Intake paced = new ServeBenchReport.Intake("other", 3000, failed, 10, 300,
                new LatencyStats(3000, 5, p99, p99));
        return ServeBenchReport.of(MACHINE, PARAMETERS, closed, paced, push, reconcile);
    }

    private static PushToReadyPhase.Round round(long pushMs, long cloneMs, long flywayMs) {
        return new PushToReadyPhase.Round(new PushToReadyPhase.Build(pushMs, 150, 1_600, 900, List.of(10L, 800L)),
                new PushToReadyPhase.Raw(cloneMs, flywayMs, List.of(5L, 300L)));
    }

    private static ServeBenchReport.Intake intake(double perSecond, double p99) {
        return new ServeBenchReport.Intake("other", 3000, 0, 10, perSecond, new LatencyStats(3000, 5, p99, p99));
    }
}
