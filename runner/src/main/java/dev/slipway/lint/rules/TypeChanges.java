package dev.slipway.lint.rules;

import dev.slipway.lint.sql.ColumnType;

/** Which column type changes PostgreSQL makes without rewriting the table. Pure. */
final class TypeChanges {

    private TypeChanges() {
    }

    static boolean binaryCompatible(ColumnType from, ColumnType to) {
        if (from.array() != to.array()) {
            return false;
        }
        if (from.display().equals(to.display())) {
            return true;
        }
        String f = from.name();
        String t = to.name();
        if (isText(f) && isText(t)) {
            return to.modifiers().isEmpty() || !from.modifiers().isEmpty() && widens(from, to);
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            return to.modifiers().isEmpty() || sameScaleWider(from, to);
        }
        if (f.equals("varbit") && t.equals("varbit")) {
            return to.modifiers().isEmpty() || !from.modifiers().isEmpty() && widens(from, to);
        }
        return f.equals("cidr") && t.equals("inet");
    }

    private static boolean isText(String name) {
        return name.equals("text") || name.equals("varchar");
    }

    private static boolean widens(ColumnType from, ColumnType to) {
        try {
            return Integer.parseInt(to.modifiers()) >= Integer.parseInt(from.modifiers());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean sameScaleWider(ColumnType from, ColumnType to) {
        String[] f = from.modifiers().split(",");
        String[] t = to.modifiers().split(",");
        String fs = f.length > 1 ? f[1] : "0";
        String ts = t.length > 1 ? t[1] : "0";
        try {
            return fs.equals(ts) && Integer.parseInt(t[0]) >= Integer.parseInt(f[0]);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
