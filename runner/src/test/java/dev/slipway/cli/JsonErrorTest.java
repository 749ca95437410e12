package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With --json, every failing command prints the same error document on stdout, usage errors included. */
class JsonErrorTest extends CliHarness {

    /** Checks the one shape (and the code, unless {@code null}) and returns the error object. */
    static JsonNode errorDocument(String out, int exit, ErrorCode code) throws IOException {
        JsonNode doc = Json.MAPPER.readTree(out);
        JsonNode error = doc.get("error");
        assertThat(error).as(out).isNotNull();
        List<String> fields = new ArrayList<>();
        error.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("code", "exitCode", "message", "command", "subject");
        ErrorCode named = ErrorCode.valueOf(error.get("code").asText());
        if (code != null) {
            assertThat(named).isEqualTo(code);
        }
        assertThat(error.get("exitCode").asInt()).isEqualTo(exit).isEqualTo(named.exitCode());
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("command").asText()).startsWith("slipway");
        return error;
    }

    @Test
    void usageErrorsAreJsonWhenJsonWasAsked() throws IOException {
        int code = slipway("migrate", "--json", "--no-such-flag");

        JsonNode error = errorDocument(out, code, ErrorCode.USAGE);
        assertThat(error.get("command").asText()).isEqualTo("slipway migrate");
        assertThat(error.get("subject").asText()).isEqualTo("--no-such-flag");
        assertThat(error.get("message").asText()).contains("Unknown option", "slipway migrate --help");
        assertThat(err).isEmpty();
    }

    @Test
    void badValuesAndMissingOptionsNameTheOption() throws IOException {
        int verify = slipway("mask", "verify", "--sample", "many", "--json");
        assertThat(errorDocument(out, verify, ErrorCode.USAGE).get("subject").asText()).isEqualTo("--sample");

        int render = slipway("preview", "render", "--json", "--pr", "3");
        assertThat(errorDocument(out, render, ErrorCode.USAGE).get("subject").asText()).isEqualTo("--repo");
    }

    /** Runs slipway and checks its error document. */
    private JsonNode failing(ErrorCode code, String... args) throws IOException {
        int exit = slipway(args);
        return errorDocument(out, exit, code);
    }

    @Test
    void errorsOfTheCommandsThemselvesHaveTheSameShape() throws IOException {
        assertThat(failing(ErrorCode.USAGE, "status", "--json").get("message").asText()).contains("no database given");
        assertThat(failing(ErrorCode.USAGE, "mask", "--check", "--json").get("command").asText())
                .isEqualTo("slipway mask");
        assertThat(failing(ErrorCode.GATE_NOT_EVALUATED, "gate", "--json").get("message").asText()).contains("--env");
        assertThat(failing(ErrorCode.USAGE, "lint", "--format", "json", "--trace", "--engine", "flyway", "--location",
                "migrations/flyway").get("message").asText()).contains("--trace");
        assertThat(failing(ErrorCode.FORWARD_ONLY, "rollback", "--json").get("command").asText())
                .isEqualTo("slipway rollback");
        assertThat(err).isEmpty();
    }

    @Test
    void withoutJsonErrorsStayTextOnStderr() {
        assertThat(slipway("migrate", "--no-such-flag")).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).contains("Unknown option: '--no-such-flag'", "Usage: slipway migrate");

        assertThat(slipway("status")).isEqualTo(2);
        assertThat(out).isEmpty();
        assertThat(err).startsWith("error: no database given");
    }

    @Test
    void jsonIsAskedByJsonOrFormatJsonBeforeTheEndOfOptions() {
        assertThat(SlipwayCli.jsonRequested("lint", "--format", "json")).isTrue();
        assertThat(SlipwayCli.jsonRequested("lint", "--format=JSON")).isTrue();
        assertThat(SlipwayCli.jsonRequested("lint", "--format", "sarif")).isFalse();
        assertThat(SlipwayCli.jsonRequested("migrate", "--", "--json")).isFalse();
    }
}
