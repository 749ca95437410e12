package dev.slipway.mask.rules;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.transform.ColumnRule;
import dev.slipway.mask.transform.Transformers;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A masking rules file, loaded and validated once by {@link RulesLoader}: which tables are copied how,
 * and which transformer masks each column. Immutable.
 *
 * @param file    where the rules came from, for messages
 * @param sha256  hex SHA-256 of the file's bytes: recorded in the golden's mark
 * @param domains the declared domains: columns in one domain mask the same input to the same output
 * @param tables  the rule of each table, in file order
 */
public record MaskRules(Path file, String sha256, Set<String> domains, Map<TableName, TableRule> tables) {

    public MaskRules {
        domains = Set.copyOf(domains);
        tables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tables));
    }

    /** How a table is copied. */
    public enum Mode {
        /** every column copied as it is ({@code keep_all: true}) */
        KEEP_ALL,
        /** the table is created, no row is copied ({@code truncate: true}) */
        TRUNCATE,
        /** each column has its own rule ({@code columns:}) */
        COLUMNS
    }

    /** The rule of one table; {@code columns} is empty unless the mode is {@link Mode#COLUMNS}. */
    public record TableRule(TableName table, Mode mode, Map<String, ColumnRule> columns, int line) {
        public TableRule {
            columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
        }
    }
}
