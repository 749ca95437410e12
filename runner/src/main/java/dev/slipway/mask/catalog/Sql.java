package dev.slipway.mask.catalog;

import java.util.ArrayList;
import java.util.List;

/** Quoting of identifiers and literals for the SQL Slipway writes; nothing from input is ever concatenated bare. */
public final class Sql {

    private Sql() {
    }

    /** {@code name} in double quotes, inner quotes doubled. */
    public static String ident(String name) {
        return dev.slipway.db.Identifiers.quote(name);
    }

    /** {@code text} as a string literal ({@code E''} never needed: standard_conforming_strings is on). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * A name as written in the rules file: as the catalog spells it (case kept, spaces allowed), in
     * double quotes only when it holds a dot or a quote or starts or ends with a space.
     */
    static String display(String name) {
        return name.contains(".") || name.contains("\"") || !name.equals(name.strip()) || name.isEmpty()
                ? ident(name) : name;
    }

    /** Splits {@code a.b} or {@code "a.x"."B c"} into one or two parts; case is kept, quotes only group dots. */
    static String[] splitQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                parts.add(finish(part, wasQuoted, text));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced double quote in '" + text + "'");
        }
        parts.add(finish(part, wasQuoted, text));
        if (parts.size() > 2) {
            throw new IllegalArgumentException("'" + text + "' has more than two parts; expected schema.table");
        }
        return parts.toArray(String[]::new);
    }

    private static String finish(StringBuilder part, boolean quoted, String text) {
        String p = quoted ? part.toString() : part.toString().trim();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has an empty part; expected schema.table");
        }
        return p;
    }
}
