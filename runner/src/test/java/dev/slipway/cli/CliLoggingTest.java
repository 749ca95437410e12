package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class CliLoggingTest {

    @Test
    void warningsAndErrorsGoToStderrAndSlipwaysOwnLevelFollowsTheEnvironment() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new CliLogging().configure(context, false, "debug");

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("dev.slipway.mask").getEffectiveLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.flywaydb.core.internal.command.DbMigrate").getEffectiveLevel())
                .as("Slipway reports failed migrations itself").isEqualTo(Level.OFF);
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void aLevelThatIsNoneLeavesWarnAndAGivenFileTakesPrecedence() {
        LoggerContext context = new LoggerContext();

        new CliLogging().configure(context, false, "loud");
        assertThat(context.getLogger("dev.slipway").getLevel()).isEqualTo(Level.WARN);

        LoggerContext other = new LoggerContext();
        assertThat(new CliLogging().configure(other, true, "debug")).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(other.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
