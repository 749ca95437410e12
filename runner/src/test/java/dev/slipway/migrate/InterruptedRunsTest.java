package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.audit.RunningRun;
import dev.slipway.audit.WriterSession;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InterruptedRunsTest {

    private static final Long SYSTEM = 7412345678901234567L;
    private static final Instant STARTED = Instant.parse("2026-12-01T08:00:00Z");
    private static final InterruptedRuns.Server SERVER = new InterruptedRuns.Server(SYSTEM, STARTED);
    private static final Instant SESSION = Instant.parse("2026-12-03T09:00:00.123456Z");

    private static RunningRun run(WriterSession writer) {
        return new RunningRun(UUID.randomUUID(), "jdbc:postgresql://db/app", "ci-7", SESSION, writer);
    }

    @Test
    void aRunWhoseWriterSessionIsGoneFromItsServerIsDead() {
        RunningRun gone = run(new WriterSession(4242, SESSION, STARTED, SYSTEM));

        assertThat(InterruptedRuns.dead(List.of(gone), SERVER, List.of())).containsExactly(gone);
        assertThat(InterruptedRuns.dead(List.of(gone), SERVER, List.of(new InterruptedRuns.Seen(4242,
                SESSION.plusSeconds(5))))).as("its pid now belongs to a newer session").containsExactly(gone);
        assertThat(InterruptedRuns.death(gone, SERVER, List.of())).isEqualTo(InterruptedRuns.Death.SESSION_GONE);
    }

    @Test
    void aRunOnTheSameServerBeforeItRestartedIsDeadWhateverSessionsThereAreNow() {
        RunningRun beforeRestart = run(new WriterSession(4242, SESSION, STARTED.minusSeconds(86_400), SYSTEM));

        assertThat(InterruptedRuns.dead(List.of(beforeRestart), SERVER, List.of(new InterruptedRuns.Seen(4242, null))))
                .as("a session with its pid now is another one: the restart ended every session")
                .containsExactly(beforeRestart);
        assertThat(InterruptedRuns.death(beforeRestart, SERVER, List.of()))
                .isEqualTo(InterruptedRuns.Death.SERVER_RESTARTED);
    }

    @Test
    void aRunWhoseSessionIsThereOrCannotBeSeenOrWasOnAnotherServerIsLeftAlone() {
        RunningRun alive = run(new WriterSession(4242, SESSION, STARTED, SYSTEM));
        RunningRun elsewhere = run(new WriterSession(77, SESSION, STARTED.minusSeconds(3600), SYSTEM + 1));
        RunningRun unknown = run(null);

        assertThat(InterruptedRuns.dead(List.of(alive), SERVER, List.of(new InterruptedRuns.Seen(4242, SESSION))))
                .isEmpty();
        assertThat(InterruptedRuns.dead(List.of(alive), SERVER, List.of(new InterruptedRuns.Seen(4242, null))))
                .as("another user's session: its start is hidden").isEmpty();
        assertThat(InterruptedRuns.dead(List.of(elsewhere, unknown), SERVER, List.of())).isEmpty();
    }

    @Test
    void aRunWhoseServerIdentityIsUnknownThenOrNowOrThatStartedOnANewerServerIsLeftAlone() {
        Instant earlier = STARTED.minusSeconds(3600);
        RunningRun unreadable = run(new WriterSession(77, SESSION, earlier, null));
        RunningRun known = run(new WriterSession(77, SESSION, earlier, SYSTEM));
        RunningRun onANewerStart = run(new WriterSession(77, SESSION, STARTED.plusSeconds(60), SYSTEM));

        assertThat(InterruptedRuns.dead(List.of(unreadable), SERVER, List.of())).as("not readable then").isEmpty();
        assertThat(InterruptedRuns.dead(List.of(known), new InterruptedRuns.Server(null, STARTED), List.of()))
                .as("not readable now").isEmpty();
        assertThat(InterruptedRuns.dead(List.of(onANewerStart), SERVER, List.of()))
                .as("started after this server did: a standby of it, or a clock that went back").isEmpty();
    }
}
