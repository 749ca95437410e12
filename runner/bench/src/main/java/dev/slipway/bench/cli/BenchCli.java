package dev.slipway.bench.cli;

import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' {@code slipway}: the product's commands and {@code bench}, which lives outside the product (with
 * the mock API server it needs). {@code ./slipway bench …} from a checkout runs this; the product's jar and image
 * have no {@code bench}.
 */
public final class BenchCli {

    private BenchCli() {
    }

    public static void main(String[] args) {
        SlipwayCli.launch(List.of(BenchCommand.class), args);
    }

    /** Runs the command line with the given environment and streams, {@code bench} included; returns the exit code. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return SlipwayCli.run(env, out, err, List.of(BenchCommand.class), args);
    }
}
