package dev.slipway.mask.rules;

import dev.slipway.CloseMatches;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskRules.Mode;
import dev.slipway.mask.rules.MaskRules.TableRule;
import dev.slipway.mask.transform.ColumnRule;
import dev.slipway.mask.transform.Transformers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a masking rules file and validates it on its own (keys, transformers, options, domains).
 * Whether the tables and columns exist is checked later, against the source ({@link MaskPlanner}).
 * Every problem is reported at once, each with the key and its line.
 */
public final class RulesLoader {

    private static final Set<String> TOP = Set.of("domains", "tables");
    private static final Set<String> TABLE = Set.of("keep_all", "truncate", "columns");
    private static final Set<String> COLUMN = Set.of("transformer", "domain");

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> domains = new LinkedHashSet<>();

    private RulesLoader(Path file) {
        this.file = file;
    }

    /** @throws SlipwayException {@link ErrorCode#MASK_RULES_INVALID} listing every problem with its line */
    public static MaskRules load(Path file) {
        byte[] bytes = read(file);
        YamlNode root;
        try {
            root = YamlNode.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, file + " is not valid YAML: "
                    + e.getMessage().replaceAll("\\s+", " "), e);
        }
        return new RulesLoader(file).rules(root, sha256(bytes));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "masking rules file " + file
                    + " does not exist; pass --rules with the path of your masking.yaml");
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "cannot read masking rules file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private MaskRules rules(YamlNode root, String sha) {
        if (root == null || !root.isMap()) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, file + ": expected a map with 'tables:' (and "
                    + "optionally 'domains:'); see the README's masking section");
        }
        unknownKeys(root, TOP, "");
        readDomains(root.fields().get("domains"));
        Map<TableName, TableRule> tables = new LinkedHashMap<>();
        YamlNode t = root.fields().get("tables");
        if (t == null || !t.isMap()) {
            problem(t == null ? root.line() : t.line(), "tables", "expected a map of schema.table to its rule");
        } else {
            t.fields().forEach((key, node) -> table(key, node, tables));
        }
        if (!problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, file + " has " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", problems));
        }
        return new MaskRules(file, sha, domains, tables);
    }

    private void readDomains(YamlNode node) {
        if (node == null) {
            return;
        }
        if (node.kind() == YamlNode.Kind.LIST) {
            node.items().forEach(i -> domain(i.text(), i.line()));
        } else if (node.isMap()) {
            node.fields().forEach((name, v) -> domain(name, v.line()));
        } else {
            problem(node.line(), "domains", "expected a list of domain names (or a map of name to description)");
        }
    }

    private void domain(String name, int line) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,62}")) {
            problem(line, "domains", "'" + name + "' is not a domain name: letters, digits, _ . -");
        } else {
            domains.add(name);
        }
    }

    private void table(String key, YamlNode node, Map<TableName, TableRule> tables) {
        String where = "tables." + key;
        TableName name;
        try {
            name = TableName.parse(key);
        } catch (IllegalArgumentException e) {
            problem(node.line(), where, e.getMessage());
            return;
        }
        if (!node.isMap()) {
            problem(node.line(), where, "expected 'keep_all: true', 'truncate: true' or 'columns:'");
            return;
        }
        unknownKeys(node, TABLE, where + ".");
        Mode mode = mode(node, where);
        Map<String, ColumnRule> columns = new LinkedHashMap<>();
        YamlNode cols = node.fields().get("columns");
        if (mode == Mode.COLUMNS && cols != null && cols.isMap()) {
            cols.fields().forEach((col, rule) -> {
                ColumnRule r = column(col, rule, where + ".columns." + col, true);
                if (r != null) {
                    columns.put(col, r);
                }
            });
        } else if (mode == Mode.COLUMNS && cols != null) {
            problem(cols.line(), where + ".columns", "expected a map of column name to transformer");
        }
        if (tables.put(name, new TableRule(name, mode, columns, node.line())) != null) {
            problem(node.line(), where, "the table " + name + " has a rule already (spelled differently)");
        }
    }

    private Mode mode(YamlNode node, String where) {
        boolean keepAll = flag(node, "keep_all", where);
        boolean truncate = flag(node, "truncate", where);
        boolean columns = node.fields().containsKey("columns");
        if ((keepAll ? 1 : 0) + (truncate ? 1 : 0) + (columns ? 1 : 0) != 1) {
            problem(node.line(), where, "give exactly one of 'keep_all: true', 'truncate: true' or 'columns:'");
        }
        return keepAll ? Mode.KEEP_ALL : truncate ? Mode.TRUNCATE : Mode.COLUMNS;
    }

    private boolean flag(YamlNode table, String key, String where) {
        YamlNode v = table.fields().get(key);
        if (v == null) {
            return false;
        }
        if (!v.isScalar() || !("true".equals(v.text()) || "false".equals(v.text()))) {
            problem(v.line(), where + "." + key, "expected true or false");
            return false;
        }
        return Boolean.parseBoolean(v.text());
    }

    /** A column rule: {@code email} or {@code {transformer: email, domain: d, ...options}}. */
    private ColumnRule column(String column, YamlNode node, String where, boolean allowJson) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, ColumnRule> paths = new LinkedHashMap<>();
        String transformer;
        String domain = null;
        if (node.isScalar()) {
            transformer = node.text();
        } else if (node.isMap()) {
            YamlNode t = node.fields().get("transformer");
            transformer = t == null ? null : t.text();
            YamlNode d = node.fields().get("domain");
            domain = d == null ? null : d.text();
            if (!options(node, transformer, where, options, paths, allowJson)) {
                return null;
            }
        } else {
            problem(node.line(), where, "expected a transformer name or a map with 'transformer:'");
            return null;
        }
        if (!known(transformer, node.line(), where)) {
            return null;
        }
        if (domain != null && !domains.contains(domain)) {
            problem(node.line(), where + ".domain", "domain '" + domain + "' is not declared under 'domains:'"
                    + CloseMatches.hint(domain, domains));
        }
        return Transformers.checkOptions(transformer, options, paths, msg -> problem(node.line(), where, msg))
                ? new ColumnRule(column, transformer, domain, options, paths, node.line()) : null;
    }

    private boolean options(YamlNode node, String transformer, String where, Map<String, String> options,
                            Map<String, ColumnRule> paths, boolean allowJson) {
        for (Map.Entry<String, YamlNode> e : node.fields().entrySet()) {
            String key = e.getKey();
            YamlNode v = e.getValue();
            if (COLUMN.contains(key)) {
                continue;
            }
            if ("paths".equals(key) && "json".equals(transformer) && allowJson && v.isMap()) {
                v.fields().forEach((path, rule) -> {
                    ColumnRule r = column(path, rule, where + ".paths." + path, false);
                    if (r != null) {
                        paths.put(path, r);
                    }
                });
            } else if (!Transformers.OPTIONS.getOrDefault(transformer, Set.of()).contains(key)) {
                Set<String> allowed = new TreeSet<>(Transformers.OPTIONS.getOrDefault(transformer, Set.of()));
                allowed.addAll(COLUMN);
                problem(v.line(), where + "." + key, "unknown key for transformer '" + transformer + "'; allowed: "
                        + String.join(", ", allowed) + CloseMatches.hint(key, allowed));
            } else if (!v.isScalar()) {
                problem(v.line(), where + "." + key, "expected a single value");
            } else {
                options.put(key, v.text() == null ? "" : v.text());
            }
        }
        return true;
    }

    private boolean known(String transformer, int line, String where) {
        if (transformer == null) {
            problem(line, where, "no transformer; write e.g. 'email' or '{transformer: hash, length: 12}', or 'keep'");
            return false;
        }
        if (!Transformers.OPTIONS.containsKey(transformer)) {
            problem(line, where, "unknown transformer '" + transformer + "'"
                    + CloseMatches.hint(transformer, Transformers.OPTIONS.keySet()) + " (known: "
                    + String.join(", ", new TreeSet<>(Transformers.OPTIONS.keySet())) + ")");
            return false;
        }
        return true;
    }

    private void unknownKeys(YamlNode node, Set<String> allowed, String prefix) {
        for (Map.Entry<String, YamlNode> e : node.fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                problem(e.getValue().line(), prefix + e.getKey(), "unknown key; allowed here: "
                        + String.join(", ", new TreeSet<>(allowed)) + CloseMatches.hint(e.getKey(), allowed));
            }
        }
    }

    private void problem(int line, String key, String message) {
        problems.add("line " + line + ": " + key + ": " + message);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
