package dev.slipway.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/** Switches logging to JSON lines on stdout ({@code logback-serve.xml}), as a long-running service logs. */
final class JsonLogs {

    private JsonLogs() {
    }

    static void enable() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(JsonLogs.class.getResource("/logback-serve.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure JSON logging: " + e.getMessage(), e);
        }
    }
}
