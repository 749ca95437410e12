package dev.slipway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionSpecTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void toStringNeverShowsThePassword() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db:5432/app", "bob", "hunter2", TEN_SECONDS);

        assertThat(spec.toString()).doesNotContain("hunter2").contains("bob", "password=***", "db:5432/app");
        assertThat(spec.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void toStringNeverShowsAPasswordGivenInTheUrl() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://bob:hunter1@db/app?password=hunter2", "bob", null,
                TEN_SECONDS);

        assertThat(spec.toString()).doesNotContain("hunter1", "hunter2").contains("password=none");
    }

    @Test
    void refusesAUrlThatIsNotPostgresWithoutShowingItsSecret() {
        assertThatThrownBy(() -> new ConnectionSpec("jdbc:mysql://db/app?password=hunter2", "bob", null, TEN_SECONDS))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessageContaining("jdbc:postgresql://HOST[:PORT]/DATABASE")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void withDatabaseKeepsServerCredentialsAndParameters() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db:5432/app?ssl=true", "bob", "hunter2", TEN_SECONDS);

        ConnectionSpec other = spec.withDatabase("preview_pr_7");

        assertThat(other.url()).isEqualTo("jdbc:postgresql://db:5432/preview_pr_7?ssl=true");
        assertThat(other.user()).isEqualTo("bob");
        assertThat(other.password()).isEqualTo("hunter2");
    }

    @Test
    void aRefusedLoginNamesTargetAndUserButNotThePassword() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db/app?password=hunter1", "bob", "hunter2", TEN_SECONDS);
        SQLException refused = new SQLException("FATAL: password authentication failed (tried hunter2)", "28P01");

        SlipwayException e = spec.connectFailure(refused);

        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(e.getMessage()).contains("jdbc:postgresql://db/app?password=***", "user 'bob'", "28P01",
                "check the user and the password").doesNotContain("hunter1", "hunter2");
    }

    @Test
    void anUnreachableServerSaysWhatToCheck() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db/app", "bob", null, TEN_SECONDS);

        SlipwayException e = spec.connectFailure(new SQLException("Connection refused", "08001"));

        assertThat(e.getMessage()).contains("08001", "check that the server runs");
    }
}
