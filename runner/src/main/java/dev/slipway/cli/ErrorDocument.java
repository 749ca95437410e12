package dev.slipway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.StepReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape every command prints with {@code --json} when it stops with an error, on stdout:
 * <pre>{"error": {"code": "CONNECTION_FAILED", "exitCode": 3, "message": "...", "command": "slipway status",
 *            "subject": "jdbc:postgresql://db:5432/app"}}</pre>
 * {@code code} is an {@link ErrorCode} name, {@code exitCode} the process's exit code, {@code subject} what the
 * error is about (the option of a usage error, the failed migration, the database) or {@code null} when nothing
 * narrower than the command is known. A report that ends in an error (a failed {@code migrate}) keeps its own fields
 * and gets the same {@code error} object at its top level.
 */
final class ErrorDocument {

    private ErrorDocument() {
    }

    /** {@code {"error": {...}}}. */
    static Map<String, Object> of(ErrorCode code, String message, String command, String subject) {
        return Map.of("error", error(code.name(), code.exitCode(), message, command, subject));
    }

    static Map<String, Object> of(SlipwayException e, String command, String subject) {
        return of(e.code(), e.getMessage(), command, subject);
    }

    /** A failed run's report with the error object in place of its {@code error} text. */
    static ObjectNode of(MigrationReport r, String command) {
        ObjectNode doc = Json.MAPPER.valueToTree(r);
        doc.set("error", Json.MAPPER.valueToTree(error(r.errorCode(), r.exitCode(), r.error(), command, subject(r))));
        return doc;
    }

    private static Map<String, Object> error(String code, int exitCode, String message, String command,
                                             String subject) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("exitCode", exitCode);
        error.put("message", message);
        error.put("command", command);
        error.put("subject", subject);
        return error;
    }

    /** The migration that failed, else (refused before any ran) the database. */
    private static String subject(MigrationReport r) {
        return r.migrations().stream().filter(s -> !"succeeded".equals(s.outcome())).map(StepReport::migration)
                .findFirst().orElse(r.target());
    }
}
