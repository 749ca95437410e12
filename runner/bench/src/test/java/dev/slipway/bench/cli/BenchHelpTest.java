package dev.slipway.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.cli.SlipwayCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What {@code slipway bench … --help} shows: each benchmark only the options it uses. */
class BenchHelpTest {

    private static final String BENCH_DB = "--json --url --user --password-env";

    /** Every benchmark and its options (besides --help and --version): a flag that leaks into one fails this. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("slipway bench", "");
        OPTIONS.put("slipway bench lock-safety", BENCH_DB + " --rows --clients --hold --lock-timeout");
        OPTIONS.put("slipway bench overhead", BENCH_DB + " --migrations --rounds");
        OPTIONS.put("slipway bench lint", "--json --files --statements --rounds");
        OPTIONS.put("slipway bench mask", BENCH_DB + " --rows --jobs --rounds");
        OPTIONS.put("slipway bench backfill", BENCH_DB + " --rows --clients --baseline --max-lag");
        OPTIONS.put("slipway bench serve", BENCH_DB + " --prs --deliveries --golden-mb");
        OPTIONS.put("slipway bench gate", "--json --slos --pdbs --evaluations --warm-up");
        OPTIONS.put("slipway bench kube", "--json --previews --reconcile-previews --runs");
        OPTIONS.put("slipway bench clone", "--json --sizes --dir --pg18-binaries --rounds --dump-gb");
    }

    @Test
    void everyBenchmarkShowsExactlyTheOptionsItUses() {
        StringWriter out = new StringWriter();
        int code = SlipwayCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                List.of(BenchCommand.class), "bench", "--help");
        assertThat(code).isZero();
        CommandLine bench = new CommandLine(new BenchCommand());
        Map<String, Set<String>> found = new LinkedHashMap<>();
        collect(bench, "slipway ", found);

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(OPTIONS.keySet());
        OPTIONS.forEach((command, options) -> assertThat(found.get(command)).as(command)
                .containsExactlyInAnyOrderElementsOf(options.isEmpty() ? List.of() : Arrays.asList(options.split(" "))));
        assertThat(out.toString()).contains("Usage: slipway bench");
    }

    private static void collect(CommandLine command, String prefix, Map<String, Set<String>> found) {
        Set<String> names = command.getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(n -> !n.equals("--help") && !n.equals("--version")).collect(Collectors.toCollection(TreeSet::new));
        found.put(prefix + command.getCommandSpec().qualifiedName(), names);
        command.getSubcommands().values().forEach(c -> collect(c, prefix, found));
    }
}
