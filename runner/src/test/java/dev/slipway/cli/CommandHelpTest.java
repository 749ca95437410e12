package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** What {@code --help} shows: each command only the options it uses, exit codes, and help for the refused commands. */
class CommandHelpTest extends CliHarness {

    private static final String CONNECTION = "--config --env --url --user --password-env --connect-timeout";
    private static final String SOURCE = "--engine --location";
    private static final String TIMEOUTS = "--lock-timeout --statement-timeout";

    /** Every command and its options (besides --help and --version): a flag that leaks into a command fails this. */
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("slipway", "");
        OPTIONS.put("slipway migrate", CONNECTION + " " + SOURCE + " " + TIMEOUTS
                + " --baseline-version --json --dry-run --commit --force --reason");
        OPTIONS.put("slipway status", CONNECTION + " " + SOURCE + " --exit-code --json");
        OPTIONS.put("slipway lint", CONNECTION + " " + SOURCE + " " + TIMEOUTS
                + " --json --format --only-pending --trace --list-rules --masking --queries");
        OPTIONS.put("slipway gate", CONNECTION + " " + SOURCE + " --json --commit");
        OPTIONS.put("slipway mask", "--source --source-user --source-password-env --target --target-user "
                + "--target-password-env --rules --json --secret-env --secret-file --jobs --check --create-missing-roles "
                + "--pg-bin --without-large-objects --key-queries");
        OPTIONS.put("slipway mask init", "--source --source-user --source-password-env --output --update --sample");
        OPTIONS.put("slipway mask verify", "--source --source-user --source-password-env --target --target-user "
                + "--target-password-env --rules --json --sample");
        OPTIONS.put("slipway serve", "--config --routes --instance --cache-dir");
        OPTIONS.put("slipway preview", "");
        OPTIONS.put("slipway preview render", "--repo --pr --head --config");
        OPTIONS.put("slipway demo", "--migrations --keep-running --json");
        OPTIONS.put("slipway rollback", "");
        OPTIONS.put("slipway clean", "");
        OPTIONS.put("slipway undo", "");
    }

    @Test
    void everyCommandShowsExactlyTheOptionsItUses() {
        CommandLine all = SlipwayCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        Map<String, Set<String>> found = new LinkedHashMap<>();
        collect(all, found);

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(OPTIONS.keySet());
        OPTIONS.forEach((command, options) -> assertThat(found.get(command)).as(command)
                .containsExactlyInAnyOrderElementsOf(options.isEmpty() ? List.of() : Arrays.asList(options.split(" "))));
    }

    private static void collect(CommandLine command, Map<String, Set<String>> found) {
        Set<String> names = command.getCommandSpec().options().stream().map(OptionSpec::longestName)
                .filter(n -> !n.equals("--help") && !n.equals("--version")).collect(Collectors.toCollection(TreeSet::new));
        found.put(command.getCommandSpec().qualifiedName(), names);
        command.getSubcommands().values().forEach(c -> collect(c, found));
    }

    @Test
    void statusLintAndGateDoNotOfferWhatOnlyMigrateUses() {
        for (String command : List.of("status", "lint", "gate")) {
            assertThat(slipway(command, "--help")).isZero();
            assertThat(out).as(command).doesNotContain("--baseline-version", "--dry-run");
        }
        assertThat(slipway("status", "--help")).isZero();
        assertThat(out).doesNotContain("--lock-timeout", "--statement-timeout");
    }

    @Test
    void migrateHelpListsEveryExitCodeOfErrorCode() {
        assertThat(slipway("migrate", "--help")).isZero();

        Set<Integer> all = Arrays.stream(ErrorCode.values()).map(ErrorCode::exitCode).collect(Collectors.toSet());
        all.add(0);
        assertThat(exitCodes(out)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(out.replaceAll("\\s+", " ")).contains("checksum drift", "lock_timeout retries exhausted",
                "--force --reason");
    }

    @Test
    void statusHelpListsItsExitCodesWithThoseOfExitCode() {
        assertThat(slipway("status", "--help")).isZero();

        assertThat(exitCodes(out)).containsExactlyInAnyOrder(0, 1, 2, 3, 6, 70);
        assertThat(out.replaceAll("\\s+", " ")).contains("--exit-code", "migrations are pending", "checksum drift");
        assertThat(ErrorCode.CHECKSUM_DRIFT.exitCode()).isEqualTo(6);
        assertThat(ErrorCode.CONNECTION_FAILED.exitCode()).isEqualTo(3);
    }

    /** The codes listed under "Exit codes:". */
    private static Set<Integer> exitCodes(String help) {
        String section = help.substring(help.indexOf("Exit codes:"));
        Matcher m = Pattern.compile("(?m)^  (\\d+) ").matcher(section);
        Set<Integer> codes = new TreeSet<>();
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    @Test
    void maskVerifyDescribesItsOwnOptions() {
        assertThat(slipway("mask", "verify", "--help")).isZero();

        assertThat(out).contains("Usage: slipway mask verify", "the masked golden to check",
                "the database the target was masked from", "--sample=N", "writes nothing", "Exit codes:");
        assertThat(out).doesNotContain("it is replaced", "the database to copy", "<sourceUser>", "--jobs");
    }

    @Test
    void refusedCommandsExplainThemselvesWithHelpAndStillRefuse() {
        for (String command : List.of("rollback", "clean", "undo")) {
            assertThat(slipway(command, "--help")).as(command).isZero();
            assertThat(out).as(command).contains("Usage: slipway " + command, "Refused", "write a new migration",
                    "Exit codes:");
            assertThat(err).as(command).isEmpty();

            assertThat(slipway(command, "--to", "3")).as(command).isEqualTo(6);
            assertThat(err).as(command).contains("forward-only", "write a new migration");
        }
    }
}
