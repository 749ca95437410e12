package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.EmbeddedServer;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage claim, checked on disk: the clear values of masked columns never reach the target
 * database, not in its tables, not in dead tuples or index pages, not in the WAL its load wrote. The test
 * runs a server of its own so that it knows its data directory, and no other test writes WAL while it looks.
 * Each scan has a positive control, so a scanner that reads nothing cannot pass.
 */
class MaskStorageIT {

    /** Needles shorter than this could match masked or binary bytes by chance; the fixture's are longer. */
    private static final int MIN_NEEDLE = 8;

    private static EmbeddedServer server;

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @BeforeAll
    static void start() {
        server = EmbeddedServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noClearValueOfAMaskedColumnIsInTheTargetsFilesOrInTheWalOfItsLoad() throws Exception {
        TestDatabase source = TestDatabase.create(server, "storage_source");
        TestDatabase target = TestDatabase.create(server, "storage_target");
        TestDatabase admin = TestDatabase.create(server, "storage_admin");
        ShopFixture.createShop(source);
        // settle the source (hint bits, frozen rows) so that reading it during the copy writes no WAL of its own
        source.execute("VACUUM FREEZE");
        admin.execute("CHECKPOINT");
        Path data = Path.of(admin.value("SHOW data_directory"));
        String startLsn = admin.value("SELECT pg_current_wal_insert_lsn()");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        int code = shop.mask(source, target, rules);

        assertThat(code).as(shop.out + shop.err).isZero();
        // a canary written by another database inside the window proves the WAL scan reads this window's WAL
        String canary = "canary-" + Long.toHexString(System.nanoTime()) + "@clear.test";
        admin.execute("CREATE TABLE storage_canary (v text)", "INSERT INTO storage_canary VALUES ('" + canary + "')");
        admin.execute("CHECKPOINT"); // every dirty page to its file, and the WAL up to here flushed
        String endLsn = admin.value("SELECT pg_current_wal_insert_lsn()");
        Map<String, List<String>> clear = clearValues(source);
        assertThat(clear.values()).allSatisfy(v -> assertThat(v).hasSizeGreaterThanOrEqualTo(300));

        Needles needles = new Needles(clear);
        Path targetFiles = data.resolve("base").resolve(oid(target));
        Path sourceFiles = data.resolve("base").resolve(oid(source));
        byte[] wal = walBetween(admin, data, startLsn, endLsn);

        assertThat(needles.findIn(files(sourceFiles))).as("control: the scan finds the clear values in the source's "
                + "own files").containsKeys(clear.keySet().toArray(String[]::new));
        assertThat(new Needles(Map.of("masked email", target.column("SELECT email FROM customers")))
                .findIn(files(targetFiles))).as("control: the scan finds the masked values in the target's files")
                .containsKey("masked email");
        assertThat(new Needles(Map.of("canary", List.of(canary))).findIn(Map.of("wal", wal)))
                .as("control: the scan finds a value written in the window in its WAL (%,d bytes)", wal.length)
                .containsKey("canary");
        assertThat(wal.length).as("the load's WAL: the copied rows and their indexes").isGreaterThan(100_000);

        Map<String, byte[]> targetBytes = files(targetFiles);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(needles.findIn(targetBytes)).as("clear values in the target's files").isEmpty();
            softly.assertThat(needles.findIn(Map.of("WAL " + startLsn + " to " + endLsn, wal)))
                    .as("clear values in the WAL").isEmpty();
        });
    }

    private static String oid(TestDatabase db) {
        return db.value("SELECT oid FROM pg_database WHERE datname = current_database()");
    }

    /** The source's clear values of masked columns, long enough to search for in binary files. */
    private static Map<String, List<String>> clearValues(TestDatabase source) {
        Map<String, List<String>> values = new HashMap<>();
        values.put("customers.email", source.column("SELECT email FROM customers"));
        values.put("customers.full_name", source.column("SELECT full_name FROM customers"));
        values.put("customers.phone", source.column("SELECT phone FROM customers"));
        values.put("customers.profile address.street", source.column("SELECT profile #>> '{address,street}' "
                + "FROM customers"));
        values.put("orders.customer_email", source.column("SELECT DISTINCT customer_email FROM orders"));
        return values;
    }

    /** Every file under {@code dir}: heap, TOAST, index, free-space and visibility-map forks alike. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(p.toString(), Files.readAllBytes(p));
            }
        }
        assertThat(files).as("files of " + dir).isNotEmpty();
        return files;
    }

    /**
     * The WAL bytes from {@code start} to {@code end}, read from the segment files: recycled segments hold
     * older WAL past the end, so only the window is read.
     */
    private static byte[] walBetween(TestDatabase admin, Path data, String start, String end) throws IOException {
        String[] first = walFile(admin, start);
        String[] last = walFile(admin, end);
        List<Path> segments;
        try (Stream<Path> s = Files.list(data.resolve("pg_wal"))) {
            segments = s.filter(p -> p.getFileName().toString().matches("[0-9A-F]{24}"))
                    .filter(p -> p.getFileName().toString().compareTo(first[0]) >= 0
                            && p.getFileName().toString().compareTo(last[0]) <= 0)
                    .sorted().toList();
        }
        assertThat(segments).as("WAL segments %s to %s", first[0], last[0]).isNotEmpty();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path segment : segments) {
            byte[] b = Files.readAllBytes(segment);
            String name = segment.getFileName().toString();
            int from = name.equals(first[0]) ? Integer.parseInt(first[1]) : 0;
            int to = name.equals(last[0]) ? Integer.parseInt(last[1]) : b.length;
            out.write(b, from, to - from);
        }
        return out.toByteArray();
    }

    /** The segment file holding {@code lsn}, and the offset in it. */
    private static String[] walFile(TestDatabase admin, String lsn) {
        return admin.value("SELECT file_name || ' ' || file_offset FROM pg_walfile_name_offset('" + lsn + "'::pg_lsn)")
                .split(" ");
    }

    /** Searches bytes for many strings at once, indexed by their first {@value #MIN_NEEDLE} bytes' prefix. */
    private static final class Needles {
        private final Map<Long, List<Needle>> byPrefix = new HashMap<>();

        private record Needle(String label, byte[] bytes) {
        }

        Needles(Map<String, List<String>> values) {
            values.forEach((label, list) -> list.forEach(v -> {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                assertThat(b.length).as("needle length of " + label).isGreaterThanOrEqualTo(MIN_NEEDLE);
                byPrefix.computeIfAbsent(prefix(b, 0), k -> new ArrayList<>()).add(new Needle(label, b));
            }));
        }

        /** Label → where its first hit is, for each label found in {@code files}. */
        Map<String, String> findIn(Map<String, byte[]> files) {
            Map<String, String> found = new HashMap<>();
            files.forEach((name, b) -> {
                for (int i = 0; i + MIN_NEEDLE <= b.length; i++) {
                    List<Needle> candidates = byPrefix.get(prefix(b, i));
                    if (candidates != null) {
                        for (Needle n : candidates) {
                            if (matches(b, i, n.bytes())) {
                                found.putIfAbsent(n.label(), name + " at byte " + i + ": "
                                        + new String(n.bytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            });
            return found;
        }

        private static long prefix(byte[] b, int at) {
            long p = 0;
            for (int k = 0; k < MIN_NEEDLE; k++) {
                p = p << 8 | (b[at + k] & 0xff);
            }
            return p;
        }

        private static boolean matches(byte[] b, int at, byte[] needle) {
            if (at + needle.length > b.length) {
                return false;
            }
            for (int k = 0; k < needle.length; k++) {
                if (b[at + k] != needle[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
