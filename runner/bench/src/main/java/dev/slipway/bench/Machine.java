package dev.slipway.bench;

import dev.slipway.testing.Pause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Where a benchmark ran, printed with its figures so that they can be compared and reproduced.
 *
 * @param cores      processors available to the JVM
 * @param cpu        the CPU model, when the OS tells it
 * @param server     {@code embedded on 127.0.0.1:PORT} or the server's URL with secrets redacted
 * @param busyBefore how busy the machine's CPUs were, in percent, during the second before the benchmark
 *                   started (-1 if unknown): other work on the machine skews the figures
 */
public record Machine(int cores, String cpu, String jvm, String os, String postgres, String server,
                      double busyBefore) {

    /** From this share of busy CPU before the start on, the report warns that its figures are skewed. */
    public static final double BUSY_PERCENT = 20;

    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Describes this JVM's machine and {@code server}, watching the CPUs for a second first. */
    public static Machine describe(BenchServer server) {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                server.version(), server.location(), busyPercent(Duration.ofSeconds(1)));
    }

    /** Describes this JVM's machine for a benchmark that needs no database server. */
    public static Machine local() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                "-", "-", busyPercent(Duration.ofSeconds(1)));
    }

    /** Whether other work kept the CPUs busy just before the benchmark started. */
    public boolean busy() {
        return busyBefore >= BUSY_PERCENT;
    }

    /** The share of CPU time, all cores together, that was not idle over {@code window}; -1 where unknown. */
    static double busyPercent(Duration window) {
        long[] before = cpuTimes();
        Pause.of(window);
        long[] after = cpuTimes();
        if (before.length < 5 || after.length < 5) {
            return -1;
        }
        long total = Arrays.stream(after).sum() - Arrays.stream(before).sum();
        long idle = after[3] + after[4] - before[3] - before[4];
        return total <= 0 ? -1 : Math.round(1000.0 * (total - idle) / total) / 10.0;
    }

    /** The aggregate {@code cpu} line of /proc/stat: user, nice, system, idle, iowait, ... in ticks. */
    private static long[] cpuTimes() {
        try (Stream<String> lines = Files.lines(PROC_STAT)) {
            return lines.filter(l -> l.startsWith("cpu ")).findFirst()
                    .map(l -> Arrays.stream(l.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).limit(8).toArray())
                    .orElse(new long[0]);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return new long[0];
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }
}
