package dev.slipway.lint;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flyway SQL migration file, ordered as Flyway applies them: versioned ones by version
 * ({@code 1.10} after {@code 1.9}), then repeatable ones by description.
 *
 * @param relative the path relative to the location, with {@code /}
 * @param version  the version's parts, empty for a repeatable migration
 */
record FlywayScript(Path path, String relative, BigInteger[] version, String description)
        implements Comparable<FlywayScript> {

    private static final Pattern NAME = Pattern.compile("(?:V([0-9][0-9._]*)|R)__(.+)\\.sql");

    /** The script, or {@code null} when the file is not named like a Flyway SQL migration. */
    static FlywayScript of(Path location, Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        String relative = location.relativize(file).toString().replace('\\', '/');
        String[] parts = m.group(1) == null ? new String[0] : m.group(1).split("[._]+");
        BigInteger[] version = new BigInteger[parts.length];
        for (int i = 0; i < parts.length; i++) {
            version[i] = new BigInteger(parts[i]);
        }
        return new FlywayScript(file, relative, version, m.group(2));
    }

    boolean repeatable() {
        return version.length == 0;
    }

    @Override
    public int compareTo(FlywayScript o) {
        if (repeatable() != o.repeatable()) {
            return repeatable() ? 1 : -1;
        }
        for (int i = 0; i < Math.max(version.length, o.version.length); i++) {
            BigInteger a = i < version.length ? version[i] : BigInteger.ZERO;
            BigInteger b = i < o.version.length ? o.version[i] : BigInteger.ZERO;
            if (a.compareTo(b) != 0) {
                return a.compareTo(b);
            }
        }
        return description.compareTo(o.description);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlywayScript s && s.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }
}
