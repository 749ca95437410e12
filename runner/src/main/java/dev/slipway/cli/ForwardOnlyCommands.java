package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The commands other tools have and Slipway refuses: it is forward-only. They exist so that a
 * habit ({@code rollback}, {@code clean}, {@code undo}) gets an explanation instead of "unknown command".
 */
final class ForwardOnlyCommands {

    private ForwardOnlyCommands() {
    }

    private static Integer refuse(String what) {
        throw new SlipwayException(ErrorCode.FORWARD_ONLY, what + " is refused: Slipway is forward-only. To reverse a "
                + "change, write a new migration that undoes it and run slipway migrate; the history keeps both");
    }

    @Command(name = "rollback", description = "Refused: Slipway is forward-only (Liquibase rollback is never run).")
    static final class Rollback implements Callable<Integer> {
        @Unmatched
        String[] ignored;

        @Override
        public Integer call() {
            return refuse("rollback");
        }
    }

    @Command(name = "clean", description = "Refused: Slipway never drops a schema's objects (Flyway clean is disabled).")
    static final class Clean implements Callable<Integer> {
        @Unmatched
        String[] ignored;

        @Override
        public Integer call() {
            return refuse("clean");
        }
    }

    @Command(name = "undo", description = "Refused: undo migrations (U__ scripts) are never run.")
    static final class Undo implements Callable<Integer> {
        @Unmatched
        String[] ignored;

        @Override
        public Integer call() {
            return refuse("undo");
        }
    }
}
