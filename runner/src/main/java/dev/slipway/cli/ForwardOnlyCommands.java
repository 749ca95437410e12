package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The commands other tools have and Slipway refuses: it is forward-only. They exist so that a
 * habit ({@code rollback}, {@code clean}, {@code undo}) gets an explanation instead of "unknown command";
 * {@code --help} explains it too, and exits 0.
 */
final class ForwardOnlyCommands {

    private static final Map<String, String> REFUSED = new LinkedHashMap<>();
    private static final String INSTEAD = "To reverse a change, write a new migration that undoes it and run slipway "
            + "migrate; the history keeps both.";

    static {
        REFUSED.put("rollback", "Refused: Slipway is forward-only (Liquibase rollback is never run).");
        REFUSED.put("clean", "Refused: Slipway never drops a schema's objects (Flyway clean is disabled).");
        REFUSED.put("undo", "Refused: undo migrations (U__ scripts) are never run.");
    }

    private ForwardOnlyCommands() {
    }

    /** Adds each refused command to {@code cli}; arguments other than --help are accepted and ignored. */
    static void addTo(CommandLine cli) {
        REFUSED.forEach((name, description) -> {
            CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Integer>) () -> refuse(name));
            spec.mixinStandardHelpOptions(true);
            spec.usageMessage().description(description, INSTEAD)
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(Map.of("6", "always: the command is refused"));
            spec.parser().unmatchedArgumentsAllowed(true);
            cli.addSubcommand(name, spec);
        });
    }

    private static Integer refuse(String what) {
        throw new SlipwayException(ErrorCode.FORWARD_ONLY, what + " is refused: Slipway is forward-only. " + INSTEAD);
    }
}
