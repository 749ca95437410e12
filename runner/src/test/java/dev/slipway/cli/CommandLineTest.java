package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command tree: every command in help and suggestions, though a command line builds only the one it names. */
class CommandLineTest extends CliHarness {

    @Test
    void helpListsEveryCommandAndTheRefusedOnes() {
        assertThat(slipway("--help")).isZero();

        assertThat(out).contains("migrate", "status", "lint", "gate", "mask", "serve", "preview", "demo",
                "rollback", "clean", "undo");
    }

    @Test
    void theProductHasNoBenchCommand() {
        assertThat(slipway("bench", "lint")).isEqualTo(2);

        assertThat(err).contains("Unmatched argument at index 0: 'bench'");
    }

    @Test
    void aNamedCommandRunsWithItsOwnSubcommandsAndAMisspeltOneGetsSuggestions() {
        assertThat(slipway("mask", "verify", "--help")).isZero();
        assertThat(out).contains("Usage: slipway mask verify");

        assertThat(slipway("mak")).isEqualTo(2);
        assertThat(err).contains("Unmatched argument at index 0: 'mak'").contains("mask");
    }

    @Test
    void anEmptySlipwayVariableCountsAsNotSet() {
        Map<String, String> env = new SlipwayCli(Map.of("SLIPWAY_COMMIT", "", "SLIPWAY_ENV", " ", "SLIPWAY_USER", "app",
                "APP_PASSWORD", "")).env();

        assertThat(env).containsOnlyKeys("SLIPWAY_USER", "APP_PASSWORD");
    }
}
