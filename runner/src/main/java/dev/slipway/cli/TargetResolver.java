package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.ConnectionRef;
import dev.slipway.config.Durations;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.MigrationSettings;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.migrate.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges flags, {@code SLIPWAY_*} environment variables, the chosen environment of
 * {@code slipway.yaml}, the file's defaults and the built-in defaults, in that order of precedence.
 * Pure apart from reading the config file.
 */
final class TargetResolver {

    static final String DEFAULT_PASSWORD_ENV = "SLIPWAY_PASSWORD";

    private final ConnectionFlags flags;
    private final SourceFlags source;
    private final TimeoutFlags timeouts;
    private final String baselineVersion;
    private final Map<String, String> env;
    private final SlipwayConfig config;
    private final EnvironmentConfig environment;

    /**
     * @param source          the command's --engine and --location; {@code null} when it has none
     * @param timeouts        the command's --lock-timeout and --statement-timeout; {@code null} when it has none
     * @param baselineVersion --baseline-version; {@code null} when not given (or the command has none)
     */
    TargetResolver(ConnectionFlags connection, SourceFlags source, TimeoutFlags timeouts, String baselineVersion,
                   Map<String, String> env) {
        this.flags = connection;
        this.source = source != null ? source : new SourceFlags();
        this.timeouts = timeouts != null ? timeouts : new TimeoutFlags();
        this.baselineVersion = baselineVersion;
        this.env = env;
        this.config = loadConfig(connection, env);
        this.environment = chooseEnvironment();
    }

    private static SlipwayConfig loadConfig(ConnectionFlags flags, Map<String, String> env) {
        String path = flags.config != null ? flags.config : env.get("SLIPWAY_CONFIG");
        if (path != null) {
            return ConfigLoader.load(Path.of(path));
        }
        Path local = Path.of("slipway.yaml");
        return Files.isRegularFile(local) ? ConfigLoader.load(local) : SlipwayConfig.builtIn();
    }

    private EnvironmentConfig chooseEnvironment() {
        String name = pick(flags.environment, "SLIPWAY_ENV");
        if (name == null) {
            return null;
        }
        EnvironmentConfig e = config.environments().get(name);
        if (e == null) {
            throw new SlipwayException(ErrorCode.USAGE, "environment '" + name + "' is not in "
                    + (config.file() == null ? "any config file (none was found)" : config.file())
                    + "; known environments: " + new java.util.TreeSet<>(config.environments().keySet()));
        }
        return e;
    }

    SlipwayConfig config() {
        return config;
    }

    ResolvedTarget resolve() {
        MigrationSettings settings = settings();
        return new ResolvedTarget(target(settings.connectTimeout()), engine(), location(), settings, state(settings));
    }

    /** The chosen environment of slipway.yaml, {@code null} when none was chosen. */
    EnvironmentConfig environment() {
        return environment;
    }

    /** Like {@link #resolve()}, with engine and location {@code null} when neither flags nor config give them. */
    ResolvedTarget resolveWithoutMigrations() {
        MigrationSettings settings = settings();
        boolean known = pick(source.engine, "SLIPWAY_ENGINE", config.engine()) != null
                && (pick(source.location, "SLIPWAY_LOCATION", null) != null || config.location() != null);
        return new ResolvedTarget(target(settings.connectTimeout()), known ? engine() : null, known ? location() : null,
                settings, state(settings));
    }

    private ConnectionSpec target(Duration connectTimeout) {
        ConnectionRef fromEnv = environment == null ? null : environment.connection();
        String url = pick(flags.url, "SLIPWAY_URL", fromEnv == null ? null : fromEnv.url());
        if (url == null) {
            throw new SlipwayException(ErrorCode.USAGE, "no database given: pass --url JDBC_URL, set SLIPWAY_URL, "
                    + "or choose an environment of slipway.yaml with --env");
        }
        String user = pick(flags.user, "SLIPWAY_USER", fromEnv == null ? null : fromEnv.user());
        String passwordEnv = flags.passwordEnv != null ? flags.passwordEnv
                : fromEnv != null && fromEnv.passwordEnv() != null ? fromEnv.passwordEnv() : null;
        return new ConnectionSpec(url, user, password(passwordEnv), connectTimeout);
    }

    private String password(String explicitVar) {
        if (explicitVar == null) {
            return env.get(DEFAULT_PASSWORD_ENV);
        }
        String value = env.get(explicitVar);
        if (value == null) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "the password's environment variable " + explicitVar
                    + " is not set; export it, or name another with --password-env");
        }
        return value;
    }

    private ConnectionSpec state(MigrationSettings settings) {
        ConnectionRef s = config.state();
        if (s == null) {
            return null;
        }
        String pw = s.passwordEnv() == null ? null : env.get(s.passwordEnv());
        if (s.passwordEnv() != null && pw == null) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "the state database's password variable "
                    + s.passwordEnv() + " (state.passwordEnv in " + config.file() + ") is not set");
        }
        return new ConnectionSpec(s.url(), s.user(), pw, settings.connectTimeout());
    }

    EngineKind engine() {
        String text = pick(source.engine, "SLIPWAY_ENGINE", config.engine());
        if (text == null) {
            throw new SlipwayException(ErrorCode.USAGE, "no migration engine given: pass --engine flyway or "
                    + "--engine liquibase, set SLIPWAY_ENGINE, or set migrations.engine in slipway.yaml");
        }
        return EngineKind.parse(text);
    }

    Path location() {
        String text = pick(source.location, "SLIPWAY_LOCATION", null);
        if (text != null) {
            return Path.of(text);
        }
        if (config.location() == null) {
            throw new SlipwayException(ErrorCode.USAGE, "no migration location given: pass --location, set "
                    + "SLIPWAY_LOCATION, or set migrations.location in slipway.yaml");
        }
        return config.location();
    }

    MigrationSettings settings() {
        MigrationSettings s = environment != null ? environment.settings() : config.defaults();
        s = override(s, timeouts.lockTimeout, "--lock-timeout", "SLIPWAY_LOCK_TIMEOUT", s::withLockTimeout);
        s = override(s, timeouts.statementTimeout, "--statement-timeout", "SLIPWAY_STATEMENT_TIMEOUT", s::withStatementTimeout);
        s = override(s, flags.connectTimeout, "--connect-timeout", "SLIPWAY_CONNECT_TIMEOUT", s::withConnectTimeout);
        return baselineVersion == null ? s : baseline(s, baselineVersion);
    }

    private static MigrationSettings baseline(MigrationSettings s, String version) {
        try {
            return s.withBaselineVersion(version);
        } catch (IllegalArgumentException e) {
            throw new SlipwayException(ErrorCode.USAGE, "--baseline-version: " + e.getMessage());
        }
    }

    private MigrationSettings override(MigrationSettings s, String flag, String flagName, String var,
                                       Function<Duration, MigrationSettings> with) {
        String text = flag != null ? flag : env.get(var);
        if (text == null) {
            return s;
        }
        Duration d = Durations.parse(text, flag != null ? flagName : var);
        if (d.isZero()) {
            throw new SlipwayException(ErrorCode.USAGE, (flag != null ? flagName : var)
                    + " must be greater than zero: Slipway never runs a migration without a timeout");
        }
        return with.apply(d);
    }

    private String pick(String flag, String var) {
        return pick(flag, var, null);
    }

    private String pick(String flag, String var, String fromConfig) {
        if (flag != null) {
            return flag;
        }
        String v = env.get(var);
        return v != null && !v.isBlank() ? v : fromConfig;
    }
}
