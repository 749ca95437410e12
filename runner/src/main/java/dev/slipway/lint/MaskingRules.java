package dev.slipway.lint;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.rules.RulesLoader;
import java.nio.file.Files;

/**
 * The masking rules {@code masking-coverage} checks new columns against, loaded as {@code slipway mask} loads them.
 *
 * @param shown the rules file as messages name it
 */
public record MaskingRules(MaskRules rules, String shown) {

    /**
     * Reads and validates the rules with {@link RulesLoader}, whose errors name the file as the user knows it.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_RULES_INVALID} when the file is missing or does not load
     */
    public static MaskingRules load(MaskingFile file) {
        if (!Files.isRegularFile(file.path())) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "masking rules file " + file.shown() + " does not "
                    + "exist; pass --masking with the path of your masking.yaml (or set lint.masking in slipway.yaml), or "
                    + "leave both out to lint without the masking-coverage rule");
        }
        try {
            return new MaskingRules(RulesLoader.load(file.path()), file.shown());
        } catch (SlipwayException e) {
            throw new SlipwayException(e.code(), e.getMessage().replace(file.path().toString(), file.shown()), e);
        }
    }
}
