package dev.slipway.env;

import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import java.util.List;

/**
 * Creates, marks, lists and removes preview environments. Implementations are thread-safe; {@code serve}
 * calls them from its reconcile loop and its HTTP threads.
 */
public interface EnvironmentProvider {

    /** {@code local} or {@code kubernetes}. */
    String kind();

    /** The previews that carry Slipway's mark, and unmarked objects whose names look like previews. */
    Inventory inventory();

    /**
     * Creates the preview {@code name} for {@code key} from the masked golden, marked {@link PreviewState#BUILDING}.
     *
     * @throws dev.slipway.SlipwayException GOLDEN_NOT_MASKED when the golden is not marked masked and complete;
     *                                      PREVIEW_FAILED when the clone fails
     */
    PreviewTarget create(String name, PreviewKey key, String headSha);

    /** Rewrites the preview's mark with {@code state}. */
    void mark(PreviewTarget target, PreviewState state);

    /**
     * Removes a preview after checking, again, that it carries Slipway's mark for the same pull request.
     *
     * @throws dev.slipway.SlipwayException PREVIEW_FAILED when the mark is gone or names another pull request
     */
    void drop(ActualPreview preview);

    /** How a person connects to the preview, without the password. */
    ConnectionInfo connectionInfo(String name);

    /** What {@link #inventory()} found. */
    record Inventory(List<ActualPreview> previews, List<ActualPreview.Foreign> foreign) {
        public Inventory {
            previews = List.copyOf(previews);
            foreign = List.copyOf(foreign);
        }

        /**
         * The part one repository's serve acts on: its own previews. Other repositories' previews on the same
         * server are never dropped from it; their names count as taken (foreign).
         */
        public Inventory of(String repo) {
            List<ActualPreview.Foreign> taken = new java.util.ArrayList<>(foreign);
            previews.stream().filter(p -> !p.key().repo().equals(repo))
                    .forEach(p -> taken.add(new ActualPreview.Foreign(p.name())));
            return new Inventory(previews.stream().filter(p -> p.key().repo().equals(repo)).toList(), taken);
        }
    }

    /** Host, port, database and user of a preview; never a password. */
    record ConnectionInfo(String host, int port, String database, String user, String jdbcUrl) {
    }
}
