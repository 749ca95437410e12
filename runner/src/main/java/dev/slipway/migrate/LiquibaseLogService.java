package dev.slipway.migrate;

import java.util.logging.Level;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Sends Liquibase's log, and with {@link liquibase.ui.LoggerUIService} its console messages, to SLF4J
 * under Liquibase's own class names, so that nothing of it reaches stdout. Liquibase's errors come
 * out as warnings, with their stack trace only at DEBUG: a failed changeset is reported by Slipway
 * itself, and a lock timeout that a retry then gets past is not an error of the run. Thread-safe.
 */
final class LiquibaseLogService extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public liquibase.logging.Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    /** One Liquibase logger backed by one SLF4J logger. */
    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            int value = level == null ? Level.INFO.intValue() : level.intValue();
            if (value == Level.OFF.intValue()) {
                return;
            }
            if (value >= Level.WARNING.intValue()) {
                log.warn(message, log.isDebugEnabled() ? e : null);
            } else if (value >= Level.INFO.intValue()) {
                log.info(message, e);
            } else if (value >= Level.FINE.intValue()) {
                log.debug(message, e);
            } else {
                log.trace(message, e);
            }
        }
    }
}
