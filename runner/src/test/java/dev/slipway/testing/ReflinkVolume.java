package dev.slipway.testing;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An XFS file system made with {@code reflink=1} in a sparse image file, loop-mounted: where PostgreSQL 18's
 * {@code file_copy_method = clone} shares blocks between the golden and its clones. Needs root, {@code mkfs.xfs}
 * and {@code xfs_io} (Debian's xfsprogs) and loop devices; fails, naming which is missing, rather than falling back
 * to a file system that copies. Closing unmounts it and deletes the image.
 */
public final class ReflinkVolume implements AutoCloseable {

    private final Path image;
    private final Path mount;

    private ReflinkVolume(Path image, Path mount) {
        this.image = image;
        this.mount = mount;
    }

    /** Makes and mounts a volume of {@code bytes} (at least 300 MB, XFS's minimum) under {@code parent}. */
    public static ReflinkVolume create(Path parent, long bytes) {
        requireRoot();
        Path image = parent.resolve("reflink.img");
        Path mount = parent.resolve("reflink");
        try {
            Files.createDirectories(mount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + mount, e);
        }
        try {
            run("truncate", "-s", String.valueOf(Math.max(bytes, 320L << 20)), image.toString());
            run("mkfs.xfs", "-q", "-f", "-m", "reflink=1", image.toString());
            run("mount", "-o", "loop", image.toString(), mount.toString());
        } catch (SlipwayException e) {
            image.toFile().delete();
            throw e;
        }
        ReflinkVolume volume = new ReflinkVolume(image, mount);
        volume.openUp();
        return volume;
    }

    /** The mounted file system's root. */
    public Path root() {
        return mount;
    }

    /** Bytes in use on the file system (blocks shared by reflink clones count once). */
    public long usedBytes() {
        try {
            var store = Files.getFileStore(mount);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes of {@code file} in extents that {@code xfs_io -c 'fiemap -v'} flags shared (0x2000). */
    public static long sharedBytes(Path file) {
        String out = run("xfs_io", "-r", "-c", "fiemap -v", file.toString());
        long blocks = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("\\d+:") && !f[2].equals("hole")) {
                long flags = Long.decode(f[4]);
                blocks += (flags & 0x2000) != 0 ? Long.parseLong(f[3]) : 0;
            }
        }
        return blocks * 512;
    }

    /** The server's data directory must be writable by PostgreSQL, which zonky starts in a user namespace. */
    private void openUp() {
        try {
            run("chmod", "1777", mount.toString());
        } catch (SlipwayException e) {
            close();
            throw e;
        }
    }

    private static void requireRoot() {
        String uid = run("id", "-u").trim();
        if (!uid.equals("0")) {
            throw new SlipwayException(ErrorCode.USAGE, "a reflink XFS volume is loop-mounted, which needs root (uid "
                    + uid + " here); run as root, or pass --dir with a folder on a reflink file system");
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new SlipwayException(ErrorCode.INTERNAL, String.join(" ", command) + " failed: " + out.trim()
                        + hint(command[0]));
            }
            return out;
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot run " + command[0] + ": " + e.getMessage()
                    + hint(command[0]), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, command[0] + " interrupted", e);
        }
    }

    private static String hint(String tool) {
        return switch (tool) {
            case "mkfs.xfs", "xfs_io" -> " (install xfsprogs: apt-get install xfsprogs)";
            case "mount" -> " (loop-mounting needs root and a free loop device: losetup -f; in a container, --privileged)";
            default -> "";
        };
    }

    /** Unmounts (lazily if still busy) and deletes the image. */
    @Override
    public void close() {
        try {
            run("umount", mount.toString());
        } catch (SlipwayException e) {
            run("umount", "-l", mount.toString());
        }
        try {
            Files.deleteIfExists(image);
            Files.deleteIfExists(mount);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the reflink volume's image " + image, e);
        }
    }
}
