package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code slipway serve} in a JVM of its own, as it runs in production: JSON logs (kept in a file next to its
 * config), the routes from the jar. {@link #close()} asks it to stop (SIGTERM) and waits; it is killed only if
 * it has not stopped after 30 s.
 */
final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServeProcess start(Path config, String instance, Path dir, Map<String, String> env, List<String> jvmOptions) {
        Path log = dir.resolve("serve-" + instance + ".log");
        List<String> command = ChildJvm.command(jvmOptions, "dev.slipway.cli.SlipwayCli", List.of("serve", "--config",
                config.toString(), "--instance", instance, "--cache-dir", dir.resolve("cache-" + instance).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        try {
            return new ServeProcess(pb.start(), log);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot start slipway serve in its own JVM ("
                    + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    ProcessMemory memory() {
        return ProcessMemory.of(process.pid());
    }

    /** The last lines serve logged, for an error message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
