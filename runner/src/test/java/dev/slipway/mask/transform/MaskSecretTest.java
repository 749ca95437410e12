package dev.slipway.mask.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskSecretTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutASecretAndNamesTheVariable() {
        assertThatThrownBy(() -> MaskSecret.load(Map.of(), null, null)).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("SLIPWAY_MASK_SECRET is not set")
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.SECRET_MISSING));
        assertThatThrownBy(() -> MaskSecret.load(Map.of(), "GOLDEN_KEY", null)).hasMessageContaining("GOLDEN_KEY");
    }

    @Test
    void readsAFileAndRefusesShortSecretsWithoutQuotingThem() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "  0123456789abcdef0123\n");
        assertThat(MaskSecret.load(Map.of(), null, file).toString()).isEqualTo("Keyring[secret=***]");
        assertThatThrownBy(() -> MaskSecret.load(Map.of("K", "short-one"), "K", null))
                .hasMessageContaining("shorter than 16").hasMessageNotContaining("short-one");
    }
}
