package dev.slipway.mask.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Suggests a rule for one column from its name, its type and a sample of its values, the way a reviewer would read
 * them: an email, phone, person's name, address, IP address, date of birth, secret or free text is masked, everything
 * else is kept. Keys stay keys: primary and foreign key columns are kept (masking one end alone breaks the join; the
 * planner refuses it), unique columns get a transformer whose output stays unique. Each suggestion says why, never
 * quoting a value. Pure.
 */
public final class ColumnClassifier {

    /** What is known of a column: {@code samples} are some of its non-empty values as text, never printed. */
    public record Facts(String table, String column, String baseType, char category, boolean array, boolean notNull,
                        int maxLength, boolean primaryKey, boolean foreignKey, boolean unique, boolean rowKeyed,
                        boolean checked, List<String> samples, Set<String> jsonKeys) {

        boolean textual() {
            return category == 'S' && !array;
        }

        boolean json() {
            return !array && (baseType.equals("json") || baseType.equals("jsonb"));
        }
    }

    /** A rule as written in the file ({@code keep}, {@code {transformer: email}}) and why it was chosen. */
    public record Suggestion(String rule, String why) {

        public boolean keeps() {
            return rule.equals("keep");
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-/]{5,}[0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+");

    private static final Map<String, Pattern> NAMES = Map.of(
            "email", Pattern.compile("(^|_)e?_?mail(_?addr(ess)?)?($|_)"),
            "phone", Pattern.compile("(^|_)(phone|mobile|cell|tel|telephone|fax|msisdn)($|_)"),
            "first_name", Pattern.compile("^(first|given|fore)_?name$"),
            "last_name", Pattern.compile("^(last|family|sur)_?name$|^surname$"),
            "name", Pattern.compile("^(full_?|display_?|contact_?|person_?|real_?|legal_?|user_?)?name$"),
            "address", Pattern.compile("(^|_)(address|addr|street|city|town|zip|zipcode|postcode|postal_?code)($|_)"),
            "ip", Pattern.compile("(^|_)(ip|ip_?addr(ess)?|remote_?addr|client_?ip)($|_)"),
            "birth", Pattern.compile("(^|_)(birth|dob|born)(_|$)|birth_?date|date_?of_?birth|birthday"),
            "secret", Pattern.compile("pass(word|wd)?(_hash|_digest)?$|^pwd|secret|token|api_?key|access_?key|"
                    + "private_?key|salt|otp|(^|_)hash$|ssn|social_?security|iban|card_?number|tax_?id"),
            "text", Pattern.compile("(^|_)(note|notes|comment|comments|description|bio|about|message|body|remark|"
                    + "remarks|memo|summary)($|_)"));

    /** Tables whose {@code name} column names a person rather than a thing. */
    private static final Pattern PERSON_TABLE = Pattern.compile("(customer|client|user|person|people|employee|member|"
            + "contact|author|patient|student|account|profile|staff|driver|owner|guest|subscriber)");

    private ColumnClassifier() {
    }

    /**
     * The rule for {@code f}. A column a CHECK constrains (its own, or its domain's) is kept when it looks personal:
     * no transformer is known to satisfy the check, so the comment asks for one (a masked copy would fail).
     */
    public static Suggestion suggest(Facts f) {
        Suggestion s = judge(f);
        return f.checked() && !s.keeps() ? keep("REVIEW: " + s.why() + ", but a CHECK constrains its values: "
                + "choose a transformer whose output satisfies it (" + s.rule() + " might not)") : s;
    }

    private static Suggestion judge(Facts f) {
        String name = f.column().toLowerCase(Locale.ROOT);
        if (f.primaryKey() || f.foreignKey()) {
            return keep(f.primaryKey() ? "primary key" : "foreign key: masking one end alone would break the join");
        }
        if (f.json()) {
            return json(f);
        }
        if (f.baseType().equals("inet") || f.baseType().equals("cidr")) {
            return f.notNull() ? constant("'192.0.2.1'", "holds IP addresses: each becomes 192.0.2.1 (a documentation "
                    + "address)") : new Suggestion("'null'", "holds IP addresses: left empty");
        }
        if (f.baseType().equals("date") || f.baseType().startsWith("timestamp")) {
            return matches("birth", name) && f.rowKeyed() && !f.unique()
                    ? new Suggestion("{transformer: date_shift, days: 30}", "name says date of birth: moved 1 to 30 days")
                    : keep("a date or time");
        }
        if (!f.textual()) {
            return keep("type " + f.baseType() + " holds no text");
        }
        return text(f, name);
    }

    private static Suggestion text(Facts f, String name) {
        String sampled = share(f.samples(), EMAIL.asMatchPredicate());
        if (matches("email", name) || majority(f.samples(), EMAIL.asMatchPredicate())) {
            return new Suggestion("{transformer: email}", why(matches("email", name), "email", sampled, "emails"));
        }
        if (matches("secret", name)) {
            return hash(f, "name says password, token, key or other secret");
        }
        if (matches("phone", name) || majority(f.samples(), PHONE.asMatchPredicate())) {
            return f.unique() ? hash(f, "a unique phone number") : new Suggestion("{transformer: phone}",
                    why(matches("phone", name), "phone", share(f.samples(), PHONE.asMatchPredicate()), "phone numbers"));
        }
        if (matches("ip", name) || majority(f.samples(), IP.asMatchPredicate())) {
            return hash(f, "name or values say IP address");
        }
        Suggestion person = personName(f, name);
        if (person != null) {
            return person;
        }
        if (matches("address", name)) {
            return hash(f, "name says address, city or postcode");
        }
        if (matches("text", name)) {
            return f.notNull() ? hash(f, "free text (notes, comments) may hold anything personal")
                    : new Suggestion("'null'", "free text (notes, comments) may hold anything personal: left empty");
        }
        return keep("nothing in its name or sampled values looks personal; review");
    }

    private static Suggestion personName(Facts f, String name) {
        for (String kind : List.of("first_name", "last_name", "name")) {
            boolean person = !kind.equals("name") || !name.equals("name")
                    || PERSON_TABLE.matcher(f.table().toLowerCase(Locale.ROOT)).find();
            if (matches(kind, name) && person) {
                return f.unique() || !f.rowKeyed() ? hash(f, "name says a person's name (unique, or no primary key "
                        + "to check it by row)") : new Suggestion(kind, "name says a person's " + kind.replace('_', ' '));
            }
        }
        return null;
    }

    private static Suggestion json(Facts f) {
        Map<String, String> paths = new TreeMap<>();
        for (String key : f.jsonKeys()) {
            String k = key.toLowerCase(Locale.ROOT);
            String t = matches("email", k) ? "email" : matches("phone", k) ? "phone" : matches("first_name", k)
                    ? "first_name" : matches("last_name", k) ? "last_name" : matches("name", k) ? "name"
                    : matches("address", k) || matches("secret", k) || matches("ip", k) || matches("text", k)
                    ? "hash" : matches("birth", k) ? "hash" : null;
            if (t != null && key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                paths.put(key, t);
            }
        }
        if (paths.isEmpty()) {
            return keep("sampled documents hold no key that looks personal; review");
        }
        StringBuilder rule = new StringBuilder("{transformer: json, paths: {");
        paths.forEach((k, t) -> rule.append(rule.charAt(rule.length() - 1) == '{' ? "" : ", ").append(k).append(": ")
                .append(t));
        return new Suggestion(rule.append("}}").toString(), "sampled documents hold keys that look personal: "
                + String.join(", ", paths.keySet()));
    }

    private static Suggestion hash(Facts f, String why) {
        int length = f.maxLength() > 0 ? Math.max(4, Math.min(f.unique() ? 24 : 16, f.maxLength())) : (f.unique() ? 24 : 16);
        return new Suggestion("{transformer: hash, length: " + length + "}", why);
    }

    private static Suggestion constant(String value, String why) {
        return new Suggestion("{transformer: constant, value: " + value + "}", why);
    }

    private static Suggestion keep(String why) {
        return new Suggestion("keep", why);
    }

    private static boolean matches(String kind, String name) {
        return NAMES.get(kind).matcher(name).find();
    }

    private static boolean majority(List<String> samples, Predicate<String> looks) {
        return !samples.isEmpty() && samples.stream().filter(looks).count() * 5 >= samples.size() * 4L;
    }

    private static String share(List<String> samples, Predicate<String> looks) {
        return samples.stream().filter(looks).count() + " of " + samples.size();
    }

    private static String why(boolean byName, String kind, String sampled, String what) {
        return (byName ? "name says " + kind + "; " : "") + sampled + " sampled values look like " + what;
    }
}
