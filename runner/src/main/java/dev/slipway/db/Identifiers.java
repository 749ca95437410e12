package dev.slipway.db;

/** Quotes SQL identifiers, so a name from input or the catalog is never concatenated into SQL bare. */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code name} in double quotes, inner quotes doubled: safe for any name PostgreSQL allows. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
