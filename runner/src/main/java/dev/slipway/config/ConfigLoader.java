package dev.slipway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and validates {@code slipway.yaml} once. Every error names the file, the key and what is
 * expected, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConfigLoader() {
    }

    /**
     * @throws SlipwayException {@link ErrorCode#CONFIG_INVALID} naming the file and the key
     */
    public static SlipwayConfig load(Path file) {
        ConfigFile raw = parse(file);
        if (raw == null) {
            return new SlipwayConfig(file, null, null, MigrationSettings.DEFAULT, null, Map.of(), LintConfig.DEFAULT, null);
        }
        return new Validator(file).validate(raw);
    }

    /**
     * The {@code kubernetes} provider's settings with every default, for {@code goldenNamespace}: what a config with
     * only {@code serve.previews.kubernetes.goldenNamespace} gives.
     */
    public static ServeConfig.Kubernetes kubernetesDefaults(String goldenNamespace) {
        return new KubeValidator(new Validator(Path.of("(defaults)"))).validate(new ConfigFile.Kubernetes(goldenNamespace,
                null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    private static ConfigFile parse(Path file) {
        String text = null;
        try {
            text = Files.readString(file);
            return text.isBlank() ? null : YAML.readValue(text, ConfigFile.class);
        } catch (NoSuchFileException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "config file " + file
                    + " does not exist; pass --config with the path of slipway.yaml, or leave it out");
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(file, text, e);
        } catch (JsonMappingException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": key '" + path(e) + "' " + at(e.getLocation())
                    + "has the wrong type: " + e.getOriginalMessage().replaceAll(" \\(for .*|\\n.*", "")
                    + "; see docs/configuration.md", e);
        } catch (JsonProcessingException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, file + " is not valid YAML " + at(e.getLocation())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SlipwayException unknownKey(Path file, String text, UnrecognizedPropertyException e) {
        String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", "));
        return new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": unknown key '" + path(e) + "'"
                + lineOf(text, e.getPropertyName()) + "; the keys allowed there are: " + known, e);
    }

    /** The line where {@code key} first appears as a key: the parser reports where it stopped, not where the key is. */
    private static String lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].matches("(.*[\\s{,-])?\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:.*")) {
                return " (line " + (i + 1) + ")";
            }
        }
        return "";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : "(line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ") ";
    }

    /** Turns the raw file into validated settings, naming the key of any bad value. */
    static final class Validator {
        private final Path file;

        Validator(Path file) {
            this.file = file;
        }

        SlipwayConfig validate(ConfigFile raw) {
            ConfigFile.Migrations m = raw.migrations();
            String engine = m == null ? null : engine(m.engine());
            Path location = m == null || m.location() == null ? null : resolve(m.location());
            MigrationSettings defaults = settings(MigrationSettings.DEFAULT, raw.defaults(), "defaults");
            ConnectionRef state = raw.state() == null ? null : connection("state", raw.state().url(),
                    raw.state().user(), raw.state().passwordEnv());
            ServeConfig serve = raw.serve() == null ? null : new ServeValidator(this).validate(raw.serve());
            if (serve != null && serve.previews().server() == null && state == null) {
                throw invalid("state", "serve keeps its state in PostgreSQL: with provider kubernetes and no "
                        + "serve.previews.server, add a state: section (url, user, passwordEnv)");
            }
            return new SlipwayConfig(file, engine, location, defaults, state, environments(raw, defaults), lint(raw.lint()),
                    serve);
        }

        private LintConfig lint(ConfigFile.Lint l) {
            if (l == null) {
                return LintConfig.DEFAULT;
            }
            LintConfig d = LintConfig.DEFAULT;
            Map<String, String> severities = new LinkedHashMap<>();
            if (l.rules() != null) {
                l.rules().forEach((rule, level) -> severities.put(rule, severity(level, "lint.rules." + rule)));
            }
            ConfigFile.LintTrace t = l.trace();
            return new LintConfig(severities, size(l.maxFileSize(), d.maxFileBytes(), "lint.maxFileSize"),
                    size(t == null ? null : t.largeTable(), d.largeTableBytes(), "lint.trace.largeTable"),
                    duration(t == null ? null : t.maxAccessExclusive(), d.maxAccessExclusive(), "lint.trace.maxAccessExclusive"),
                    size(t == null ? null : t.rewriteTable(), d.rewriteTableBytes(), "lint.trace.rewriteTable"),
                    l.masking() == null ? null : resolve(nonBlank(l.masking(), "lint.masking")),
                    planCostRatio(t == null ? null : t.planCostRatio()),
                    l.queries() == null ? null : resolve(nonBlank(l.queries(), "lint.queries")));
        }

        private double planCostRatio(Double ratio) {
            if (ratio == null) {
                return LintConfig.DEFAULT.planCostRatio();
            }
            if (!(ratio >= 1)) {
                throw invalid("lint.trace.planCostRatio", "expected a ratio of at least 1 (2 reports a key query whose "
                        + "plan costs more than twice as much after the migrations), found " + ratio);
            }
            return ratio;
        }

        String nonBlank(String text, String key) {
            if (text.isBlank()) {
                throw invalid(key, "expected the path of a file, found nothing; remove the key to leave it unset");
            }
            return text.strip();
        }

        private String severity(String level, String key) {
            String l = level == null ? "" : level.trim().toLowerCase(java.util.Locale.ROOT);
            if (!LintConfig.LEVELS.contains(l)) {
                throw invalid(key, "expected one of " + String.join(", ", LintConfig.LEVELS) + ", found '" + level + "'");
            }
            return l;
        }

        long size(String text, long fallback, String key) {
            if (text == null) {
                return fallback;
            }
            try {
                return Sizes.parse(text, key);
            } catch (SlipwayException e) {
                throw new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": " + e.getMessage());
            }
        }

        private Map<String, EnvironmentConfig> environments(ConfigFile raw, MigrationSettings defaults) {
            Map<String, EnvironmentConfig> envs = new LinkedHashMap<>();
            if (raw.environments() != null) {
                raw.environments().forEach((name, e) -> envs.put(name, environment(name, e, defaults)));
            }
            return envs;
        }

        private EnvironmentConfig environment(String name, ConfigFile.Environment e, MigrationSettings defaults) {
            String key = "environments." + name;
            if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw invalid(key, "an environment name is lower case letters, digits and dashes");
            }
            if (e == null) {
                throw invalid(key, "an environment needs at least a url");
            }
            return new EnvironmentConfig(name, connection(key, e.url(), e.user(), e.passwordEnv()),
                    settings(defaults, e.settings(), key), e.gate() == null ? null
                            : new GateValidator(this, key + ".gate").validate(e.gate()), replicas(key, e.replicas()),
                    backfill(key, e.backfill()));
        }

        private List<EnvironmentConfig.Replica> replicas(String key, List<ConfigFile.Replica> raw) {
            List<EnvironmentConfig.Replica> replicas = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; raw != null && i < raw.size(); i++) {
                ConfigFile.Replica r = raw.get(i);
                String at = key + ".replicas[" + i + "]";
                if (r == null || r.name() == null || !r.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                    throw invalid(at + ".name", "each replica needs a name (letters, digits, dots, dashes), shown when "
                            + "its lag pauses a backfill or refuses a gate");
                }
                if (!names.add(r.name())) {
                    throw invalid(at + ".name", "replica '" + r.name() + "' is named twice");
                }
                replicas.add(new EnvironmentConfig.Replica(r.name(), connection(at, r.url(), r.user(), r.passwordEnv())));
            }
            return replicas;
        }

        /** The backfill defaults as a marker line writes them; checked by the backfill's own parser when used. */
        private String backfill(String key, Map<String, String> raw) {
            if (raw == null) {
                return "";
            }
            StringBuilder line = new StringBuilder();
            raw.forEach((k, v) -> {
                if (v == null || v.isBlank() || v.contains(" ") || k.contains("=")) {
                    throw invalid(key + ".backfill." + k, "expected one value, e.g. batch-time: 200ms");
                }
                line.append(line.isEmpty() ? "" : " ").append(k).append('=').append(v);
            });
            return line.toString();
        }

        ConnectionRef connection(String key, String url, String user, String passwordEnv) {
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw invalid(key + ".url", "expected a PostgreSQL JDBC URL: jdbc:postgresql://HOST[:PORT]/DATABASE");
            }
            if (url.matches("(?i).*[?&;]password=.*")) {
                throw invalid(key + ".url", "a password does not belong in the config file: put it in an environment "
                        + "variable and name that variable in " + key + ".passwordEnv");
            }
            if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invalid(key + ".passwordEnv", "expected the name of an environment variable, e.g. PROD_DB_PASSWORD");
            }
            return new ConnectionRef(url, user, passwordEnv);
        }

        private MigrationSettings settings(MigrationSettings base, ConfigFile.Settings s, String key) {
            if (s == null) {
                return base;
            }
            try {
                return new MigrationSettings(
                        duration(s.lockTimeout(), base.lockTimeout(), key + ".lockTimeout"),
                        duration(s.statementTimeout(), base.statementTimeout(), key + ".statementTimeout"),
                        duration(s.connectTimeout(), base.connectTimeout(), key + ".connectTimeout"),
                        duration(s.writerLockWait(), base.writerLockWait(), key + ".writerLockWait"),
                        retry(base.retry(), s.retry(), key + ".retry"),
                        s.outOfOrder() == null ? base.outOfOrder() : s.outOfOrder(),
                        s.baselineVersion() == null ? base.baselineVersion() : s.baselineVersion());
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        private RetryPolicy retry(RetryPolicy base, ConfigFile.Retry r, String key) {
            if (r == null) {
                return base;
            }
            try {
                return new RetryPolicy(
                        r.maxAttempts() == null ? base.maxAttempts() : r.maxAttempts(),
                        duration(r.initialDelay(), base.initialDelay(), key + ".initialDelay"),
                        r.multiplier() == null ? base.multiplier() : r.multiplier(),
                        duration(r.maxDelay(), base.maxDelay(), key + ".maxDelay"),
                        duration(r.maxTotal(), base.maxTotal(), key + ".maxTotal"),
                        r.jitter() == null ? base.jitter() : r.jitter());
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        java.time.Duration duration(String text, java.time.Duration fallback, String key) {
            if (text == null) {
                return fallback;
            }
            try {
                return Durations.parse(text, key);
            } catch (SlipwayException e) {
                throw new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": " + e.getMessage());
            }
        }

        private String engine(String text) {
            if (text == null) {
                return null;
            }
            if (!text.equals("flyway") && !text.equals("liquibase")) {
                throw invalid("migrations.engine", "expected flyway or liquibase, found '" + text + "'");
            }
            return text;
        }

        Path resolve(String location) {
            Path p = Path.of(location);
            Path base = file.toAbsolutePath().getParent();
            return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
        }

        SlipwayException invalid(String key, String why) {
            return new SlipwayException(ErrorCode.CONFIG_INVALID, file + ": key '" + key + "': " + why);
        }
    }
}
