package dev.slipway.lint;

import java.util.Locale;

/**
 * PostgreSQL's table lock modes, weakest first. What each blocks: ACCESS EXCLUSIVE blocks every
 * read and write; SHARE and stronger block writes; SHARE UPDATE EXCLUSIVE blocks only other schema
 * changes and VACUUM.
 */
public enum LockMode {
    ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** As PostgreSQL's documentation writes it: {@code ACCESS EXCLUSIVE}. */
    public String display() {
        return name().replace('_', ' ');
    }

    /** Whether ordinary application traffic (reads, or inserts/updates/deletes) has to wait for it. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /**
     * @param pgLocksMode a mode as {@code pg_locks.mode} reports it, e.g. {@code AccessExclusiveLock}
     * @return the mode, or {@code null} for a mode that is not a table lock mode
     */
    public static LockMode fromPgLocks(String pgLocksMode) {
        String snake = pgLocksMode.replaceAll("Lock$", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        try {
            return valueOf(snake);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public LockMode max(LockMode other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }
}
