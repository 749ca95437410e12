package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Locale;

/** The migration tools Slipway drives. */
public enum EngineKind {
    FLYWAY,
    LIQUIBASE;

    /** Parses {@code flyway} or {@code liquibase}, in any case. */
    public static EngineKind parse(String text) {
        if (text != null) {
            for (EngineKind k : values()) {
                if (k.name().equalsIgnoreCase(text.trim())) {
                    return k;
                }
            }
        }
        throw new SlipwayException(ErrorCode.ENGINE_UNKNOWN, "engine '" + text
                + "' is unknown; use --engine flyway (SQL files V<n>__<name>.sql) or --engine liquibase (a changelog)");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
