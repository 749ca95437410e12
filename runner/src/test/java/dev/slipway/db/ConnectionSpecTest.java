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

    @Test
    void dataSourceConnectsWithTheShortUrlAndSlipwaysSettingsOverTheUrlsOwn() {
        ConnectionSpec spec = new ConnectionSpec(
                "jdbc:postgresql://db:5432/app?ssl=true&ApplicationName=theirs&options=-c%20lock_timeout%3D0",
                "bob", "hunter2", Duration.ofMillis(2500));

        PgDataSource ds = (PgDataSource) spec.dataSource("slipway-migrate",
                new SessionTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(15)));

        assertThat(ds.serverUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(ds.setting("ssl")).isEqualTo("true");
        assertThat(ds.setting("ApplicationName")).isEqualTo("slipway-migrate");
        assertThat(ds.setting("options")).contains("lock_timeout=2000", "statement_timeout=900000");
        assertThat(ds.setting("connectTimeout")).isEqualTo("3");
        assertThat(ds.setting("user")).isEqualTo("bob");
    }

    @Test
    void dataSourceWithoutTimeoutsKeepsTheUrlsOptions() {
        ConnectionSpec spec = new ConnectionSpec("jdbc:postgresql://db/app?options=-c%20search_path%3Dshop", "bob", null,
                TEN_SECONDS);

        PgDataSource ds = (PgDataSource) spec.dataSource("slipway", null);

        assertThat(ds.setting("options")).isEqualTo("-c search_path=shop");
        assertThat(ds.setting("password")).isNull();
    }
}
