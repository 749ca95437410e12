package dev.slipway.webhook;

/** Makes text from a delivery safe to put in a one-line reason: no control characters, bounded length. */
public final class OneLine {

    private static final int MAX = 120;

    private OneLine() {
    }

    /** {@code text} without control characters and cut to 120 characters; {@code (none)} for null. */
    public static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        String flat = text.replaceAll("\\p{Cntrl}", " ");
        if (flat.codePointCount(0, flat.length()) <= MAX) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, MAX - 1)) + "…";
    }
}
