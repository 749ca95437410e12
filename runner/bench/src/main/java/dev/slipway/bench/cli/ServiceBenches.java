package dev.slipway.bench.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.bench.BenchServer;
import dev.slipway.bench.CloneBench;
import dev.slipway.bench.CloneBenchReport;
import dev.slipway.bench.GateBench;
import dev.slipway.bench.GateBenchReport;
import dev.slipway.bench.KubeBench;
import dev.slipway.bench.KubeBenchReport;
import dev.slipway.bench.Pg18Binaries;
import dev.slipway.bench.ReportText;
import dev.slipway.bench.ServeBench;
import dev.slipway.bench.ServeBenchReport;
import dev.slipway.cli.SlipwayCli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The benchmarks of Slipway's services: {@code slipway bench serve}, {@code gate}, {@code kube} and {@code clone}. */
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

    /** {@code slipway bench clone}: thin previews, reflink clones on PostgreSQL 18 against WAL_LOG and FILE_COPY. */
    @Command(name = "clone", mixinStandardHelpOptions = true, description = {"Preview clones on PostgreSQL 18 with its "
            + "data on a reflink file system: for each golden size, CREATE DATABASE … TEMPLATE with WAL_LOG, FILE_COPY "
            + "(file_copy_method = copy) and FILE_COPY (clone), the space a clone takes, and push-to-ready (the local "
            + "provider's clone, Slipway's migrate, the ready mark); then pg_dump | pg_restore of a 1 GB golden.",
            "Without --dir it loop-mounts an XFS image made with reflink=1 (needs root and xfsprogs). Run it from the "
            + "repository: it uses migrations/."})
    public static final class Clone implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        BenchCommand.Output output;

        @Option(names = "--sizes", defaultValue = "0.1,1,4", split = ",", paramLabel = "GB",
                description = "Golden sizes in GB (default ${DEFAULT-VALUE}).")
        List<Double> sizes;

        @Option(names = "--dir", description = "A folder on a reflink file system (XFS reflink=1, Btrfs) for "
                + "PostgreSQL's data; default: a loop-mounted XFS image in the temporary folder, removed afterwards.")
        Path dir;

        @Option(names = "--pg18-binaries", paramLabel = "JAR", description = "zonky's PostgreSQL 18 binaries jar; "
                + "default: the one in pg18/ next to slipway.jar.")
        Path pg18;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds of the clone and of push-to-ready "
                + "(default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--dump-gb", defaultValue = "1", description = "Golden size of the pg_dump | pg_restore "
                + "comparison, in GB; 0 skips it (default ${DEFAULT-VALUE}).")
        double dumpGb;

        @Override
        public Integer call() {
            if (sizes.isEmpty() || sizes.stream().anyMatch(g -> g <= 0) || rounds < 1 || dumpGb < 0) {
                throw new SlipwayException(ErrorCode.USAGE, "--sizes must be positive GB figures, --rounds at least 1, "
                        + "--dump-gb at least 0");
            }
            String home = System.getenv("SLIPWAY_HOME");
            CloneBenchReport report = new CloneBench(new CloneBench.Options(List.copyOf(sizes), dir,
                    pg18 != null ? pg18 : Pg18Binaries.beside(), Path.of(home != null ? home : "."), rounds, dumpGb),
                    output.progress()).call();
            return output.print(report, report.text(), report.targetsMet());
        }

        @Override
        public boolean json() {
            return output.json;
        }
    }
}
