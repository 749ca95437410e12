package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Bare {@code CREATE DATABASE … TEMPLATE golden STRATEGY …} on one server, each clone dropped right after; a
 * {@code CHECKPOINT} before each, so that no clone pays for the writes of the one before.
 */
final class RawClones {

    private final ConnectionSpec admin;
    private final String golden;
    private int next;

    RawClones(BenchServer server, String golden) {
        this.admin = server.admin();
        this.golden = golden;
    }

    /**
     * Milliseconds of one clone.
     *
     * @param strategy       {@code WAL_LOG} or {@code FILE_COPY}
     * @param fileCopyMethod {@code copy} or {@code clone} (PostgreSQL 18's setting, per session)
     */
    long time(String strategy, String fileCopyMethod) {
        String name = nextName();
        try (Connection c = admin.open("slipway-bench", null); Statement st = c.createStatement()) {
            st.execute("SET file_copy_method = " + (fileCopyMethod.equals("clone") ? "clone" : "copy"));
            st.execute("CHECKPOINT");
            long start = System.nanoTime();
            st.execute(create(name, strategy));
            long millis = (System.nanoTime() - start) / 1_000_000;
            st.execute("DROP DATABASE " + Identifiers.quote(name));
            return millis;
        } catch (SQLException e) {
            throw failed(name, e);
        }
    }

    /** Bytes the file system holding {@code data} gives to each of {@code n} reflink clones kept side by side. */
    long spacePerClone(Path data, int n) {
        List<String> names = new ArrayList<>();
        try (Connection c = admin.open("slipway-bench", null); Statement st = c.createStatement()) {
            st.execute("SET file_copy_method = clone");
            st.execute("CHECKPOINT");
            long before = used(data);
            for (int i = 0; i < n; i++) {
                names.add(nextName());
                st.execute(create(names.get(i), "FILE_COPY"));
            }
            st.execute("CHECKPOINT");
            long perClone = Math.max(0, used(data) - before) / n;
            for (String name : names) {
                st.execute("DROP DATABASE " + Identifiers.quote(name));
            }
            return perClone;
        } catch (SQLException e) {
            throw failed(String.join(", ", names), e);
        }
    }

    private String create(String name, String strategy) {
        return "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(golden)
                + " STRATEGY " + (strategy.equals("WAL_LOG") ? "WAL_LOG" : "FILE_COPY");
    }

    private String nextName() {
        return "slipway_bench_raw_" + (++next);
    }

    private static long used(Path data) {
        try {
            FileStore store = Files.getFileStore(data);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SlipwayException failed(String name, SQLException e) {
        return new SlipwayException(ErrorCode.INTERNAL, "benchmark: cannot clone " + golden + " into " + name + " on "
                + admin.redactedUrl() + ": " + e.getMessage(), e);
    }
}
