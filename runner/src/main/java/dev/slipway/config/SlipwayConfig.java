package dev.slipway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The validated content of {@code slipway.yaml}. Relative locations are already resolved against
 * the file's directory.
 *
 * @param file         where it was read from, {@code null} for the built-in defaults
 * @param engine       {@code flyway} or {@code liquibase}, {@code null} when not configured
 * @param location     migrations directory or changelog, {@code null} when not configured
 * @param defaults     the settings every run starts from
 * @param state        where Slipway records runs, {@code null} for the target database
 * @param environments by name
 * @param lint         the linter's settings
 * @param serve        the {@code serve:} section, {@code null} when absent
 */
public record SlipwayConfig(Path file, String engine, Path location, MigrationSettings defaults, ConnectionRef state,
                            Map<String, EnvironmentConfig> environments, LintConfig lint,
                            ServeConfig serve) {

    public SlipwayConfig {
        environments = Map.copyOf(environments);
    }

    /** No file: built-in defaults only. */
    public static SlipwayConfig builtIn() {
        return new SlipwayConfig(null, null, null, MigrationSettings.DEFAULT, null, Map.of(), LintConfig.DEFAULT, null);
    }
}
