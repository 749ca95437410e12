package dev.slipway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    @Test
    void showsOnlyWhichForgesHaveASecret() {
        WebhookSecrets secrets = WebhookSecrets.ofText(Map.of(Forge.GITEA, "gitea-secret-value"));

        assertThat(secrets).hasToString("WebhookSecrets[github=none, gitlab=none, gitea=***]");
        assertThat(secrets.secret(Forge.GITEA)).hasValueSatisfying(s -> assertThat(s).asString()
                .isEqualTo("gitea-secret-value"));
        assertThat(secrets.secret(Forge.GITHUB)).isEmpty();
    }

    @Test
    void addingASecretLeavesTheOriginalAlone() {
        WebhookSecrets none = WebhookSecrets.none();

        none.with(Forge.GITHUB, "s3cret-value");

        assertThat(none.secret(Forge.GITHUB)).isEmpty();
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> WebhookSecrets.none().with(Forge.GITLAB, ""))
                .isInstanceOf(SlipwayException.class).hasMessageContaining("GitLab webhook secret is empty")
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void forgeIdsAreLowercase() {
        assertThat(Forge.GITHUB.id()).isEqualTo("github");
        assertThat(Forge.GITLAB.displayName()).isEqualTo("GitLab");
    }
}
