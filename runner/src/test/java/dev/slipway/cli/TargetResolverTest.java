package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetResolverTest {

    @TempDir
    Path dir;

    /** A command's flags: where the database is, the migrations, the timeouts. */
    private static final class Flags {
        final ConnectionFlags connection = new ConnectionFlags();
        final SourceFlags source = new SourceFlags();
        final TimeoutFlags timeouts = new TimeoutFlags();

        TargetResolver resolver(Map<String, String> env) {
            return new TargetResolver(connection, source, timeouts, null, env);
        }
    }

    private Flags flags() {
        Flags f = new Flags();
        f.connection.config = dir.resolve("slipway.yaml").toString();
        return f;
    }

    private void config(String yaml) throws IOException {
        Files.writeString(dir.resolve("slipway.yaml"), yaml);
    }

    @Test
    void flagBeatsEnvironmentVariableBeatsFile() throws IOException {
        config("migrations: { engine: flyway, location: m }\ndefaults: { lockTimeout: 5s }\n");
        Flags f = flags();
        f.connection.url = "jdbc:postgresql://flag/db";
        f.timeouts.lockTimeout = "1s";

        ResolvedTarget t = f.resolver(Map.of("SLIPWAY_URL", "jdbc:postgresql://env/db",
                "SLIPWAY_LOCK_TIMEOUT", "3s", "SLIPWAY_STATEMENT_TIMEOUT", "1m")).resolve();

        assertThat(t.target().url()).isEqualTo("jdbc:postgresql://flag/db");
        assertThat(t.settings().lockTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.settings().statementTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.engine()).isEqualTo(EngineKind.FLYWAY);
        assertThat(t.location()).isEqualTo(dir.resolve("m"));
    }

    @Test
    void environmentSectionGivesConnectionAndSettings() throws IOException {
        config("""
                migrations: { engine: flyway, location: m }
                environments:
                  staging: { url: "jdbc:postgresql://stg/app", user: app, passwordEnv: STG_PW, lockTimeout: 4s }
                """);
        Flags f = flags();
        f.connection.environment = "staging";

        ResolvedTarget t = f.resolver(Map.of("STG_PW", "s3cret")).resolve();

        assertThat(t.target().url()).isEqualTo("jdbc:postgresql://stg/app");
        assertThat(t.target().password()).isEqualTo("s3cret");
        assertThat(t.settings().lockTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(t.target().toString()).doesNotContain("s3cret");
    }

    @Test
    void namedPasswordVariableMustBeSet() throws IOException {
        config("migrations: { engine: flyway, location: m }\n");
        Flags f = flags();
        f.connection.url = "jdbc:postgresql://h/db";
        f.connection.passwordEnv = "DB_PW";

        assertThatThrownBy(() -> f.resolver(Map.of()).resolve())
                .hasMessageContaining("DB_PW").hasMessageContaining("not set")
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.SECRET_MISSING);
    }

    @Test
    void unknownEnvironmentListsKnownOnes() throws IOException {
        config("environments:\n  prod: { url: \"jdbc:postgresql://p/app\" }\n");
        Flags f = flags();
        f.connection.environment = "qa";

        assertThatThrownBy(() -> f.resolver(Map.of())).hasMessageContaining("'qa'").hasMessageContaining("[prod]");
    }

    @Test
    void unknownEngineIsAUsageError() throws IOException {
        config("");
        Flags f = flags();
        f.connection.url = "jdbc:postgresql://h/db";
        f.source.location = "m";
        f.source.engine = "sqitch";

        assertThatThrownBy(() -> f.resolver(Map.of()).resolve())
                .hasMessageContaining("engine 'sqitch' is unknown")
                .extracting(e -> ((SlipwayException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void missingUrlSaysHowToGiveOne() throws IOException {
        config("migrations: { engine: flyway, location: m }\n");

        assertThatThrownBy(() -> flags().resolver(Map.of()).resolve())
                .hasMessageContaining("--url").hasMessageContaining("SLIPWAY_URL").hasMessageContaining("--env");
    }

    @Test
    void zeroTimeoutFromAFlagIsRefused() throws IOException {
        config("migrations: { engine: flyway, location: m }\n");
        Flags f = flags();
        f.connection.url = "jdbc:postgresql://h/db";
        f.timeouts.lockTimeout = "0s";

        assertThatThrownBy(() -> f.resolver(Map.of()).resolve()).hasMessageContaining("--lock-timeout")
                .hasMessageContaining("never runs a migration without a timeout");
    }
}
