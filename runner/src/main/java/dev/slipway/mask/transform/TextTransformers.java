package dev.slipway.mask.transform;

import dev.slipway.mask.catalog.SourceCatalog.Column;
import java.util.List;
import java.util.regex.Pattern;

/** The transformers of text columns: {@code hash}, {@code email}, the names, {@code phone}, {@code regex_replace}. */
public final class TextTransformers {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int EMAIL_LOCAL = 12;

    private TextTransformers() {
    }

    static Transformer create(ColumnRule rule, Column c, Keyring.Key key) {
        int max = c.maxLength();
        return switch (rule.transformer()) {
            case "hash" -> hash(Integer.parseInt(rule.options().getOrDefault("length", "16")), max, key);
            case "email" -> email(rule.options().getOrDefault("email_domain", "example.com"), max, key);
            case "name" -> (v, r) -> {
                byte[] d = key.digest(v);
                return Transformers.fit(pick(WordLists.FIRST, v, d, 0) + " " + pick(WordLists.LAST, v, d, 1), max);
            };
            case "first_name" -> (v, r) -> Transformers.fit(pick(WordLists.FIRST, v, key, 0), max);
            case "last_name" -> (v, r) -> Transformers.fit(pick(WordLists.LAST, v, key, 1), max);
            case "phone" -> phone(Integer.parseInt(rule.options().getOrDefault("keep_prefix", "0")), key);
            case "regex_replace" -> regex(rule, max);
            default -> throw new IllegalStateException("not a text transformer: " + rule.transformer());
        };
    }

    private static Transformer hash(int length, int max, Keyring.Key key) {
        int n = max > 0 ? Math.min(length, max) : length;
        return (v, r) -> base32(key.digest(v), n);
    }

    private static Transformer email(String domain, int max, Keyring.Key key) {
        int local = max > 0 ? Math.min(EMAIL_LOCAL, max - 1 - domain.length()) : EMAIL_LOCAL;
        if (local < 6) {
            throw new IllegalArgumentException("the column holds at most " + max + " characters, too few for a masked "
                    + "email at " + domain + "; give a shorter email_domain or use hash");
        }
        String at = "@" + domain;
        return (v, r) -> base32(key.digest(v), local) + at;
    }

    /**
     * A word from {@code words} picked by the value's digest; {@code salt} makes first and last names
     * independent. Never the input itself, so a real name is never kept by chance.
     */
    static String pick(List<String> words, String value, Keyring.Key key, int salt) {
        return pick(words, value, key.digest(value), salt);
    }

    /** {@link #pick(List, String, Keyring.Key, int)} with the value's digest {@code d} already computed. */
    private static String pick(List<String> words, String value, byte[] d, int salt) {
        int i = (((d[salt * 2] & 0xff) << 8) | (d[salt * 2 + 1] & 0xff)) % words.size();
        String word = words.get(i);
        return value.trim().equalsIgnoreCase(word) ? words.get((i + 1) % words.size()) : word;
    }

    /** Every digit replaced (after the first {@code keepPrefix}), everything else kept: same length and format. */
    private static Transformer phone(int keepPrefix, Keyring.Key key) {
        return (v, r) -> {
            byte[] d = key.digest(v);
            char[] out = v.toCharArray();
            int digit = 0;
            int last = -1;
            for (int i = 0; i < out.length; i++) {
                if (out[i] >= '0' && out[i] <= '9') {
                    if (digit >= keepPrefix) {
                        out[i] = (char) ('0' + ((d[digit % d.length] & 0xff) + digit / d.length) % 10);
                        last = i;
                    }
                    digit++;
                }
            }
            String masked = new String(out);
            if (masked.equals(v) && last >= 0) {
                out[last] = (char) ('0' + (out[last] - '0' + 1) % 10);
                masked = new String(out);
            }
            return masked;
        };
    }

    private static Transformer regex(ColumnRule rule, int max) {
        Pattern p = Pattern.compile(rule.options().get("pattern"));
        String replacement = rule.options().get("replacement");
        return (v, r) -> Transformers.fit(p.matcher(v).replaceAll(replacement), max);
    }

    /** The first {@code n} base-32 characters (a-z, 2-7) of {@code bytes}. */
    static String base32(byte[] bytes, int n) {
        char[] out = new char[n];
        int buffer = 0;
        int bits = 0;
        int j = 0;
        for (int i = 0; j < n; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[i++ % bytes.length] & 0xff);
                bits += 8;
            }
            out[j++] = BASE32[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
        return new String(out);
    }
}
