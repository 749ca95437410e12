package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConnectionRef;
import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.GateConfig;
import dev.slipway.config.LintConfig;
import dev.slipway.config.MigrationSettings;
import dev.slipway.config.SlipwayConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateTokensTest {

    private static EnvironmentConfig env(String name, String tokenEnv) {
        return new EnvironmentConfig(name, new ConnectionRef("jdbc:postgresql://h/" + name, null, null),
                MigrationSettings.DEFAULT, new GateConfig(tokenEnv, false, Duration.ofSeconds(5), null, null, List.of(),
                false, List.of()));
    }

    private static SlipwayConfig config(EnvironmentConfig... envs) {
        Map<String, EnvironmentConfig> byName = new java.util.LinkedHashMap<>();
        for (EnvironmentConfig e : envs) {
            byName.put(e.name(), e);
        }
        return new SlipwayConfig(null, null, null, MigrationSettings.DEFAULT, null, byName, LintConfig.DEFAULT, null);
    }

    private final GateTokens tokens = GateTokens.of(config(env("prod", "PROD_TOKEN"), env("dev", null)),
            Map.of("PROD_TOKEN", "s3cret-prod-token"));

    @Test
    void allowsTheEnvironmentsOwnToken() {
        assertThat(tokens.allows("prod", "Bearer s3cret-prod-token")).isTrue();
        assertThat(tokens.allows("prod", "bearer s3cret-prod-token")).as("scheme is case-insensitive").isTrue();
    }

    @Test
    void refusesWrongMissingOrMalformedTokens() {
        assertThat(tokens.allows("prod", "Bearer s3cret-prod-tokeN")).isFalse();
        assertThat(tokens.allows("prod", "Bearer s3cret")).isFalse();
        assertThat(tokens.allows("prod", null)).isFalse();
        assertThat(tokens.allows("prod", "Basic czNjcmV0LXByb2QtdG9rZW4=")).isFalse();
        assertThat(tokens.allows("prod", "s3cret-prod-token")).isFalse();
    }

    @Test
    void environmentWithoutTokenVariableHasTheApiOff() {
        assertThat(tokens.enabled("dev")).isFalse();
        assertThat(tokens.allows("dev", "Bearer anything")).isFalse();
        assertThat(tokens.enabled("prod")).isTrue();
    }

    @Test
    void unsetTokenVariableStopsStartNamingItNotTheValue() {
        assertThatThrownBy(() -> GateTokens.of(config(env("prod", "PROD_TOKEN")), Map.of()))
                .isInstanceOf(SlipwayException.class).hasMessageContaining("PROD_TOKEN")
                .hasMessageContaining("environments.prod.gate.tokenEnv")
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.SECRET_MISSING);
    }
}
