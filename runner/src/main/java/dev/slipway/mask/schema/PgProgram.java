package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.JdbcUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One run of a PostgreSQL client program (pg_dump, pg_restore) in an environment of its own, its standard output
 * and error kept in files (a program that writes much cannot block on a full pipe). A failure names the program's
 * task and quotes its error lines, with the password scrubbed and the {@code DETAIL} lines (which may quote row
 * values) left out.
 */
public final class PgProgram {

    private static final int QUOTED_LINES = 12;

    private PgProgram() {
    }

    /**
     * Runs {@code command} and returns what it printed on standard output.
     *
     * @param task     what it does, for the error ({@code "pg_dump of the source's schema"})
     * @param password scrubbed from any message
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} when it cannot start or exits non-zero
     */
    public static String run(List<String> command, Map<String, String> env, String task, String password) {
        return start(command, env, task, password).await();
    }

    /** Starts {@code command}; {@link Running#await} waits for it as {@link #run} does. */
    static Running start(List<String> command, Map<String, String> env, String task, String password) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("slipway-pg", ".out");
            err = Files.createTempFile("slipway-pg", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            return new Running(pb.start(), command.get(0), task, password, out, err);
        } catch (IOException e) {
            delete(out);
            delete(err);
            throw new SlipwayException(ErrorCode.MASK_FAILED, task + " could not run " + command.get(0) + ": "
                    + e.getMessage(), e);
        }
    }

    /** A program started by {@link #start}: wait for it once, or {@link #kill} it. */
    record Running(Process process, String program, String task, String password, Path out, Path err) {

        /**
         * Waits for the program and returns its standard output.
         *
         * @throws SlipwayException {@link ErrorCode#MASK_FAILED} when it exits non-zero
         */
        String await() {
            try {
                int code = waitFor(process);
                if (code != 0) {
                    throw new SlipwayException(ErrorCode.MASK_FAILED, task + " failed (" + program + " exited with "
                            + code + "): " + errorLines(Files.readString(err, StandardCharsets.UTF_8), password));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SlipwayException(ErrorCode.MASK_FAILED, task + " could not read what " + program
                        + " printed: " + e.getMessage(), e);
            } finally {
                kill();
            }
        }

        /** Stops the program if it still runs and deletes what it printed. */
        void kill() {
            process.destroyForcibly();
            delete(out);
            delete(err);
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "interrupted while " + p.info().command().orElse("a program")
                    + " ran; the target stays marked incomplete");
        }
    }

    /** The lines worth quoting of a program's standard error: no DETAIL (row values), no secret, at most a dozen. */
    static String errorLines(String stderr, String password) {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("DETAIL:")).toList();
        List<String> errors = lines.stream().filter(l -> l.contains("error") || l.contains("ERROR")
                || l.startsWith("Command was")).toList();
        List<String> quoted = errors.isEmpty() ? lines : errors;
        String text = quoted.stream().limit(QUOTED_LINES).collect(Collectors.joining(" | "));
        return JdbcUrls.scrub(text.isEmpty() ? "(it printed nothing)" : text, password);
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file left behind holds no row
            }
        }
    }
}
