package dev.slipway.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * {@code slipway bench mask}: a masked copy of two tables (customers and their orders, a foreign key
 * between them, five masked columns: email, name, phone, date, jsonb) against a plain unmasked copy of the
 * same data, in one run: a COPY-to-COPY pipe and, where the machine has them, {@code pg_dump | pg_restore}.
 * Every copy includes the schema, the rows and the indexes and constraints. The three copies run in {@code rounds}
 * rounds, in a rotating order, and the report takes the medians: on a noisy machine single runs vary by a third.
 * Slipway runs as a user runs it, through the {@code slipway} launcher when there is one (its JVM options), else
 * as {@code java -cp}; either way in a JVM of its own with {@code -Xmx256m}: it finishes only if it streams.
 */
public final class MaskBench {

    /**
     * The parameters: rows over both tables (40 % customers, 60 % orders), copy jobs, rounds, and the {@code slipway}
     * launcher to run Slipway with (null: {@code java -cp} with this JVM's class path).
     */
    public record Options(int rows, int jobs, int rounds, Path launcher) {
    }

    private static final String SCHEMA = """
            CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, full_name text NOT NULL,
                phone text, birth_date date, profile jsonb, created_at timestamptz NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
                total numeric(12,2) NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL);
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            """;

    private static final String RULES = """
            tables:
              public.customers:
                columns:
                  id: keep
                  email: email
                  full_name: name
                  phone: phone
                  birth_date: {transformer: date_shift, days: 60}
                  profile: {transformer: json, paths: {nickname: hash, address.street: hash, address.phone: phone}}
                  created_at: keep
              public.orders:
                keep_all: true
            """;

    /** Slipway's heap limit: it must stream to finish under it. */
    private static final String HEAP = "-Xmx256m";

    private final BenchServer server;
    private final Options options;
    private final Consumer<String> progress;

    public MaskBench(BenchServer server, Options options, Consumer<String> progress) {
        this.server = server;
        this.options = options;
        this.progress = progress;
    }

    public MaskBenchReport call() {
        Machine machine = Machine.describe(server);
        try (ScratchDatabase source = server.createDatabase("masksrc")) {
            fill(source);
            long bytes = copyBytes(source);
            List<List<MaskBenchReport.Run>> rounds = new ArrayList<>();
            for (int r = 0; r < options.rounds(); r++) {
                MaskBenchReport.Run[] round = new MaskBenchReport.Run[3];
                progress.accept("round " + (r + 1) + " of " + options.rounds());
                for (int i = 0; i < 3; i++) {
                    int copy = (i + r) % 3; // each copy goes first in turn: none always gets the coldest cache
                    round[copy] = switch (copy) {
                        case 0 -> slipway(source);
                        case 1 -> pipe(source);
                        default -> pgDump(source);
                    };
                }
                rounds.add(List.of(round));
            }
            return MaskBenchReport.of(machine, options, bytes, launch(), rounds);
        }
    }

    private void fill(ScratchDatabase source) {
        int customers = options.rows() * 2 / 5;
        int orders = options.rows() - customers;
        progress.accept(String.format(Locale.ROOT, "filling the source: %,d customers, %,d orders", customers, orders));
        source.execute(SCHEMA.replace(";\n", ";"));
        source.execute("INSERT INTO customers SELECT i, 'customer' || i || '@mail.test', 'First' || i || ' Last' || (i % 997), "
                + "'+44 20 7946 ' || lpad((i % 10000)::text, 4, '0'), date '1950-01-01' + i % 20000, "
                + "jsonb_build_object('nickname', 'nick' || i, 'address', jsonb_build_object('street', i || ' High Street', "
                + "'city', 'London', 'phone', '020 7946 ' || lpad((i % 10000)::text, 4, '0')), 'newsletter', i % 2 = 0), "
                + "timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute' FROM generate_series(1, ?) i", customers);
        source.execute("INSERT INTO orders SELECT i, 1 + i % ?, (i % 1000) + 0.5, CASE WHEN i % 3 = 0 THEN 'shipped' "
                + "ELSE 'paid' END, timestamptz '2021-01-01 00:00:00+00' + i * interval '1 minute' FROM generate_series(1, ?) i",
                customers, orders);
        source.execute("VACUUM ANALYZE");
    }

