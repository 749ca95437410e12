package dev.slipway.lint;

import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inline {@code -- slipway:allow RULE_ID[, RULE_ID…] reason: why} comment on a statement (before it,
 * since the previous statement, or inside it). A suppression without a reason suppresses nothing.
 *
 * @param rules  the rule ids it names
 * @param reason the reason given, or the empty string when none was
 * @param line   the comment's line
 */
public record Suppression(List<String> rules, String reason, int line) {

    private static final Pattern ALLOW = Pattern.compile(
            "slipway:allow\\b\\s*((?!reason\\b)[A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)?\\s*(?:reason\\s*:\\s*(.*))?",
            Pattern.DOTALL);

    /** Whether a suppression with a reason on the statement allows the rule. */
    public static boolean allowed(Statement s, String rule) {
        return of(s).stream().anyMatch(sup -> sup.allows(rule));
    }

    static List<Suppression> of(Statement s) {
        List<Suppression> found = new ArrayList<>();
        for (Token comment : s.comments()) {
            Matcher m = ALLOW.matcher(comment.commentBody());
            while (m.find()) {
                List<String> ids = m.group(1) == null ? List.of() : Arrays.stream(m.group(1).split(","))
                        .map(String::trim).toList();
                String reason = m.group(2) == null ? "" : m.group(2).strip();
                found.add(new Suppression(ids, reason, comment.line()));
            }
        }
        return found;
    }

    boolean hasReason() {
        return !reason.isBlank();
    }

    boolean allows(String rule) {
        return hasReason() && rules.contains(rule);
    }
}
