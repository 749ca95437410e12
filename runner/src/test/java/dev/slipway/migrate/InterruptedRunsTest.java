package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.audit.RunningRun;
import dev.slipway.audit.WriterSession;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InterruptedRunsTest {

    private static final Instant SERVER = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant SESSION = Instant.parse("2026-12-03T09:00:00.123456Z");

    private static RunningRun run(WriterSession writer) {
        return new RunningRun(UUID.randomUUID(), "jdbc:postgresql://db/app", "ci-7", SESSION, writer);
    }

    @Test
    void aRunWhoseWriterSessionIsGoneFromItsServerIsDead() {
        RunningRun gone = run(new WriterSession(4242, SESSION, SERVER));

        assertThat(InterruptedRuns.dead(List.of(gone), SERVER, List.of())).containsExactly(gone);
        assertThat(InterruptedRuns.dead(List.of(gone), SERVER, List.of(new InterruptedRuns.Seen(4242,
                SESSION.plusSeconds(5))))).as("its pid now belongs to a newer session").containsExactly(gone);
    }

    @Test
    void aRunWhoseSessionIsThereOrCannotBeSeenOrWasOnAnotherServerIsLeftAlone() {
        RunningRun alive = run(new WriterSession(4242, SESSION, SERVER));
        RunningRun elsewhere = run(new WriterSession(77, SESSION, SERVER.minusSeconds(3600)));
        RunningRun unknown = run(null);

        assertThat(InterruptedRuns.dead(List.of(alive), SERVER, List.of(new InterruptedRuns.Seen(4242, SESSION))))
                .isEmpty();
        assertThat(InterruptedRuns.dead(List.of(alive), SERVER, List.of(new InterruptedRuns.Seen(4242, null))))
                .as("another user's session: its start is hidden").isEmpty();
        assertThat(InterruptedRuns.dead(List.of(elsewhere, unknown), SERVER, List.of())).isEmpty();
    }
}
