package dev.slipway.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tells whether a statement that starts at a given line is the first of its script: whether only
 * blank lines and comments come before it. A non-transactional migration that failed on its first
 * statement ran nothing, so it can be retried.
 */
final class FirstStatement {

    private FirstStatement() {
    }

    static boolean isFirst(Path script, int line) {
        if (line < 1 || !Files.isRegularFile(script)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(script);
            String before = String.join("\n", lines.subList(0, Math.min(line - 1, lines.size())));
            return stripComments(before).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code --} line comments and (nested) block comments; good enough for the text before a statement. */
    static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
            if (depth == 0 && c == '-' && next == '-') {
                while (i + 1 < sql.length() && sql.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                depth++;
                i++;
            } else if (depth > 0 && c == '*' && next == '/') {
                depth--;
                i++;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
