package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.bench.BenchServer;
import dev.slipway.bench.GateBench;
import dev.slipway.bench.GateBenchReport;
import dev.slipway.bench.KubeBench;
import dev.slipway.bench.KubeBenchReport;
import dev.slipway.bench.ReportText;
import dev.slipway.bench.ServeBench;
import dev.slipway.bench.ServeBenchReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The benchmarks of Slipway's services: {@code slipway bench serve}, {@code gate} and {@code kube}. */
final class ServiceBenches {

    private ServiceBenches() {
    }

    /** {@code slipway bench serve}: webhook intake, push-to-ready against the plain tools, reconcile at scale. */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = {"A running serve: webhook intake "
            + "(deliveries/s, answer times), push-to-ready on a masked golden against CREATE DATABASE … TEMPLATE + plain "
            + "Flyway and pg_dump | pg_restore, and reconciliation with many open pull requests and nothing to do, with "
            + "serve's resident memory.", "Run it from the repository: it uses migrations/ and GitHub's example payload."})
    public static final class Serve implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        BenchCommand.Target target;

        @Option(names = "--prs", defaultValue = "200", description = "Open pull requests, each with a preview, for the "
                + "reconcile (default ${DEFAULT-VALUE}).")
        int prs;

        @Option(names = "--deliveries", defaultValue = "3000", description = "Timed webhook deliveries (default "
                + "${DEFAULT-VALUE}).")
        int deliveries;

        @Option(names = "--golden-mb", defaultValue = "100", description = "Size of the masked golden for push-to-ready, "
                + "in MB (default ${DEFAULT-VALUE}).")
        int goldenMb;

        @Override
        public Integer call() {
            if (prs < 1 || deliveries < 1 || goldenMb < 1) {
                throw new SlipwayException(ErrorCode.USAGE, "--prs, --deliveries and --golden-mb must be at least 1");
            }
            String home = target.env().get("SLIPWAY_HOME");
            ServeBench.Options options = new ServeBench.Options(prs, deliveries, goldenMb,
                    Path.of(home != null ? home : "."));
            try (BenchServer server = target.open()) {
                ServeBenchReport report = new ServeBench(server, options, target.progress()).call();
                return target.print(report, ReportText.serve(report), report.targetsMet());
            }
        }

        @Override
        public boolean json() {
            return target.json;
        }
    }

    /** {@code slipway bench gate}: whole gate evaluations against a local Prometheus and the mock API server. */
    @Command(name = "gate", mixinStandardHelpOptions = true, description = "Evaluate a gate of 10 SLOs and 20 "
            + "PodDisruptionBudgets 200 times against a local Prometheus (Debian's prometheus package) and fabric8's mock "
            + "Kubernetes API server; report p50 and p99.")
    public static final class Gate implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        BenchCommand.Output output;

        @Option(names = "--slos", defaultValue = "10", description = "SLOs in the gate (default ${DEFAULT-VALUE}).")
        int slos;

        @Option(names = "--pdbs", defaultValue = "20", description = "PodDisruptionBudgets (default ${DEFAULT-VALUE}).")
        int pdbs;

        @Option(names = "--evaluations", defaultValue = "200", description = "Timed evaluations (default ${DEFAULT-VALUE}).")
        int evaluations;

        @Option(names = "--warm-up", defaultValue = "20", description = "Untimed evaluations first (default ${DEFAULT-VALUE}).")
        int warmUp;

        @Override
        public Integer call() {
            if (slos < 1 || pdbs < 1 || evaluations < 1 || warmUp < 0) {
                throw new SlipwayException(ErrorCode.USAGE, "--slos, --pdbs and --evaluations must be at least 1, "
                        + "--warm-up at least 0");
            }
            GateBenchReport report = new GateBench(new GateBench.Options(slos, pdbs, warmUp, evaluations),
                    output.progress()).call();
            return output.print(report, ReportText.gate(report), report.targetMet());
        }

        @Override
        public boolean json() {
            return output.json;
        }
    }

    /** {@code slipway bench kube}: the kubernetes provider's API requests and reconcile time, on the mock API server. */
    @Command(name = "kube", mixinStandardHelpOptions = true, description = {"The kubernetes provider against fabric8's "
            + "mock API server in this JVM (CRUD mode, a simulated controller): API requests per preview created and "
            + "destroyed, and reconciliation of many ready previews with nothing to do (time, requests, writes).",
            "Needs no cluster and no database."})
    public static final class Kube implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        BenchCommand.Output output;

        @Option(names = "--previews", defaultValue = "10", description = "Previews created and destroyed (default "
                + "${DEFAULT-VALUE}).")
        int previews;

        @Option(names = "--reconcile-previews", defaultValue = "200", description = "Ready previews for the reconcile "
                + "(default ${DEFAULT-VALUE}).")
        int reconcilePreviews;

        @Option(names = "--runs", defaultValue = "5", description = "Timed reconciliations (default ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            if (previews < 1 || reconcilePreviews < 1 || runs < 1) {
                throw new SlipwayException(ErrorCode.USAGE, "--previews, --reconcile-previews and --runs must be at least 1");
            }
            KubeBenchReport report = new KubeBench(new KubeBench.Options(previews, reconcilePreviews, runs),
                    output.progress()).call();
            return output.print(report, report.text(), report.targetsMet());
        }

        @Override
        public boolean json() {
            return output.json;
        }
    }
}
