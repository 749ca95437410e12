package dev.slipway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.plan.Action.Blocked;
import dev.slipway.plan.Action.Create;
import dev.slipway.plan.Action.Drop;
import dev.slipway.plan.Action.DropReason;
import dev.slipway.plan.Action.Expired;
import dev.slipway.plan.Action.Rebuild;
import dev.slipway.plan.Action.RebuildReason;
import dev.slipway.plan.Action.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final Reconciler reconciler = new Reconciler(new ReconcilePolicy(Duration.ofHours(72), 3));

    @Test
    void createsAPreviewForANewPullRequest() {
        Plan plan = plan(List.of(pr("1", "aaa", 1)), List.of());

        assertThat(plan.of(Create.class)).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("preview_shop_pr_1"));
    }

    @Test
    void nothingToDoWhenEveryPreviewMatchesItsHead() {
        Plan plan = plan(List.of(pr("1", "aaa", 1), pr("2", "bbb", 2)),
                List.of(preview("1", "aaa", PreviewState.READY), preview("2", "bbb", PreviewState.FAILED)));

        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void rebuildsFromAFreshCloneWhenTheHeadMoved() {
        Plan plan = plan(List.of(pr("1", "new", 1)), List.of(preview("1", "old", PreviewState.READY)));

        assertThat(plan.of(Rebuild.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RebuildReason.NEW_HEAD));
        assertThat(plan.of(Create.class)).isEmpty();
    }

    @Test
    void aBuildingPreviewNobodyIsBuildingWasInterruptedAndIsRebuilt() {
        List<ActualPreview> actual = List.of(preview("1", "aaa", PreviewState.BUILDING));

        assertThat(plan(List.of(pr("1", "aaa", 1)), actual).of(Rebuild.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RebuildReason.INTERRUPTED));
        Plan whileBuilding = reconciler.plan(List.of(pr("1", "aaa", 1)), actual, List.of(),
                Set.of(key("1")), NOW);
        assertThat(whileBuilding.actions()).isEmpty();
    }

    @Test
    void dropsThePreviewOfAClosedPullRequest() {
        Plan plan = plan(List.of(), List.of(preview("1", "aaa", PreviewState.READY)));

        assertThat(plan.of(Drop.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DropReason.CLOSED));
    }

    @Test
    void dropsAPreviewIdlePastTheTtlAndDoesNotRebuildItUntilANewPush() {
        DesiredPreview stale = pr("1", "aaa", 73 * 60);

        Plan withPreview = plan(List.of(stale), List.of(preview("1", "aaa", PreviewState.READY)));
        Plan afterDrop = plan(List.of(stale), List.of());
        Plan afterPush = plan(List.of(pr("1", "bbb", 1)), List.of());

        assertThat(withPreview.of(Drop.class)).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(DropReason.EXPIRED));
        assertThat(afterDrop.of(Expired.class)).hasSize(1);
        assertThat(afterDrop.nothingToDo()).isTrue();
        assertThat(afterPush.of(Create.class)).hasSize(1);
    }

    @Test
    void queuesBeyondTheCapOldestHeadFirst() {
        List<DesiredPreview> prs = List.of(pr("9", "z", 60), pr("1", "a", 50), pr("2", "b", 40), pr("3", "c", 30),
                pr("4", "d", 20), pr("5", "e", 10));

        Plan plan = plan(prs, List.of(preview("9", "z", PreviewState.READY)));

        assertThat(plan.of(Create.class)).extracting(c -> c.pr().key().id()).containsExactly("1", "2");
        assertThat(plan.of(Wait.class)).extracting(w -> w.pr().key().id() + "@" + w.position() + "/" + w.queued())
                .containsExactly("3@1/3", "4@2/3", "5@3/3");
    }

    @Test
    void aDropFreesASlotInTheSamePlan() {
        List<ActualPreview> full = List.of(preview("7", "x", PreviewState.READY),
                preview("8", "y", PreviewState.READY), preview("9", "z", PreviewState.READY));
        List<DesiredPreview> prs = List.of(pr("8", "y", 5), pr("9", "z", 5), pr("10", "n", 1));

        Plan plan = plan(prs, full);

        assertThat(plan.of(Drop.class)).extracting(d -> d.key().id()).containsExactly("7");
        assertThat(plan.of(Create.class)).extracting(c -> c.key().id()).containsExactly("10");
        assertThat(plan.actions().get(0)).isInstanceOf(Drop.class);
    }

    @Test
    void neverCreatesOverAnUnmarkedDatabaseOfTheSameName() {
        Plan plan = reconciler.plan(List.of(pr("1", "aaa", 1)), List.of(),
                List.of(new ActualPreview.Foreign("preview_shop_pr_1")), Set.of(), NOW);

        assertThat(plan.of(Blocked.class)).singleElement()
                .satisfies(b -> assertThat(b.name()).isEqualTo("preview_shop_pr_1"));
        assertThat(plan.nothingToDo()).isTrue();
    }

    @Test
    void eventsInAnyOrderGiveTheSamePlan() {
        List<DesiredPreview> prs = new ArrayList<>(List.of(pr("3", "c", 3), pr("1", "a", 1), pr("2", "b", 2)));
        List<ActualPreview> actual = new ArrayList<>(List.of(preview("2", "old", PreviewState.READY),
                preview("5", "e", PreviewState.READY)));

        Plan first = plan(prs, actual);
        java.util.Collections.reverse(prs);
        java.util.Collections.reverse(actual);

        assertThat(plan(prs, actual)).isEqualTo(first);
    }

    @Test
    void aDuplicatedPullRequestKeepsTheNewerHead() {
        Plan plan = plan(List.of(pr("1", "old", 10), pr("1", "new", 1)), List.of());

        assertThat(plan.of(Create.class)).singleElement()
                .satisfies(c -> assertThat(c.pr().headSha()).isEqualTo("new"));
    }

    @Test
    void twoHundredUnchangedPullRequestsPlanNothing() {
        List<DesiredPreview> prs = new ArrayList<>();
        List<ActualPreview> actual = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            prs.add(pr(String.valueOf(i), "sha" + i, i % 50));
            actual.add(preview(String.valueOf(i), "sha" + i, PreviewState.READY));
        }

        assertThat(new Reconciler(new ReconcilePolicy(Duration.ofHours(1), 500))
                .plan(prs, actual, List.of(), Set.of(), NOW).actions()).isEmpty();
    }

    private Plan plan(List<DesiredPreview> desired, List<ActualPreview> actual) {
        return reconciler.plan(desired, actual, List.of(), Set.of(), NOW);
    }

    private static PreviewKey key(String id) {
        return new PreviewKey("acme/shop", id);
    }

    private static DesiredPreview pr(String id, String sha, int minutesAgo) {
        return new DesiredPreview(key(id), sha, "feature-" + id, NOW.minus(Duration.ofMinutes(minutesAgo)));
    }

    private static ActualPreview preview(String id, String sha, PreviewState state) {
        return new ActualPreview(PreviewNames.of(key(id)), key(id), sha, state, NOW.minus(Duration.ofMinutes(5)));
    }
}
