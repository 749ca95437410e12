package dev.slipway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's memory as Linux reports it in {@code /proc/<pid>/status}.
 *
 * @param rssKb  resident set size now ({@code VmRSS})
 * @param peakKb the largest it has been ({@code VmHWM})
 */
public record ProcessMemory(long rssKb, long peakKb) {

    /** The memory of process {@code pid}, or -1 figures where {@code /proc} cannot tell. */
    static ProcessMemory of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(-1, -1);
        }
    }

    /** Reads {@code VmRSS} and {@code VmHWM} (in kB) from the text of a status file; -1 for a missing field. */
    static ProcessMemory parse(String status) {
        return new ProcessMemory(field(status, "VmRSS"), field(status, "VmHWM"));
    }

    private static long field(String status, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+) kB$").matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The resident size in MB (10^6 bytes), rounded; -1 when unknown. */
    public long rssMb() {
        return rssKb < 0 ? -1 : Math.round(rssKb * 1024 / 1e6);
    }

    public long peakMb() {
        return peakKb < 0 ? -1 : Math.round(peakKb * 1024 / 1e6);
    }
}
