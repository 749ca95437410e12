package dev.slipway.migrate;

/** Looks through an exception's chain of causes: the engines wrap the driver's error several times. */
final class Causes {

    private Causes() {
    }

    /** The first throwable of {@code type} in {@code t}'s cause chain, {@code t} included; {@code null} if none. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The message of the deepest cause that has one: the engines' own messages wrap it in noise. */
    static String rootMessage(Throwable t) {
        String message = t.toString();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message;
    }
}