    /** The COPY text bytes of both tables: what every copy moves. */
    private static long copyBytes(ScratchDatabase source) {
        try (Connection c = source.spec().open("slipway-bench", null)) {
            long n = 0;
            for (String t : new String[] {"customers", "orders"}) {
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + t + " TO STDOUT");
                byte[] row;
                while ((row = out.readFromCopy()) != null) {
                    n += row.length;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot measure the source: " + e.getMessage(), e);
        }
    }

    private MaskBenchReport.Run slipway(ScratchDatabase source) {
        progress.accept("Slipway mask (" + launch() + ")");
        try (ScratchDatabase target = server.createDatabase("maskslipway")) {
            Path rules = Files.writeString(Files.createTempFile("slipway-bench-mask", ".yaml"), RULES);
            ConnectionSpec s = source.spec();
            List<String> args = new ArrayList<>(List.of("mask", "--source", s.url(), "--target", target.spec().url(),
                    "--rules", rules.toString(), "--jobs", String.valueOf(options.jobs()), "--json"));
            addUsers(args, s);
            List<String> command = new ArrayList<>();
            if (options.launcher() != null) {
                command.add(options.launcher().toString());
                command.addAll(args);
            } else {
                command.addAll(ChildJvm.command(List.of(HEAP), "dev.slipway.cli.SlipwayCli", args));
            }
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            if (options.launcher() != null) {
                pb.environment().put("SLIPWAY_JAVA_OPTS", HEAP); // the launcher's defaults, plus the heap limit
            }
            pb.environment().put("SLIPWAY_MASK_SECRET", "bench-secret-0123456789abcdef");
            if (s.password() != null) {
                pb.environment().put("SLIPWAY_BENCH_PASSWORD", s.password());
            }
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            Files.deleteIfExists(rules);
            if (code != 0) {
                return MaskBenchReport.Run.failed("Slipway mask", millis, "exit " + code + ": " + out.strip());
            }
            JsonNode report;
            try {
                report = new ObjectMapper().readTree(out);
            } catch (JsonProcessingException e) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: Slipway's mask --json printed no JSON report ("
                        + e.getOriginalMessage() + "); it printed: " + out.strip().lines().limit(5).toList(), e);
            }
            MaskBenchReport.Phases phases = new MaskBenchReport.Phases(report.get("schemaMillis").asLong(),
                    report.get("copyMillis").asLong(), report.get("postDataMillis").asLong(),
                    report.path("analyzeMillis").asLong());
            return new MaskBenchReport.Run("Slipway mask", true, millis, report.get("totalMillis").asLong(),
                    report.get("heapPeakMb").asLong(), phases, null);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot run Slipway's JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark interrupted", e);
        }
    }

    /** How Slipway is started, for the report. */
    private String launch() {
        return options.launcher() != null ? options.launcher().getFileName() + " (its JVM options), SLIPWAY_JAVA_OPTS="
                + HEAP : "java " + HEAP + " -cp (no launcher found)";
    }

    private static void addUsers(List<String> command, ConnectionSpec s) {
        if (s.user() != null) {
            command.addAll(List.of("--source-user", s.user(), "--target-user", s.user()));
        }
        if (s.password() != null) {
            command.addAll(List.of("--source-password-env", "SLIPWAY_BENCH_PASSWORD", "--target-password-env",
                    "SLIPWAY_BENCH_PASSWORD"));
        }
    }

    /** The same schema, rows piped COPY TO → COPY FROM unchanged, then the keys and the index. */
    private MaskBenchReport.Run pipe(ScratchDatabase source) {
        progress.accept("COPY-to-COPY pipe (unmasked)");
        try (ScratchDatabase target = server.createDatabase("maskpipe");
             Connection from = source.spec().open("slipway-bench", null);
             Connection to = target.spec().open("slipway-bench", null)) {
            long start = System.nanoTime();
            try (Statement st = to.createStatement()) {
                st.execute(SCHEMA.replace(" PRIMARY KEY", "").replace(" UNIQUE", "")
                        .replace(" REFERENCES customers (id)", "").replaceAll("CREATE INDEX[^;]*;", ""));
            }
            for (String t : new String[] {"customers", "orders"}) {
                pipeTable(from, to, t);
            }
            try (Statement st = to.createStatement()) {
                st.execute("ALTER TABLE customers ADD PRIMARY KEY (id); ALTER TABLE customers ADD UNIQUE (email); "
                        + "ALTER TABLE orders ADD PRIMARY KEY (id); CREATE INDEX orders_customer_id_idx ON orders (customer_id); "
                        + "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id)");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new MaskBenchReport.Run("COPY pipe", true, millis, millis, -1, null, null);
        } catch (SQLException e) {
            return MaskBenchReport.Run.failed("COPY pipe", 0, e.getMessage());
        }
    }

    private static void pipeTable(Connection from, Connection to, String table) throws SQLException {
        CopyOut out = from.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT");
        CopyIn in = to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN");
        byte[] buffer = new byte[256 * 1024];
        int size = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            if (size + row.length > buffer.length) {
                in.writeToCopy(buffer, 0, size);
                size = 0;
            }
            if (row.length > buffer.length) {
                in.writeToCopy(row, 0, row.length);
            } else {
                System.arraycopy(row, 0, buffer, size, row.length);
                size += row.length;
            }
        }
        in.writeToCopy(buffer, 0, size);
        in.endCopy();
    }

    private MaskBenchReport.Run pgDump(ScratchDatabase source) {
        Path bin = PgTools.find(server.version());
        if (bin == null) {
            return MaskBenchReport.Run.failed("pg_dump | pg_restore", 0, "not found on this machine (looked in PATH "
                    + "and /usr/lib/postgresql/*/bin for a version not older than the server)");
        }
        progress.accept("pg_dump -Fc -Z0 | pg_restore (" + bin + ")");
        try (ScratchDatabase target = server.createDatabase("maskdump")) {
            ConnectionSpec s = source.spec();
            String cmd = PgTools.pipeline(bin, s, source.name(), target.name());
            ProcessBuilder pb = new ProcessBuilder("bash", "-o", "pipefail", "-c", cmd).redirectErrorStream(true);
            if (s.password() != null) {
                pb.environment().put("PGPASSWORD", s.password());
            }
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(30, TimeUnit.MINUTES);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return ended && p.exitValue() == 0 ? new MaskBenchReport.Run("pg_dump | pg_restore", true, millis, millis, -1, null, null)
                    : MaskBenchReport.Run.failed("pg_dump | pg_restore", millis, out.strip());
        } catch (IOException e) {
            return MaskBenchReport.Run.failed("pg_dump | pg_restore", 0, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark interrupted", e);
        }
    }
}
