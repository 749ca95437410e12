package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Finds the machine's pg_dump and pg_restore (not older than the server) and builds the pipeline. */
final class PgTools {

    private PgTools() {
    }

    /** The bin directory holding both tools, or {@code null}; {@code serverVersion} is like {@code PostgreSQL 15.18}. */
    static Path find(String serverVersion) {
        int major = Integer.parseInt(serverVersion.replaceAll("\\D*(\\d+).*", "$1"));
        Path best = null;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/usr/lib/postgresql"))) {
            for (Path d : dirs) {
                Path bin = d.resolve("bin");
                if (d.getFileName().toString().matches("\\d+") && Integer.parseInt(d.getFileName().toString()) >= major
                        && Files.isExecutable(bin.resolve("pg_dump")) && Files.isExecutable(bin.resolve("pg_restore"))) {
                    best = bin;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return best;
    }

    /** {@code pg_dump -Fc -Z0 … | pg_restore -d …}: uncompressed, the fastest plain pipe. */
    static String pipeline(Path bin, ConnectionSpec spec, String source, String target) {
        String hostPort = spec.url().replaceFirst("^jdbc:postgresql://([^/?]*).*$", "$1");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.lastIndexOf(':') + 1) : "5432";
        String conn = " -h " + host + " -p " + port + (spec.user() == null ? "" : " -U " + spec.user());
        return bin.resolve("pg_dump") + " -Fc -Z0" + conn + " " + source + " | " + bin.resolve("pg_restore")
                + " --no-owner" + conn + " -d " + target;
    }

    /** Times {@code pg_dump | pg_restore} of {@code golden} into a fresh database on {@code server}, dropped after. */
    static PushToReadyPhase.DumpRestore dumpRestore(BenchServer server, ScratchDatabase golden) {
        Path bin = find(server.version());
        if (bin == null) {
            return new PushToReadyPhase.DumpRestore(null, "pg_dump/pg_restore not found in /usr/lib/postgresql/*/bin "
                    + "(a version not older than the server)");
        }
        try (ScratchDatabase target = server.createDatabase("restore")) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c",
                    pipeline(bin, golden.spec(), golden.name(), target.name())).redirectErrorStream(true);
            if (golden.spec().password() != null) {
                pb.environment().put("PGPASSWORD", golden.spec().password());
            }
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(30, TimeUnit.MINUTES);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!ended || p.exitValue() != 0) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: pg_dump | pg_restore failed: " + out.strip());
            }
            return new PushToReadyPhase.DumpRestore(millis, "pg_dump -Fc -Z0 | pg_restore --no-owner (" + bin + ")");
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot run pg_dump | pg_restore: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark interrupted", e);
        }
    }
}
