package dev.slipway.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The command line's logging, set up in code (logback finds it as a service): warnings and errors on stderr,
 * since a command prints its own report on stdout; {@code SLIPWAY_LOG_LEVEL} sets Slipway's own level. In code
 * because reading the same from {@code logback.xml} loads an XML parser and logback's configuration model, some
 * 400 classes more that every short command loaded. A file of the operator's ({@code -Dlogback.configurationFile})
 * or the tests' {@code logback-test.xml} still takes precedence.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {

    /** Levels of other libraries: their chatter is not the user's concern. */
    private static final Map<String, Level> LIBRARIES = Map.of(
            "io.zonky", Level.ERROR,
            "org.flywaydb", Level.WARN,
            // Slipway reports a failed migration itself, with file, line and what to do
            "org.flywaydb.core.internal.command.DbMigrate", Level.OFF,
            "liquibase", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean fileGiven = System.getProperty("logback.configurationFile") != null
                || CliLogging.class.getClassLoader().getResource("logback-test.xml") != null;
        return configure(context, fileGiven, System.getenv("SLIPWAY_LOG_LEVEL"));
    }

    /** Configures {@code context} unless a logback file is given; {@code slipwayLevel} may be null or not a level. */
    ExecutionStatus configure(LoggerContext context, boolean fileGiven, String slipwayLevel) {
        if (fileGiven) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("dev.slipway").setLevel(Level.toLevel(slipwayLevel, Level.WARN));
        LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
